export { InvalidArgumentError, MetricsError } from './errors.js';
export type { MetricsErrorCode } from './errors.js';
export { recallAtK, successAtK } from './measures/success-at-k.js';
export type { Qrels, Run, ScoredDocument } from './types.js';

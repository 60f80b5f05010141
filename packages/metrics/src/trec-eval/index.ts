export { parseTrecEvalArguments, trecEvalUsage } from './arguments.js';
export type { TrecEvalArguments } from './arguments.js';
export { formatFixed } from './c-format.js';
export { measureDefinitions } from './measures.js';
export { resolveTrecEvalOptions, trecEvalVersions } from './options.js';
export type { RelInfoFormat, ResolvedTrecEvalOptions, TrecEvalOptions, TrecEvalVersion } from './options.js';
export { RepeatedTopicSignal, TrecEvalSession } from './session.js';
export { trecEval } from './run-trec-eval.js';
export type { TrecEvalInput } from './run-trec-eval.js';

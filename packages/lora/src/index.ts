export { InvalidArgumentError, LoraError } from './errors.js';
export type { LoraErrorCode } from './errors.js';
export { matrixParameterCount } from './math/parameter-count.js';
export type { MatrixParameterCount, MatrixShape } from './math/parameter-count.js';

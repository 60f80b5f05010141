/**
 * Element-wise kernels over `Float32Array`s. Pure functions; outputs provided by the caller.
 *
 * @module
 */

/** y ← y + α·x over the first `x.length` elements. */
export function axpyImpl(y: Float32Array, x: Float32Array, alpha: number): void {
  const length = x.length;
  for (let index = 0; index < length; index++) y[index] = y[index]! + alpha * x[index]!;
}

/** x ← α·x. */
export function scaleImpl(x: Float32Array, alpha: number): void {
  const length = x.length;
  for (let index = 0; index < length; index++) x[index] = alpha * x[index]!;
}

/** Index of the first NaN or ±Infinity, or -1 when every element is finite. */
export function firstNonFiniteImpl(x: Float32Array): number {
  const length = x.length;
  for (let index = 0; index < length; index++) {
    const value = x[index]!;
    // value - value is NaN exactly for NaN and ±Infinity; cheaper than Number.isFinite on a hot path.
    if (value - value !== 0) return index;
  }
  return -1;
}

/** Σ xᵢ², accumulated in float64. */
export function sumOfSquaresImpl(x: Float32Array): number {
  let sum = 0;
  const length = x.length;
  for (let index = 0; index < length; index++) {
    const value = x[index]!;
    sum += value * value;
  }
  return sum;
}

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

/**
 * Σ xᵢ², accumulated in float64 (each square of a float32 is exact in float64). Four independent sums, so the loop
 * is not bound by the latency of one chain of additions (about three times faster on large arrays).
 */
export function sumOfSquaresImpl(x: Float32Array): number {
  let sum0 = 0;
  let sum1 = 0;
  let sum2 = 0;
  let sum3 = 0;
  const length = x.length;
  let index = 0;
  for (; index + 3 < length; index += 4) {
    const value0 = x[index]!;
    const value1 = x[index + 1]!;
    const value2 = x[index + 2]!;
    const value3 = x[index + 3]!;
    sum0 += value0 * value0;
    sum1 += value1 * value1;
    sum2 += value2 * value2;
    sum3 += value3 * value3;
  }
  for (; index < length; index++) {
    const value = x[index]!;
    sum0 += value * value;
  }
  return sum0 + sum1 + (sum2 + sum3);
}

// Rounding-error bounds for float32 products, the yardstick both kernel sets are held to (the JavaScript kernels sum
// in float64 and round once, the WebAssembly SIMD kernels sum in float32 as BLAS and PyTorch do; both must stay
// within the bound of a plain float32 evaluation). From Higham, Accuracy and Stability of Numerical Algorithms
// (2nd ed.), Lemma 3.1 and §3.1: a sum of n products computed in floating point with unit roundoff u, in any order,
// differs from the exact one by at most γₙ·Σ|aᵢbᵢ|, with γₙ = n·u / (1 − n·u).

/** Unit roundoff of float32 (round to nearest): 2⁻²⁴. */
export const float32UnitRoundoff = 2 ** -24;
/** Unit roundoff of float64, for the error of the float64 reference loops themselves. */
const float64UnitRoundoff = 2 ** -53;

/** γₙ = n·u / (1 − n·u): the relative bound of n successive roundings (n·u < 1). */
export function gamma(roundings: number, unitRoundoff = float32UnitRoundoff): number {
  const product = roundings * unitRoundoff;
  if (!(product < 1)) throw new Error(`γ is only defined for n·u < 1, got n = ${String(roundings)}`);
  return product / (1 - product);
}

/**
 * Roundings an element of C = α·op(A)·op(B) + β·C (or W += s·B·A) goes through in float32, at most, over a depth of k:
 * one for each product aₜ·bₜ, one for α (folded into A or applied to the sum), and k additions (the k products and
 * β·C, itself one rounding, make k + 1 terms). Hence γ_{k+2} on |α|·Σ|aₜbₜ| + |β·c|. Blocking, lane-wise partial sums
 * and float64 accumulation only lower the count.
 */
export function productRoundings(depth: number): number {
  return depth + 2;
}

/** Which operand of {@link referenceProduct} is stored transposed. */
export type ProductKind = 'matmul' | 'matmulTransposeA' | 'matmulTransposeB';

/** Exact (float64) values of C = α·op(A)·op(B) + β·C and the float32 bound of each element. */
export interface BoundedReference {
  readonly values: Float64Array;
  readonly bounds: Float64Array;
}

/**
 * α·op(A)·op(B) + β·C by a float64 triple loop, with each element's bound γ_{k+2}·(|α|·Σ|aₜbₜ| + |β·c|), plus the
 * float64 loop's own bound (about 2²⁹ times smaller).
 *
 * @param kind - `matmul`: A `m × k`, B `k × n`; `matmulTransposeA`: A stored `k × m`; `matmulTransposeB`: B stored `n × k`.
 */
export function referenceProduct(kind: ProductKind, operands: { m: number; n: number; k: number; a: ArrayLike<number>; b: ArrayLike<number>; c?: ArrayLike<number>; alpha?: number; beta?: number }): BoundedReference {
  const { m, n, k, a, b, c } = operands;
  const alpha = operands.alpha ?? 1;
  const beta = operands.beta ?? 0;
  const aAt = (i: number, t: number): number => (kind === 'matmulTransposeA' ? a[t * m + i]! : a[i * k + t]!);
  const bAt = (t: number, j: number): number => (kind === 'matmulTransposeB' ? b[j * k + t]! : b[t * n + j]!);
  const relative = gamma(productRoundings(k)) + gamma(k + 1, float64UnitRoundoff);
  const values = new Float64Array(m * n);
  const bounds = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let t = 0; t < k; t++) {
        const term = aAt(i, t) * bAt(t, j);
        sum += term;
        magnitude += Math.abs(term);
      }
      const previous = beta === 0 || c === undefined ? 0 : c[i * n + j]!;
      values[i * n + j] = alpha * sum + beta * previous;
      bounds[i * n + j] = relative * (Math.abs(alpha) * magnitude + Math.abs(beta * previous));
    }
  }
  return { values, bounds };
}

/**
 * W + s·B·A (W `rows × cols`, B `rows × rank`, A `rank × cols`) in float64, with the bound
 * γ_{rank+2}·(|w| + |s|·Σ|bₜaₜ|) of each element; `transposed` gives the result for W stored `cols × rows`.
 */
export function referenceMerge(operands: { weight: ArrayLike<number>; b: ArrayLike<number>; a: ArrayLike<number>; rows: number; cols: number; rank: number; scale: number; transposed?: boolean }): BoundedReference {
  const { weight, b, a, rows, cols, rank, scale } = operands;
  const relative = gamma(productRoundings(rank)) + gamma(rank + 2, float64UnitRoundoff);
  const values = Float64Array.from(weight);
  const bounds = new Float64Array(values.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < cols; column++) {
      let sum = 0;
      let magnitude = 0;
      for (let t = 0; t < rank; t++) {
        const term = b[row * rank + t]! * a[t * cols + column]!;
        sum += term;
        magnitude += Math.abs(term);
      }
      const index = operands.transposed === true ? column * rows + row : row * cols + column;
      bounds[index] = relative * (Math.abs(values[index]!) + Math.abs(scale) * magnitude);
      values[index] = values[index]! + scale * sum;
    }
  }
  return { values, bounds };
}

/**
 * Widens float32 bounds for a result then stored in a narrower float type with unit roundoff `storedUnitRoundoff`
 * (F16 2⁻¹¹, BF16 2⁻⁸) and smallest positive subnormal `storedSubnormal`: |fl(y) − e| ≤ E·(1 + u_d) + u_d·|e| + half a
 * subnormal, where E is the float32 bound of y.
 */
export function storedBounds(reference: BoundedReference, storedUnitRoundoff: number, storedSubnormal: number): BoundedReference {
  const bounds = reference.bounds.map((bound, index) => bound * (1 + storedUnitRoundoff) + storedUnitRoundoff * Math.abs(reference.values[index]!) + storedSubnormal / 2);
  return { values: reference.values, bounds };
}

/**
 * The largest |actual − expected| / bound over all elements: at most 1 when every element is within its bound. An
 * element with a zero bound must be exact; NaN anywhere, or a length mismatch, gives Infinity.
 */
export function worstBoundRatio(actual: ArrayLike<number>, expected: BoundedReference): number {
  if (actual.length !== expected.values.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  for (let index = 0; index < expected.values.length; index++) {
    const error = Math.abs(actual[index]! - expected.values[index]!);
    const bound = expected.bounds[index]!;
    const ratio = bound === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / bound;
    worst = Number.isNaN(ratio) ? Number.POSITIVE_INFINITY : Math.max(worst, ratio);
  }
  return worst;
}

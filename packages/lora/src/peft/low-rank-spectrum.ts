import { jacobiSvd } from '../svd/jacobi-svd.js';

/** The singular values of a product B·A, and its Frobenius norm, computed from the factors alone. */
export interface LowRankSpectrum {
  /** ‖B·A‖_F. */
  readonly frobeniusNorm: number;
  /** The r singular values of B·A, descending (zeros included when B·A has lower rank). */
  readonly singularValues: Float64Array;
}

/**
 * The spectrum of ΔW = B·A (B `[out, r]`, A `[r, in]`, row-major float32 or float64) without forming the
 * `out × in` product: with the r × r Gram matrices G_A = A·Aᵀ and G_B = Bᵀ·B (accumulated in float64, cost
 * r²·(in + out)),
 *
 * - ‖B·A‖²_F = trace(B·A·Aᵀ·Bᵀ) = trace(G_B·G_A);
 * - the nonzero eigenvalues of (B·A)(B·A)ᵀ = B·G_A·Bᵀ are those of G_A^½·G_B·G_A^½ (r × r, symmetric positive
 *   semi-definite), so the singular values of B·A are the square roots of its eigenvalues.
 *
 * G_A^½ comes from a Jacobi SVD of G_A (for a symmetric PSD matrix its SVD is its eigendecomposition). Squaring
 * costs relative accuracy in singular values below about 1e-8 × the largest, which is far below what an effective
 * rank needs.
 *
 * Degenerate case: B = 0 (a freshly initialised adapter) gives norm 0 and all singular values 0.
 */
export function lowRankSpectrum(left: ArrayLike<number>, right: ArrayLike<number>, shape: { rows: number; rank: number; cols: number }): LowRankSpectrum {
  const { rows, rank, cols } = shape;
  const gramRight = new Float64Array(rank * rank); // A·Aᵀ
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < rank; j++) {
      let sum = 0;
      const rowI = i * cols;
      const rowJ = j * cols;
      for (let k = 0; k < cols; k++) sum += right[rowI + k]! * right[rowJ + k]!;
      gramRight[i * rank + j] = sum;
      gramRight[j * rank + i] = sum;
    }
  }
  const gramLeft = new Float64Array(rank * rank); // Bᵀ·B
  for (let row = 0; row < rows; row++) {
    const offset = row * rank;
    for (let i = 0; i < rank; i++) {
      const value = left[offset + i]!;
      if (value === 0) continue;
      for (let j = i; j < rank; j++) gramLeft[i * rank + j]! += value * left[offset + j]!;
    }
  }
  for (let i = 0; i < rank; i++) for (let j = 0; j < i; j++) gramLeft[i * rank + j] = gramLeft[j * rank + i]!;

  let squaredNorm = 0;
  for (let i = 0; i < rank; i++) for (let j = 0; j < rank; j++) squaredNorm += gramLeft[i * rank + j]! * gramRight[j * rank + i]!;

  // G_A^½ = U·diag(√s)·Uᵀ.
  const rightSvd = jacobiSvd(gramRight, rank, rank);
  const root = new Float64Array(rank * rank);
  for (let k = 0; k < rank; k++) {
    const scale = Math.sqrt(rightSvd.singularValues[k]!);
    if (scale === 0) continue;
    for (let i = 0; i < rank; i++) {
      const scaledEntry = rightSvd.left[i * rank + k]! * scale;
      for (let j = 0; j < rank; j++) root[i * rank + j]! += scaledEntry * rightSvd.left[j * rank + k]!;
    }
  }
  const middle = multiply(multiply(root, gramLeft, rank), root, rank);
  const eigenvalues = jacobiSvd(middle, rank, rank).singularValues;
  return { frobeniusNorm: Math.sqrt(Math.max(0, squaredNorm)), singularValues: eigenvalues.map((value) => Math.sqrt(Math.max(0, value))) };
}

/**
 * The entropy effective rank of Roy and Vetterli (2007): exp(−Σ pᵢ·ln pᵢ) with pᵢ = σᵢ / Σσⱼ. It is 1 for a rank-1
 * matrix, r for r equal singular values, and in between otherwise. Degenerate case: all σ = 0 gives 0.
 */
export function entropyEffectiveRank(singularValues: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < singularValues.length; index++) total += singularValues[index]!;
  if (total === 0) return 0;
  let entropy = 0;
  for (let index = 0; index < singularValues.length; index++) {
    const share = singularValues[index]! / total;
    if (share > 0) entropy -= share * Math.log(share);
  }
  return Math.exp(entropy);
}

/**
 * The numerical rank: the number of singular values above σ_max · max(rows, cols) · ε with ε the float32 machine
 * epsilon 2^-23 (NumPy's `matrix_rank` rule, for float32 data). Degenerate case: all σ = 0 gives 0.
 */
export function numericalRank(singularValues: ArrayLike<number>, rows: number, cols: number): number {
  let largest = 0;
  for (let index = 0; index < singularValues.length; index++) largest = Math.max(largest, singularValues[index]!);
  const threshold = largest * Math.max(rows, cols) * 2 ** -23;
  let count = 0;
  for (let index = 0; index < singularValues.length; index++) if (singularValues[index]! > threshold) count++;
  return count;
}

function multiply(left: Float64Array, right: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let k = 0; k < size; k++) {
      const value = left[i * size + k]!;
      if (value === 0) continue;
      for (let j = 0; j < size; j++) product[i * size + j]! += value * right[k * size + j]!;
    }
  }
  return product;
}

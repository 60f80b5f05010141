import { InvalidArgumentError } from '../errors.js';
import { matmulInto, matmulTransposeBInto } from '../kernels/matrix-ops.js';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertConsistent, createMatrix } from '../tensor/matrix.js';
import { choleskyQr2Rows, CholeskyQrWorkspace } from './cholesky-qr.js';
import { jacobiSvd } from './jacobi-svd.js';

/** How {@link truncatedSvd} computes the top singular triplets. */
export interface TruncatedSvdOptions {
  /** How many singular triplets to keep (1 ≤ rank ≤ min(rows, cols)). */
  readonly rank: number;
  /**
   * `exact`: one-sided Jacobi on the whole matrix (O(min² · max) per sweep, for small matrices);
   * `randomized`: randomized subspace iteration (Halko, Martinsson and Tropp, 2011, Algorithm 4.4) followed by an
   * exact SVD of the small projected matrix; `auto` (default): exact when min(rows, cols) ≤ max(64, 2·(rank +
   * oversampling)), randomized otherwise.
   */
  readonly method?: 'auto' | 'exact' | 'randomized';
  /** Extra random directions beyond `rank` (default 10). */
  readonly oversampling?: number;
  /**
   * Power iterations (default 4). Each multiplies the error of the captured subspace by about
   * (σ_{k+1}/σ_k)²; four make the result accurate to float32 for the spectra of fine-tuning updates.
   */
  readonly powerIterations?: number;
  /** Seed of the random test matrix (default 0), so results are reproducible. */
  readonly seed?: number;
}

/** The best rank-k approximation U_k·diag(S_k)·V_kᵀ of a matrix (Eckart–Young), in float64. */
export interface TruncatedSvd {
  readonly rank: number;
  /** The k largest singular values, descending. */
  readonly singularValues: Float64Array;
  /** U_k, `rows × k`, row-major. */
  readonly left: Float64Array;
  /** V_kᵀ, `k × cols`, row-major. */
  readonly rightTransposed: Float64Array;
  /** Which method ran. */
  readonly method: 'exact' | 'randomized';
}

/**
 * The top `rank` singular triplets of a float32 matrix.
 *
 * Signs of singular vectors are arbitrary (as in LAPACK); compare products, not vectors.
 *
 * @throws {InvalidArgumentError} when `rank` is not an integer in [1, min(rows, cols)], or the iteration counts are
 * negative.
 */
export function truncatedSvd(matrix: Matrix, options: TruncatedSvdOptions): TruncatedSvd {
  assertConsistent('matrix', matrix);
  const { rows, cols } = matrix;
  const smaller = Math.min(rows, cols);
  const { rank } = options;
  if (!Number.isSafeInteger(rank) || rank < 1 || rank > smaller) {
    throw new InvalidArgumentError('rank', `rank must be an integer in [1, ${String(smaller)}] for a ${String(rows)} × ${String(cols)} matrix, got ${String(rank)}`);
  }
  const oversampling = options.oversampling ?? 10;
  const powerIterations = options.powerIterations ?? 4;
  if (!Number.isSafeInteger(oversampling) || oversampling < 0) {
    throw new InvalidArgumentError('oversampling', `oversampling must be a non-negative integer, got ${String(oversampling)}`);
  }
  if (!Number.isSafeInteger(powerIterations) || powerIterations < 0) {
    throw new InvalidArgumentError('powerIterations', `powerIterations must be a non-negative integer, got ${String(powerIterations)}`);
  }
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && smaller <= Math.max(64, 2 * (rank + oversampling)));
  if (exact) {
    const full = jacobiSvd(Float64Array.from(matrix.data), rows, cols);
    return {
      rank,
      singularValues: full.singularValues.slice(0, rank),
      left: takeColumns(full.left, rows, smaller, rank),
      rightTransposed: full.rightTransposed.slice(0, rank * cols),
      method: 'exact',
    };
  }
  return randomizedSvd(matrix, { rank, width: Math.min(smaller, rank + oversampling), powerIterations, seed: options.seed ?? 0 });
}

function randomizedSvd(matrix: Matrix, settings: { rank: number; width: number; powerIterations: number; seed: number }): TruncatedSvd {
  const { rows, cols } = matrix;
  const { rank, width } = settings;
  const workspace = new CholeskyQrWorkspace();
  // Bases are kept as sets of row vectors (width × dimension) so every product streams contiguous rows.
  const probe = createMatrix(width, cols);
  createRandom(settings.seed).fillNormal(probe.data, 0, 1);
  const range = createMatrix(width, rows); // Yᵀ = Ωᵀ·Mᵀ, then orthonormalised: Qᵀ
  matmulTransposeBInto(range, probe, matrix);
  orthonormalizeRows(range, workspace);
  for (let iteration = 0; iteration < settings.powerIterations; iteration++) {
    matmulInto(probe, range, matrix); // Zᵀ = Qᵀ·M
    orthonormalizeRows(probe, workspace);
    matmulTransposeBInto(range, probe, matrix); // Yᵀ = Zᵀ·Mᵀ
    orthonormalizeRows(range, workspace);
  }
  const projected = createMatrix(width, cols);
  matmulInto(projected, range, matrix); // Qᵀ·M, small: width × cols
  const small = wideSvd(projected, rank, workspace);
  // U = Q·Ũ: U[i, k] = Σₜ Qᵀ[t, i]·Ũ[t, k].
  const left = new Float64Array(rows * rank);
  for (let t = 0; t < width; t++) {
    const basisRow = t * rows;
    for (let k = 0; k < rank; k++) {
      const coefficient = small.left[t * width + k]!;
      if (coefficient === 0) continue;
      for (let i = 0; i < rows; i++) left[i * rank + k] = left[i * rank + k]! + coefficient * range.data[basisRow + i]!;
    }
  }
  return {
    rank,
    singularValues: small.singularValues.slice(0, rank),
    left,
    rightTransposed: small.rightTransposed,
    method: 'randomized',
  };
}

/**
 * The SVD of a short, wide matrix B (`width × cols`, width ≤ cols) through its row QR: B = L·Q (CholeskyQR2), the
 * small L = U_L·S·V_Lᵀ by one-sided Jacobi, so B = U_L·S·(V_Lᵀ·Q). Only the first `rank` rows of Vᵀ are formed.
 * Falls back to one-sided Jacobi on B itself when B is too ill-conditioned for CholeskyQR2 (rank-deficient ΔW).
 *
 * @returns the singular values (all `width`), U (`width × width`) and the first `rank` rows of Vᵀ (`rank × cols`).
 */
function wideSvd(matrix: Matrix, rank: number, workspace: CholeskyQrWorkspace): { singularValues: Float64Array; left: Float64Array; rightTransposed: Float64Array } {
  const { rows: width, cols } = matrix;
  const basis = new Float64Array(width * cols);
  const lower = choleskyQr2Rows(matrix.data, matrix, basis, workspace);
  if (lower === undefined) {
    const full = jacobiSvd(Float64Array.from(matrix.data), width, cols);
    return { singularValues: full.singularValues, left: full.left, rightTransposed: full.rightTransposed.slice(0, rank * cols) };
  }
  const small = jacobiSvd(lower, width, width);
  // Vᵀ[k] = Σⱼ V_Lᵀ[k, j]·Q[j].
  const rightTransposed = new Float64Array(rank * cols);
  for (let k = 0; k < rank; k++) {
    const target = k * cols;
    for (let j = 0; j < width; j++) {
      const coefficient = small.rightTransposed[k * width + j]!;
      if (coefficient === 0) continue;
      const source = j * cols;
      for (let t = 0; t < cols; t++) rightTransposed[target + t] = rightTransposed[target + t]! + coefficient * basis[source + t]!;
    }
  }
  return { singularValues: small.singularValues, left: small.left, rightTransposed };
}

/**
 * Orthonormalises the rows of a matrix in place (rows ≤ cols): CholeskyQR2 with float64 Gram matrices when the rows
 * are well-conditioned (the usual case, and three times faster), otherwise modified Gram–Schmidt in float64, applied
 * twice ("twice is enough", Giraud et al., 2005) so the rows are orthonormal to working precision; there a row that is
 * (numerically) in the span of the previous ones becomes zero.
 */
export function orthonormalizeRows(matrix: Matrix, workspace = new CholeskyQrWorkspace()): void {
  if (matrix.rows <= matrix.cols && choleskyQr2Rows(matrix.data, matrix, matrix.data, workspace) !== undefined) return;
  gramSchmidtRows(matrix);
}

/** Modified Gram–Schmidt in float64, twice, on the rows of a matrix in place; dependent rows become zero. */
function gramSchmidtRows(matrix: Matrix): void {
  const { rows, cols } = matrix;
  const basis: Float64Array[] = [];
  for (let row = 0; row < rows; row++) {
    const vector = Float64Array.from(matrix.data.subarray(row * cols, row * cols + cols));
    const originalNorm = norm(vector);
    for (let pass = 0; pass < 2; pass++) {
      for (const previous of basis) {
        let dot = 0;
        for (let index = 0; index < cols; index++) dot += previous[index]! * vector[index]!;
        for (let index = 0; index < cols; index++) vector[index] = vector[index]! - dot * previous[index]!;
      }
    }
    const remaining = norm(vector);
    if (remaining <= originalNorm * 1e-12 || remaining === 0) vector.fill(0);
    else for (let index = 0; index < cols; index++) vector[index] = vector[index]! / remaining;
    basis.push(vector);
    matrix.data.set(vector, row * cols);
  }
}

function norm(vector: Float64Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return Math.sqrt(sum);
}

function takeColumns(source: Float64Array, rows: number, sourceCols: number, keep: number): Float64Array {
  const result = new Float64Array(rows * keep);
  for (let row = 0; row < rows; row++) result.set(source.subarray(row * sourceCols, row * sourceCols + keep), row * keep);
  return result;
}

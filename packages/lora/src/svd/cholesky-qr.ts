/**
 * CholeskyQR2 on the rows of a short, wide matrix (Fukaya, Nakatsukasa, Yanagisawa and Yamamoto, "CholeskyQR2: a
 * simple and communication-avoiding algorithm for computing a tall-skinny QR factorization", 2014): X = L·Q with L
 * lower triangular and Q's rows orthonormal, from the Gram matrix G = X·Xᵀ = L·Lᵀ and Q = L⁻¹·X, done twice. The
 * Gram matrices and triangular solves run in float64 (register-blocked loops), so the factorization is accurate for
 * condition numbers up to about 10⁵ and costs a third of modified Gram–Schmidt applied twice. Beyond that (or for
 * rank-deficient X, where a Cholesky pivot vanishes) it declines, and the caller uses a rank-revealing method.
 *
 * @module
 */

/** Row-major float arrays the factorization reads or writes (converted to float64 once, so every loop sees one type). */
type Floats = Float32Array | Float64Array;

/**
 * A Cholesky pivot below this share of its diagonal entry (the part of a row orthogonal to the rows before it, squared,
 * relative to the row's squared norm) means X is too close to rank-deficient for CholeskyQR2 to give orthonormal rows
 * in float64 (its first pass loses about u·κ² of orthogonality, u = 2⁻⁵³): about κ > 10⁵.
 */
const minimumPivotShare = 1e-10;

/** The shape of the short, wide matrix whose rows are factored (rows ≤ cols). */
export interface RowsShape {
  readonly rows: number;
  readonly cols: number;
}

/** Two float64 buffers reused across calls (fresh memory costs a page fault per 4 KiB). */
export class CholeskyQrWorkspace {
  private readonly buffers = [new Float64Array(0), new Float64Array(0)];

  /** Float64 buffer `index` (0 or 1) of exactly `length` elements, contents unspecified. */
  take(index: 0 | 1, length: number): Float64Array {
    if (this.buffers[index]!.length < length) this.buffers[index] = new Float64Array(length);
    const buffer = this.buffers[index]!;
    return buffer.length === length ? buffer : buffer.subarray(0, length);
  }
}

/** G = X·Xᵀ (`rows × rows`, symmetric, both triangles filled) in float64, four dot products per pass over a row. */
export function gramOfRows(x: Float64Array, rows: number, cols: number): Float64Array {
  const gram = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    const rowI = i * cols;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const row0 = j * cols;
      const row1 = row0 + cols;
      const row2 = row1 + cols;
      const row3 = row2 + cols;
      let sum0 = 0;
      let sum1 = 0;
      let sum2 = 0;
      let sum3 = 0;
      for (let t = 0; t < cols; t++) {
        const value = x[rowI + t]!;
        sum0 += value * x[row0 + t]!;
        sum1 += value * x[row1 + t]!;
        sum2 += value * x[row2 + t]!;
        sum3 += value * x[row3 + t]!;
      }
      gram[i * rows + j] = sum0;
      gram[i * rows + j + 1] = sum1;
      gram[i * rows + j + 2] = sum2;
      gram[i * rows + j + 3] = sum3;
    }
    for (; j <= i; j++) {
      const rowJ = j * cols;
      let sum0 = 0;
      let sum1 = 0;
      let t = 0;
      for (; t + 1 < cols; t += 2) {
        sum0 += x[rowI + t]! * x[rowJ + t]!;
        sum1 += x[rowI + t + 1]! * x[rowJ + t + 1]!;
      }
      if (t < cols) sum0 += x[rowI + t]! * x[rowJ + t]!;
      gram[i * rows + j] = sum0 + sum1;
    }
    for (let k = 0; k < i; k++) gram[k * rows + i] = gram[i * rows + k]!;
  }
  return gram;
}

/**
 * The lower-triangular Cholesky factor L of a symmetric positive definite `size × size` matrix (row-major, the upper
 * triangle of L zero).
 *
 * @returns undefined when a pivot is not above {@link minimumPivotShare} of its diagonal entry (or is not finite).
 */
export function choleskyLower(matrix: Float64Array, size: number): Float64Array | undefined {
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    let pivot = matrix[j * size + j]!;
    for (let k = 0; k < j; k++) pivot -= lower[j * size + k]! ** 2;
    if (!(pivot > minimumPivotShare * matrix[j * size + j]!) || !Number.isFinite(pivot)) return undefined;
    const diagonal = Math.sqrt(pivot);
    lower[j * size + j] = diagonal;
    for (let i = j + 1; i < size; i++) {
      let value = matrix[i * size + j]!;
      for (let k = 0; k < j; k++) value -= lower[i * size + k]! * lower[j * size + k]!;
      lower[i * size + j] = value / diagonal;
    }
  }
  return lower;
}

/**
 * Q = L⁻¹·X by forward substitution on rows: qᵢ = (xᵢ − Σ_{j<i} L_ij·qⱼ) / L_ii, four earlier rows per pass, summed in
 * float64 and stored in `output` (which must not overlap X).
 */
export function solveLowerRows(lower: Float64Array, x: Float64Array, output: Float64Array, shape: RowsShape): void {
  const { rows, cols } = shape;
  for (let i = 0; i < rows; i++) {
    const rowI = i * cols;
    const inverse = 1 / lower[i * rows + i]!;
    let j = 0;
    // The first pass also copies xᵢ in, so every row is read from X once.
    if (i >= 4) {
      const c0 = lower[i * rows]!;
      const c1 = lower[i * rows + 1]!;
      const c2 = lower[i * rows + 2]!;
      const c3 = lower[i * rows + 3]!;
      for (let t = 0; t < cols; t++) {
        output[rowI + t] = x[rowI + t]! - c0 * output[t]! - c1 * output[cols + t]! - c2 * output[2 * cols + t]! - c3 * output[3 * cols + t]!;
      }
      j = 4;
    } else {
      for (let t = 0; t < cols; t++) output[rowI + t] = x[rowI + t]!;
    }
    for (; j + 3 < i; j += 4) {
      const c0 = lower[i * rows + j]!;
      const c1 = lower[i * rows + j + 1]!;
      const c2 = lower[i * rows + j + 2]!;
      const c3 = lower[i * rows + j + 3]!;
      const row0 = j * cols;
      const row1 = row0 + cols;
      const row2 = row1 + cols;
      const row3 = row2 + cols;
      for (let t = 0; t < cols; t++) {
        output[rowI + t] = output[rowI + t]! - c0 * output[row0 + t]! - c1 * output[row1 + t]! - c2 * output[row2 + t]! - c3 * output[row3 + t]!;
      }
    }
    for (; j < i; j++) {
      const coefficient = lower[i * rows + j]!;
      const rowJ = j * cols;
      for (let t = 0; t < cols; t++) output[rowI + t] = output[rowI + t]! - coefficient * output[rowJ + t]!;
    }
    for (let t = 0; t < cols; t++) output[rowI + t] = output[rowI + t]! * inverse;
  }
}

/** L₁·L₂ for two lower-triangular `size × size` matrices (the product is lower triangular). */
function multiplyLower(first: Float64Array, second: Float64Array, size: number): Float64Array {
  const product = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = j; k <= i; k++) sum += first[i * size + k]! * second[k * size + j]!;
      product[i * size + j] = sum;
    }
  }
  return product;
}

/**
 * CholeskyQR2 on the rows of X (`rows × cols`, rows ≤ cols): writes Q (orthonormal rows) to `output` and returns L
 * with X = L·Q. `output` may be X itself: it is written only once both factorizations have succeeded.
 *
 * @returns L (`rows × rows`, lower triangular, row-major), or undefined, with `output` untouched, when X is
 *   numerically rank-deficient or too ill-conditioned (see {@link minimumPivotShare}).
 */
export function choleskyQr2Rows(x: Floats, shape: RowsShape, output: Floats, workspace: CholeskyQrWorkspace): Float64Array | undefined {
  const { rows, cols } = shape;
  const start = workspace.take(0, rows * cols);
  start.set(x);
  const first = choleskyLower(gramOfRows(start, rows, cols), rows);
  if (first === undefined) return undefined;
  const once = workspace.take(1, rows * cols);
  solveLowerRows(first, start, once, shape);
  const second = choleskyLower(gramOfRows(once, rows, cols), rows);
  if (second === undefined) return undefined;
  solveLowerRows(second, once, start, shape);
  output.set(start);
  return multiplyLower(first, second, rows);
}

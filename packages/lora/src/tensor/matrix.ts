import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';

/**
 * A dense row-major float32 matrix: element (i, j) is `data[i * cols + j]`.
 *
 * This is the only tensor type the kernels take. It is a plain object, so a caller can wrap any `Float32Array`
 * (a view into a safetensors file, a WebAssembly memory, a `subarray` of rows) without copying: `data` must hold
 * exactly `rows * cols` elements. PyTorch's `nn.Linear.weight` is `[out_features, in_features]` in this layout.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/**
 * A new zero-filled `rows × cols` matrix, or one wrapping `data` (not copied).
 *
 * @throws {InvalidArgumentError} when a dimension is not a non-negative integer.
 * @throws {ShapeMismatchError} when `data` does not hold exactly `rows * cols` elements.
 */
export function createMatrix(rows: number, cols: number, data?: Float32Array): Matrix {
  assertDimension('rows', rows);
  assertDimension('cols', cols);
  if (data === undefined) return { rows, cols, data: new Float32Array(rows * cols) };
  if (data.length !== rows * cols) {
    throw new ShapeMismatchError(
      `a ${String(rows)} × ${String(cols)} matrix needs ${String(rows * cols)} elements, got ${String(data.length)}`,
    );
  }
  return { rows, cols, data };
}

/** A matrix from nested rows (tests and small examples): `matrixFromRows([[1, 2], [3, 4]])`. */
export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const rowCount = rows.length;
  const colCount = rows[0]?.length ?? 0;
  const data = new Float32Array(rowCount * colCount);
  rows.forEach((row, index) => {
    if (row.length !== colCount) {
      throw new ShapeMismatchError(`row ${String(index)} has ${String(row.length)} elements, row 0 has ${String(colCount)}`);
    }
    data.set(row, index * colCount);
  });
  return { rows: rowCount, cols: colCount, data };
}

/** A copy with its own buffer. */
export function cloneMatrix(matrix: Matrix): Matrix {
  return { rows: matrix.rows, cols: matrix.cols, data: matrix.data.slice() };
}

/** Rows `start` (inclusive) to `end` (exclusive) as a view sharing `matrix`'s buffer. */
export function rowRange(matrix: Matrix, start: number, end: number): Matrix {
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= matrix.rows)) {
    throw new InvalidArgumentError('rows', `row range [${String(start)}, ${String(end)}) is outside 0..${String(matrix.rows)}`);
  }
  return { rows: end - start, cols: matrix.cols, data: matrix.data.subarray(start * matrix.cols, end * matrix.cols) };
}

/** Writes the transpose of `source` (`rows × cols`) into `target` (`cols × rows`). */
export function transposeInto(target: Matrix, source: Matrix): void {
  assertShape('transpose target', target, source.cols, source.rows);
  const { rows, cols } = source;
  const from = source.data;
  const to = target.data;
  // 32 × 32 tiles keep both the reads and the writes within a few cache lines.
  const tile = 32;
  for (let rowBlock = 0; rowBlock < rows; rowBlock += tile) {
    const rowEnd = Math.min(rowBlock + tile, rows);
    for (let colBlock = 0; colBlock < cols; colBlock += tile) {
      const colEnd = Math.min(colBlock + tile, cols);
      for (let i = rowBlock; i < rowEnd; i++) {
        const offset = i * cols;
        for (let j = colBlock; j < colEnd; j++) to[j * rows + i] = from[offset + j]!;
      }
    }
  }
}

/** The transpose of `source` in a new matrix. */
export function transpose(source: Matrix): Matrix {
  const target = createMatrix(source.cols, source.rows);
  transposeInto(target, source);
  return target;
}

/**
 * Checks that `matrix` is `rows × cols` and that its buffer holds exactly that many elements.
 *
 * @throws {ShapeMismatchError} naming `what`, the expected and the found shape.
 */
export function assertShape(what: string, matrix: Matrix, rows: number, cols: number): void {
  if (matrix.rows !== rows || matrix.cols !== cols) {
    throw new ShapeMismatchError(
      `${what}: expected ${String(rows)} × ${String(cols)}, found ${String(matrix.rows)} × ${String(matrix.cols)}`,
    );
  }
  assertConsistent(what, matrix);
}

/**
 * Checks that a matrix's buffer holds exactly `rows * cols` elements.
 *
 * @throws {ShapeMismatchError} when it does not.
 */
export function assertConsistent(what: string, matrix: Matrix): void {
  if (matrix.data.length !== matrix.rows * matrix.cols) {
    throw new ShapeMismatchError(
      `${what}: a ${String(matrix.rows)} × ${String(matrix.cols)} matrix needs ${String(matrix.rows * matrix.cols)} elements, its buffer has ${String(matrix.data.length)}`,
    );
  }
}

function assertDimension(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(name, `${name} must be a non-negative integer, got ${String(value)}`);
  }
}

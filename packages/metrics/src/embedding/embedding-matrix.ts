import { InvalidArgumentError } from '../errors.js';

/**
 * A set of embedding vectors: either one Float32Array of `count × dimension` values, row after row (then the
 * `dimension` option is required), or one Float32Array per vector.
 */
export type EmbeddingMatrix = Float32Array | readonly Float32Array[];

/** A validated matrix: row-major values, the number of rows and their dimension. */
export interface DenseMatrix {
  readonly values: Float32Array;
  readonly rows: number;
  readonly dimension: number;
}

/**
 * Checks an {@link EmbeddingMatrix} and returns it row-major.
 *
 * @throws {InvalidArgumentError} for an empty set, rows of different lengths, a flat array whose length is not a
 *   multiple of `dimension` (or no `dimension`), or a value that is not finite.
 */
export function toDenseMatrix(matrix: EmbeddingMatrix, dimension: number | undefined, name: string): DenseMatrix {
  let values: Float32Array;
  let rows: number;
  let width: number;
  if (matrix instanceof Float32Array) {
    if (dimension === undefined || !Number.isSafeInteger(dimension) || dimension < 1) {
      throw new InvalidArgumentError(
        'dimension',
        `${name}: a flat Float32Array needs the option dimension (a positive integer), got ${String(dimension)}`,
      );
    }
    if (matrix.length % dimension !== 0) {
      throw new InvalidArgumentError(
        name,
        `${name}: ${matrix.length} values are not a whole number of rows of dimension ${dimension}`,
      );
    }
    values = matrix;
    width = dimension;
    rows = matrix.length / dimension;
  } else if (Array.isArray(matrix)) {
    const list = matrix as readonly unknown[];
    rows = list.length;
    width = rows > 0 && list[0] instanceof Float32Array ? list[0].length : 0;
    if (dimension !== undefined && rows > 0 && dimension !== width) {
      throw new InvalidArgumentError(name, `${name}: row 0 has dimension ${width}, the option dimension says ${dimension}`);
    }
    values = new Float32Array(rows * width);
    for (let row = 0; row < rows; row++) {
      const vector = list[row];
      if (!(vector instanceof Float32Array)) {
        throw new InvalidArgumentError(name, `${name}: row ${row} must be a Float32Array`);
      }
      if (vector.length !== width) {
        throw new InvalidArgumentError(
          name,
          `${name}: row ${row} has dimension ${vector.length}, expected ${width} like row 0`,
        );
      }
      values.set(vector, row * width);
    }
  } else {
    throw new InvalidArgumentError(name, `${name}: expected a Float32Array or an array of Float32Array rows`);
  }
  if (rows === 0 || width === 0) {
    throw new InvalidArgumentError(name, `${name}: needs at least one vector of dimension ≥ 1`);
  }
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index]!)) {
      const row = Math.floor(index / width);
      throw new InvalidArgumentError(
        name,
        `${name}: row ${row}, component ${index - row * width} must be finite, got ${String(values[index])}`,
      );
    }
  }
  return { values, rows, dimension: width };
}

import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/random.js';
import { choleskyQr2Rows, CholeskyQrWorkspace } from './cholesky-qr.js';
import { orthonormalizeRows } from './truncated-svd.js';

function randomRows(rows: number, cols: number, seed: number): Float64Array {
  const values = new Float32Array(rows * cols);
  createRandom(seed).fillNormal(values, 0, 1);
  return Float64Array.from(values);
}

/** max |Q·Qᵀ − I| over the rows of Q that are not zero, and the count of zero rows. */
function orthonormalityError(q: ArrayLike<number>, rows: number, cols: number): { worst: number; zeroRows: number } {
  const dot = (i: number, j: number): number => {
    let sum = 0;
    for (let t = 0; t < cols; t++) sum += q[i * cols + t]! * q[j * cols + t]!;
    return sum;
  };
  const nonZero = Array.from({ length: rows }, (_, i) => i).filter((i) => dot(i, i) !== 0);
  let worst = 0;
  for (const i of nonZero) for (const j of nonZero) if (j <= i) worst = Math.max(worst, Math.abs(dot(i, j) - (i === j ? 1 : 0)));
  return { worst, zeroRows: rows - nonZero.length };
}

describe('CholeskyQR2 on rows', () => {
  it.each([
    [1, 5],
    [7, 7],
    [26, 1000],
    [13, 4099],
  ])('factors %i × %i random rows as L·Q with Q orthonormal and L lower triangular', (rows, cols) => {
    const x = randomRows(rows, cols, rows * 31 + cols);
    const q = new Float64Array(rows * cols);
    const lower = choleskyQr2Rows(x, { rows, cols }, q, new CholeskyQrWorkspace());
    expect(lower).toBeDefined();
    // Float64 throughout: orthonormal to a few hundred 2⁻⁵³ (CholeskyQR2's bound grows with cols and the rows).
    expect(orthonormalityError(q, rows, cols).worst).toBeLessThan(1e-13);
    let worstReconstruction = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = i + 1; j < rows; j++) expect(lower![i * rows + j]).toBe(0);
      expect(lower![i * rows + i]).toBeGreaterThan(0);
      for (let t = 0; t < cols; t++) {
        let sum = 0;
        for (let j = 0; j <= i; j++) sum += lower![i * rows + j]! * q[j * cols + t]!;
        worstReconstruction = Math.max(worstReconstruction, Math.abs(sum - x[i * cols + t]!));
      }
    }
    expect(worstReconstruction).toBeLessThan(1e-12 * Math.sqrt(cols));
  });

  it('declines rank-deficient rows (a row in the span of the others), leaving the output untouched', () => {
    const rows = 6;
    const cols = 50;
    const x = randomRows(rows, cols, 5);
    for (let t = 0; t < cols; t++) x[4 * cols + t] = 2 * x[t]! - 0.5 * x[2 * cols + t]!;
    const output = new Float64Array(rows * cols).fill(7);
    expect(choleskyQr2Rows(x, { rows, cols }, output, new CholeskyQrWorkspace())).toBeUndefined();
    expect(output.every((value) => value === 7)).toBe(true);
    const zero = new Float64Array(rows * cols);
    expect(choleskyQr2Rows(zero, { rows, cols }, output, new CholeskyQrWorkspace())).toBeUndefined();
  });

  it('orthonormalizeRows falls back to Gram–Schmidt there: the dependent row becomes zero, the others orthonormal', () => {
    const rows = 6;
    const cols = 50;
    // Small integers, so the dependent row is exactly the sum in float32 too.
    const x = randomRows(rows, cols, 9).map((value) => Math.round(8 * value));
    for (let t = 0; t < cols; t++) x[3 * cols + t] = x[cols + t]! + x[t]!;
    const matrix = { rows, cols, data: Float32Array.from(x) };
    orthonormalizeRows(matrix);
    const { worst, zeroRows } = orthonormalityError(matrix.data, rows, cols);
    expect(zeroRows).toBe(1);
    expect(matrix.data.subarray(3 * cols, 4 * cols).every((value) => value === 0)).toBe(true);
    // Stored as float32: orthonormal to a few float32 roundings.
    expect(worst).toBeLessThan(50 * 2 ** -24);
  });

  it('orthonormalizeRows through CholeskyQR2 keeps the span: each input row is a combination of the output rows', () => {
    const rows = 10;
    const cols = 300;
    const x = randomRows(rows, cols, 11);
    const matrix = { rows, cols, data: Float32Array.from(x) };
    orthonormalizeRows(matrix);
    expect(orthonormalityError(matrix.data, rows, cols).worst).toBeLessThan(50 * 2 ** -24);
    for (let i = 0; i < rows; i++) {
      // Residual of xᵢ after projection on the rows of Q, relative to ‖xᵢ‖.
      const residual = Array.from({ length: cols }, (_, t) => x[i * cols + t]!);
      let normSquared = 0;
      for (let t = 0; t < cols; t++) normSquared += residual[t]! ** 2;
      for (let j = 0; j < rows; j++) {
        let dot = 0;
        for (let t = 0; t < cols; t++) dot += matrix.data[j * cols + t]! * x[i * cols + t]!;
        for (let t = 0; t < cols; t++) residual[t] = residual[t]! - dot * matrix.data[j * cols + t]!;
      }
      let residualSquared = 0;
      for (let t = 0; t < cols; t++) residualSquared += residual[t]! ** 2;
      expect(Math.sqrt(residualSquared / normSquared)).toBeLessThan(50 * 2 ** -24);
    }
  });
});

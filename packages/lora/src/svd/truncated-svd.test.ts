// Randomized truncated SVD on matrices with a planted spectrum: M = U·diag(σ)·Vᵀ with U and V the first columns of
// Householder reflections (orthonormal by construction, no SVD code involved), so the singular values are known.
// Full-rank spectra take the CholeskyQR2 path between power iterations; an exactly rank-deficient M makes it decline,
// and Gram–Schmidt and one-sided Jacobi take over.
import { describe, expect, it } from 'vitest';
import { extractLora } from './extract.js';
import { createRandom } from '../random/random.js';
import { createMatrix } from '../tensor/matrix.js';
import type { Matrix } from '../tensor/matrix.js';
import { truncatedSvd } from './truncated-svd.js';

/** The first `count` columns of the Householder reflection I − 2·v·vᵀ/(vᵀv) for a random v: orthonormal columns. */
function orthonormalColumns(size: number, count: number, seed: number): Float64Array {
  const v = new Float64Array(size);
  createRandom(seed).fillNormal(v, 0, 1);
  const normSquared = v.reduce((sum, value) => sum + value * value, 0);
  const columns = new Float64Array(size * count);
  for (let i = 0; i < size; i++) for (let k = 0; k < count; k++) columns[i * count + k] = (i === k ? 1 : 0) - (2 * v[i]! * v[k]!) / normSquared;
  return columns;
}

/** M = U·diag(σ)·Vᵀ (`rows × cols`), computed in float64 and stored as float32. */
function plantedMatrix(rows: number, cols: number, singularValues: readonly number[], seed: number): Matrix {
  const count = singularValues.length;
  const left = orthonormalColumns(rows, count, seed);
  const right = orthonormalColumns(cols, count, seed + 1);
  const matrix = createMatrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let k = 0; k < count; k++) sum += left[i * count + k]! * singularValues[k]! * right[j * count + k]!;
      matrix.data[i * cols + j] = sum;
    }
  }
  return matrix;
}

// Float32 input and float32 products: singular values good to a few hundred float32 roundings of σ₁ (2⁻¹⁴ ≈ 1000·u).
const singularValueTolerance = 2 ** -14;

describe('randomized truncated SVD on planted spectra', () => {
  it.each([
    [300, 200],
    [200, 300],
  ])('finds the top 8 of 20 decaying singular values of a %i × %i matrix, with the Eckart–Young error', (rows, cols) => {
    const planted = Array.from({ length: 20 }, (_, index) => 10 * 0.7 ** index);
    const matrix = plantedMatrix(rows, cols, planted, rows + cols);
    const result = truncatedSvd(matrix, { rank: 8 });
    expect(result.method).toBe('randomized');
    result.singularValues.forEach((value, index) => expect(Math.abs(value - planted[index]!), `σ${String(index + 1)}`).toBeLessThanOrEqual(singularValueTolerance * planted[0]!));
    const extracted = extractLora(matrix, { rank: 8 });
    const total = planted.reduce((sum, value) => sum + value * value, 0);
    const discarded = planted.slice(8).reduce((sum, value) => sum + value * value, 0);
    expect(Math.abs(extracted.relativeError - Math.sqrt(discarded / total))).toBeLessThan(1e-5);
    expect(Math.abs(extracted.energyCaptured - (1 - discarded / total))).toBeLessThan(1e-5);
  });

  it('asked for rank 6 of an exactly rank-3 matrix: the three planted values, three zeros, and B·A = M', () => {
    const planted = [5, 2, 1];
    const matrix = plantedMatrix(180, 250, planted, 3);
    const result = truncatedSvd(matrix, { rank: 6 });
    expect(result.method).toBe('randomized');
    planted.forEach((value, index) => expect(Math.abs(result.singularValues[index]! - value)).toBeLessThanOrEqual(singularValueTolerance * planted[0]!));
    for (let index = 3; index < 6; index++) expect(result.singularValues[index]!).toBeLessThanOrEqual(singularValueTolerance * planted[0]!);
    const extracted = extractLora(matrix, { rank: 6 });
    // The float32 rounding of M and of the factors only.
    expect(extracted.relativeError).toBeLessThan(1e-5);
    expect(extracted.energyCaptured).toBeGreaterThan(1 - 1e-6);
    for (const value of extracted.factors.a.data.subarray(0, 3 * 250)) expect(Number.isFinite(value)).toBe(true);
  });

  it('extracts nothing from ΔW = 0: zero B, energy 1, error 0', () => {
    const extracted = extractLora(createMatrix(100, 120), { rank: 4, method: 'randomized' });
    expect(extracted.factors.b.data.every((value) => value === 0)).toBe(true);
    expect(extracted.energyCaptured).toBe(1);
    expect(extracted.relativeError).toBe(0);
  });
});

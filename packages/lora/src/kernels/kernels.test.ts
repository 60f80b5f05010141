import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../errors.js';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { createMatrix, transpose } from '../tensor/matrix.js';
import { getKernelSet, javascriptKernels, setKernelSet } from './kernel-set.js';
import type { KernelSet } from './kernel-set.js';
import { addScaledProduct, matmulInto, matmulTransposeAInto, matmulTransposeBInto } from './matrix-ops.js';
import { firstNonFiniteImpl } from './vector-impl.js';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const matrix = createMatrix(rows, cols);
  createRandom(seed).fillNormal(matrix.data, 0, 1);
  return matrix;
}

/** Textbook triple loop in float64: the independent answer every kernel is checked against. */
function naiveProduct(a: Matrix, b: Matrix): Float64Array {
  const result = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let t = 0; t < a.cols; t++) sum += a.data[i * a.cols + t]! * b.data[t * b.cols + j]!;
      result[i * b.cols + j] = sum;
    }
  }
  return result;
}

function maxRelativeError(actual: Float32Array, expected: Float64Array): number {
  let worst = 0;
  for (let index = 0; index < expected.length; index++) {
    worst = Math.max(worst, Math.abs(actual[index]! - expected[index]!) / (1 + Math.abs(expected[index]!)));
  }
  return worst;
}

// Sizes that cross the block boundaries (128 shared, 512 columns) and leave remainders of the 4-way unrolling.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 130, 9],
  [33, 6, 517],
  [8, 257, 530],
];

describe('matrix product kernels', () => {
  it.each(shapes)('A·B, Aᵀ·B and A·Bᵀ agree with a float64 triple loop for m=%i k=%i n=%i', (m, k, n) => {
    const a = randomMatrix(m, k, m * 1000 + k);
    const b = randomMatrix(k, n, n * 7 + 1);
    const expected = naiveProduct(a, b);
    // A·B and Aᵀ·B accumulate in float32 storage (as PyTorch does); the bound grows with the summed length.
    const tolerance = Math.max(1e-6, 2e-7 * k);
    const plain = matmulInto(createMatrix(m, n), a, b);
    expect(maxRelativeError(plain.data, expected)).toBeLessThan(tolerance);
    const viaTransposeA = matmulTransposeAInto(createMatrix(m, n), transpose(a), b);
    expect(maxRelativeError(viaTransposeA.data, expected)).toBeLessThan(tolerance);
    const viaTransposeB = matmulTransposeBInto(createMatrix(m, n), a, transpose(b));
    expect(maxRelativeError(viaTransposeB.data, expected)).toBeLessThan(1e-6);
  });

  it('computes C = α·A·B + β·C, and β = 0 ignores NaN already in C', () => {
    const a = randomMatrix(6, 9, 1);
    const b = randomMatrix(9, 5, 2);
    const initial = randomMatrix(6, 5, 3);
    const product = naiveProduct(a, b);
    const expected = Float64Array.from(product, (value, index) => 0.5 * value - 2 * initial.data[index]!);
    for (const run of [matmulInto, (c: Matrix, x: Matrix, y: Matrix, s: { alpha: number; beta: number }) => matmulTransposeBInto(c, x, transpose(y), s), (c: Matrix, x: Matrix, y: Matrix, s: { alpha: number; beta: number }) => matmulTransposeAInto(c, transpose(x), y, s)]) {
      const output = { rows: 6, cols: 5, data: initial.data.slice() };
      run(output, a, b, { alpha: 0.5, beta: -2 });
      expect(maxRelativeError(output.data, expected)).toBeLessThan(1e-6);
      const poisoned = createMatrix(6, 5, new Float32Array(30).fill(Number.NaN));
      run(poisoned, a, b, { alpha: 1, beta: 0 });
      expect(firstNonFiniteImpl(poisoned.data)).toBe(-1);
    }
  });

  it('rejects shapes that do not fit, naming both', () => {
    expect(() => matmulInto(createMatrix(2, 2), createMatrix(2, 3), createMatrix(2, 2))).toThrow(ShapeMismatchError);
    expect(() => matmulInto(createMatrix(2, 2), createMatrix(2, 3), createMatrix(2, 2))).toThrow('A·B: A is 2 × 3, B is 2 × 2');
    expect(() => matmulTransposeBInto(createMatrix(3, 2), createMatrix(2, 3), createMatrix(2, 3))).toThrow('A·Bᵀ output: expected 2 × 2, found 3 × 2');
  });
});

describe('addScaledProduct (W += s·B·A)', () => {
  it.each([
    [5, 3, 1],
    [70, 600, 7],
    [64, 48, 4],
    [9, 1100, 16],
  ])('matches W + s·(B·A) from a triple loop for out=%i in=%i r=%i, in both storage orders', (rows, cols, rank) => {
    const weight = randomMatrix(rows, cols, 11);
    const b = randomMatrix(rows, rank, 12);
    const a = randomMatrix(rank, cols, 13);
    const product = naiveProduct(b, a);
    const expected = Float64Array.from(product, (value, index) => weight.data[index]! + 1.75 * value);
    const merged = { rows, cols, data: weight.data.slice() };
    addScaledProduct(merged, b, a, { scale: 1.75 });
    expect(maxRelativeError(merged.data, expected)).toBeLessThan(1e-6);
    const stored = transpose(weight); // [in, out], as GPT-2's Conv1D
    addScaledProduct(stored, b, a, { scale: 1.75, transposed: true });
    expect(maxRelativeError(transpose(stored).data, expected)).toBeLessThan(1e-6);
  });

  it('rejects a rank mismatch between B and A', () => {
    expect(() => addScaledProduct(createMatrix(4, 5), createMatrix(4, 2), createMatrix(3, 5), { scale: 1 })).toThrow(/rank mismatch: B is 4 × 2 and A is 3 × 5/);
  });
});

describe('kernel set', () => {
  it('routes every matrix routine through the kernel set in use, and restores the previous one', () => {
    const calls: string[] = [];
    const counting: KernelSet = {
      ...javascriptKernels,
      name: 'counting',
      matmul: (operands) => {
        calls.push('matmul');
        javascriptKernels.matmul(operands);
      },
      addScaledProduct: (operands) => {
        calls.push('addScaledProduct');
        javascriptKernels.addScaledProduct(operands);
      },
    };
    const previous = setKernelSet(counting);
    try {
      matmulInto(createMatrix(2, 2), createMatrix(2, 3), createMatrix(3, 2));
      addScaledProduct(createMatrix(2, 3), createMatrix(2, 1), createMatrix(1, 3), { scale: 1 });
    } finally {
      setKernelSet(previous);
    }
    expect(calls).toEqual(['matmul', 'addScaledProduct']);
    expect(getKernelSet().name).toBe('javascript');
  });
});

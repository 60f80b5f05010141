import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../errors.js';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { createMatrix, transpose } from '../tensor/matrix.js';
import type { BoundedReference } from '../../test/float32-bounds.js';
import { referenceMerge, referenceProduct, worstBoundRatio } from '../../test/float32-bounds.js';
import { activeKernelSetName, getKernelSet, javascriptKernels, setKernelSet } from './kernel-set.js';
import type { KernelSet } from './kernel-set.js';
import { addScaledProduct, matmulInto, matmulTransposeAInto, matmulTransposeBInto } from './matrix-ops.js';
import { firstNonFiniteImpl } from './vector-impl.js';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const matrix = createMatrix(rows, cols);
  createRandom(seed).fillNormal(matrix.data, 0, 1);
  return matrix;
}

/** Largest error as a share of its float32 bound (see test/float32-bounds.ts): at most 1 passes. */
function worst(actual: Matrix, expected: BoundedReference): number {
  return worstBoundRatio(actual.data, expected);
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
    // Every element within γ_{k+2}·Σ|aₜbₜ| of the float64 triple loop, whichever kernel set is in use.
    const expected = referenceProduct('matmul', { m, n, k, a: a.data, b: b.data });
    const plain = matmulInto(createMatrix(m, n), a, b);
    expect(worst(plain, expected)).toBeLessThanOrEqual(1);
    const viaTransposeA = matmulTransposeAInto(createMatrix(m, n), transpose(a), b);
    expect(worst(viaTransposeA, expected)).toBeLessThanOrEqual(1);
    const viaTransposeB = matmulTransposeBInto(createMatrix(m, n), a, transpose(b));
    expect(worst(viaTransposeB, expected)).toBeLessThanOrEqual(1);
  });

  it('computes C = α·A·B + β·C, and β = 0 ignores NaN already in C', () => {
    const a = randomMatrix(6, 9, 1);
    const b = randomMatrix(9, 5, 2);
    const initial = randomMatrix(6, 5, 3);
    const expected = referenceProduct('matmul', { m: 6, n: 5, k: 9, a: a.data, b: b.data, c: initial.data, alpha: 0.5, beta: -2 });
    for (const run of [matmulInto, (c: Matrix, x: Matrix, y: Matrix, s: { alpha: number; beta: number }) => matmulTransposeBInto(c, x, transpose(y), s), (c: Matrix, x: Matrix, y: Matrix, s: { alpha: number; beta: number }) => matmulTransposeAInto(c, transpose(x), y, s)]) {
      const output = { rows: 6, cols: 5, data: initial.data.slice() };
      run(output, a, b, { alpha: 0.5, beta: -2 });
      expect(worst(output, expected)).toBeLessThanOrEqual(1);
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
    // Every element within γ_{r+2}·(|w| + |s|·Σ|bₜaₜ|) of W + s·(B·A) from a float64 loop.
    const expected = referenceMerge({ weight: weight.data, b: b.data, a: a.data, rows, cols, rank, scale: 1.75 });
    const merged = { rows, cols, data: weight.data.slice() };
    addScaledProduct(merged, b, a, { scale: 1.75 });
    expect(worst(merged, expected)).toBeLessThanOrEqual(1);
    const stored = transpose(weight); // [in, out], as GPT-2's Conv1D
    addScaledProduct(stored, b, a, { scale: 1.75, transposed: true });
    expect(worst(transpose(stored), expected)).toBeLessThanOrEqual(1);
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
    const before = getKernelSet();
    const previous = setKernelSet(counting);
    try {
      expect(activeKernelSetName()).toBe('counting');
      matmulInto(createMatrix(2, 2), createMatrix(2, 3), createMatrix(3, 2));
      addScaledProduct(createMatrix(2, 3), createMatrix(2, 1), createMatrix(1, 3), { scale: 1 });
    } finally {
      setKernelSet(previous);
    }
    expect(calls).toEqual(['matmul', 'addScaledProduct']);
    expect(previous).toBe(before);
    expect(getKernelSet()).toBe(before);
  });
});

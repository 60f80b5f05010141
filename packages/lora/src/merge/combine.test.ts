import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { createMatrix } from '../tensor/matrix.js';
import { combineAdapters } from './combine.js';
import type { LoraFactors } from './merge.js';

function randomFactors([rows, cols, rank]: [number, number, number], seed: number, scaling: number): LoraFactors {
  const random = createRandom(seed);
  const a = createMatrix(rank, cols);
  const b = createMatrix(rows, rank);
  random.fillNormal(a.data, 0, 1);
  random.fillNormal(b.data, 0, 1);
  return { a, b, scaling };
}

/** scaling·B·A by a float64 triple loop, independent of the kernels. */
function delta({ a, b, scaling }: LoraFactors): Float64Array {
  const rank = a.rows;
  const result = new Float64Array(b.rows * a.cols);
  for (let i = 0; i < b.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      let sum = 0;
      for (let t = 0; t < rank; t++) sum += b.data[i * rank + t]! * a.data[t * a.cols + j]!;
      result[i * a.cols + j] = scaling * sum;
    }
  }
  return result;
}

function product(left: Matrix, right: Matrix): Float64Array {
  return delta({ a: right, b: left, scaling: 1 });
}

describe('combineAdapters (PEFT add_weighted_adapter)', () => {
  const first = randomFactors([12, 10, 3], 1, 2);
  const second = randomFactors([12, 10, 3], 2, 0.5);

  it("'cat' stacks the factors: B·A = Σ wᵢ·sᵢ·Bᵢ·Aᵢ exactly, rank Σ rᵢ, scaling 1", () => {
    const combined = combineAdapters([{ factors: first, weight: 0.7 }, { factors: second, weight: -1.5 }], { method: 'cat' });
    expect(combined.rank).toBe(6);
    expect(combined.factors.scaling).toBe(1);
    const expected = delta(first).map((value, index) => 0.7 * value - 1.5 * delta(second)[index]!);
    delta(combined.factors).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-4));
  });

  it("'linear' sums √(wᵢ·sᵢ)-weighted A's and B's (cross terms included, as PEFT)", () => {
    const combined = combineAdapters([{ factors: first, weight: 0.5 }, { factors: second, weight: 2 }], { method: 'linear' });
    const c1 = Math.sqrt(0.5 * 2);
    const c2 = Math.sqrt(2 * 0.5);
    const a = createMatrix(3, 10);
    const b = createMatrix(12, 3);
    a.data.forEach((_, index) => (a.data[index] = c1 * first.a.data[index]! + c2 * second.a.data[index]!));
    b.data.forEach((_, index) => (b.data[index] = c1 * first.b.data[index]! + c2 * second.b.data[index]!));
    const expected = product(b, a);
    delta(combined.factors).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-4));
    expect(() => combineAdapters([{ factors: first, weight: 1 }, { factors: randomFactors([12, 10, 2], 3, 1), weight: 1 }], { method: 'linear' })).toThrow(/needs equal ranks/);
    expect(() => combineAdapters([{ factors: first, weight: -1 }, { factors: second, weight: 1 }], { method: 'linear' })).toThrow(/must be ≥ 0/);
  });

  it("'svd' at full rank reproduces Σ wᵢ·sᵢ²·Bᵢ·Aᵢ (PEFT scales twice); at lower rank it is the Eckart–Young truncation", () => {
    const combined = combineAdapters([{ factors: first, weight: 0.7 }, { factors: second, weight: 1.2 }], { method: 'svd', rank: 6 });
    const expected = delta(first).map((value, index) => 0.7 * 2 * value + 1.2 * 0.5 * delta(second)[index]!);
    delta(combined.factors).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-4));
    const truncated = combineAdapters([{ factors: first, weight: 0.7 }, { factors: second, weight: 1.2 }], { method: 'svd' });
    expect(truncated.rank).toBe(3);
  });

  it('uses linear for a single adapter, as PEFT does', () => {
    const combined = combineAdapters([{ factors: first, weight: 3 }], { method: 'svd' });
    const expected = delta(first).map((value) => 3 * value);
    delta(combined.factors).forEach((value, index) => expect(Math.abs(value - expected[index]!)).toBeLessThan(1e-4));
    expect(() => combineAdapters([], { method: 'cat' })).toThrow('at least one adapter');
  });
});

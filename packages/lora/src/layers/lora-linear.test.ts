import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NonFiniteMergeError } from '../errors.js';
import { matmulTransposeBInto } from '../kernels/matrix-ops.js';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { createMatrix, transpose } from '../tensor/matrix.js';
import { kaimingUniformBound } from './init.js';
import { LoraLinear } from './lora-linear.js';

function randomMatrix(rows: number, cols: number, seed: number, scale = 1): Matrix {
  const matrix = createMatrix(rows, cols);
  createRandom(seed).fillNormal(matrix.data, 0, scale);
  return matrix;
}

function sumOfSquaresOver2(matrix: Matrix): number {
  return matrix.data.reduce((sum, value) => sum + value * value, 0) / 2;
}

describe('LoraLinear initialisation (PEFT init_lora_weights)', () => {
  it('true: A ~ U(−1/√in, 1/√in) (mean 0, variance bound²/3), B = 0, so the layer starts as the base layer', () => {
    const inFeatures = 400;
    const layer = new LoraLinear({ weight: randomMatrix(300, inFeatures, 1) });
    const adapter = layer.addAdapter('default', { rank: 64, alpha: 16, random: createRandom(5) });
    const bound = 1 / Math.sqrt(inFeatures);
    expect(kaimingUniformBound(inFeatures)).toBeCloseTo(bound, 15);
    const values = adapter.a.data;
    let mean = 0;
    for (const value of values) mean += value;
    mean /= values.length;
    let variance = 0;
    for (const value of values) variance += (value - mean) ** 2;
    variance /= values.length;
    expect(Math.max(...values)).toBeLessThanOrEqual(bound);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-bound);
    expect(Math.max(...values)).toBeGreaterThan(0.99 * bound);
    // 25,600 draws: the standard error of the mean is bound/√(3·25600) ≈ 0.0036·bound.
    expect(Math.abs(mean)).toBeLessThan(0.02 * bound);
    expect(Math.abs(variance / (bound * bound / 3) - 1)).toBeLessThan(0.03);
    expect(adapter.b.data.every((value) => value === 0)).toBe(true);
    const x = randomMatrix(3, inFeatures, 9);
    const withAdapter = layer.forward(x);
    layer.setActiveAdapters([]);
    expect(layer.forward(x).data).toEqual(withAdapter.data);
  });

  it("'gaussian': A ~ N(0, (1/r)²), B = 0", () => {
    const layer = new LoraLinear({ weight: createMatrix(50, 500) });
    const adapter = layer.addAdapter('default', { rank: 8, alpha: 8, init: 'gaussian', random: createRandom(6) });
    const values = adapter.a.data;
    const variance = values.reduce((sum, value) => sum + value * value, 0) / values.length;
    expect(Math.abs(Math.sqrt(variance) * 8 - 1)).toBeLessThan(0.03);
    expect(adapter.b.data.every((value) => value === 0)).toBe(true);
  });

  it('false: B keeps a non-zero nn.Linear init (fan_in = r)', () => {
    const layer = new LoraLinear({ weight: createMatrix(20, 30) });
    const adapter = layer.addAdapter('default', { rank: 4, alpha: 8, init: false, random: createRandom(7) });
    expect(adapter.b.data.some((value) => value !== 0)).toBe(true);
    expect(Math.max(...adapter.b.data.map(Math.abs))).toBeLessThanOrEqual(0.5);
  });

  it('rejects r = 0, a duplicate name, dropout ≥ 1 and a missing generator with clear messages', () => {
    const layer = new LoraLinear({ weight: createMatrix(4, 4) });
    expect(() => layer.addAdapter('a', { rank: 0, alpha: 8, random: createRandom(1) })).toThrow('LoRA rank r must be a positive integer, got 0');
    layer.addAdapter('a', { rank: 2, alpha: 8, random: createRandom(1) });
    expect(() => layer.addAdapter('a', { rank: 2, alpha: 8, random: createRandom(1) })).toThrow('already has an adapter named "a"');
    expect(() => layer.addAdapter('b', { rank: 2, alpha: 8, dropout: 1, random: createRandom(1) })).toThrow(InvalidArgumentError);
    expect(() => layer.addAdapter('c', { rank: 2, alpha: 8 })).toThrow(/needs a seeded random generator/);
  });
});

describe('LoraLinear forward and backward', () => {
  /** Central finite differences of L = Σy²/2 in float64 arithmetic on float32 storage. */
  function numericGradient(evaluate: () => number, values: Float32Array, index: number): number {
    const saved = values[index]!;
    const step = 1e-2;
    values[index] = saved + step;
    const plus = evaluate();
    values[index] = saved - step;
    const minus = evaluate();
    values[index] = saved;
    return (plus - minus) / (2 * step);
  }

  it.each([false, true])('gradients of A, B and x match finite differences (fan_in_fan_out = %s), two adapters', (fanInFanOut) => {
    const weight = randomMatrix(7, 5, 21, 0.5);
    const layer = new LoraLinear({ weight: fanInFanOut ? transpose(weight) : weight, bias: Float32Array.from([1, 2, 3, 4, 5, 6, 7]), fanInFanOut });
    const first = layer.addAdapter('first', { rank: 3, alpha: 6, init: false, random: createRandom(2) });
    const second = layer.addAdapter('second', { rank: 2, alpha: 2, useRslora: true, init: false, random: createRandom(3) });
    const x = randomMatrix(4, 5, 22);
    const evaluate = (): number => sumOfSquaresOver2(layer.forward(x));
    const output = layer.forward(x, { training: true });
    const inputGradient = layer.backward(output);
    // Quadratic loss: central differences are exact up to rounding; float32 storage limits agreement to ~1e-3.
    for (const [values, gradient] of [
      [first.a.data, first.gradA.data],
      [first.b.data, first.gradB.data],
      [second.a.data, second.gradA.data],
      [second.b.data, second.gradB.data],
      [x.data, inputGradient.data],
    ] as const) {
      for (let index = 0; index < values.length; index++) {
        const numeric = numericGradient(evaluate, values, index);
        expect(Math.abs(numeric - gradient[index]!)).toBeLessThan(2e-3 * (1 + Math.abs(numeric)));
      }
    }
  });

  it('dropout applies to the LoRA branch only, in training only, and is the same for the same seed', () => {
    const weight = randomMatrix(6, 8, 31);
    const make = (): LoraLinear => {
      const layer = new LoraLinear({ weight: weight });
      layer.addAdapter('default', { rank: 2, alpha: 4, dropout: 0.5, init: false, random: createRandom(99) });
      return layer;
    };
    const x = randomMatrix(5, 8, 32);
    const layer = make();
    const evaluation = layer.forward(x);
    expect(layer.forward(x).data).toEqual(evaluation.data);
    const trainingOutput = layer.forward(x, { training: true });
    expect(trainingOutput.data).not.toEqual(evaluation.data);
    expect(make().forward(x, { training: true }).data).toEqual(trainingOutput.data);
    // Base path untouched: with the adapter switched off, training and evaluation agree exactly.
    layer.setActiveAdapters([]);
    expect(layer.forward(x, { training: true }).data).toEqual(layer.forward(x).data);
  });

  it('backward with dropout matches finite differences under the same mask', () => {
    // A generator that repeats the same 24 uniforms: every forward pass over a 6 × 4 input draws the same mask.
    const pattern = Array.from({ length: 24 }, (_, index) => ((index * 7) % 24) / 24);
    let counter = 0;
    const repeating = { ...createRandom(0), uniform: () => pattern[counter++ % pattern.length]! };
    const layer = new LoraLinear({ weight: randomMatrix(3, 4, 41) });
    const adapter = layer.addAdapter('default', { rank: 2, alpha: 2, dropout: 0.3, a: randomMatrix(2, 4, 43), b: randomMatrix(3, 2, 44), random: repeating });
    const x = randomMatrix(6, 4, 42);
    const evaluate = (): number => sumOfSquaresOver2(layer.forward(x, { training: true }));
    const output = layer.forward(x, { training: true });
    const inputGradient = layer.backward(output);
    expect(output.data).not.toEqual(layer.forward(x).data); // the mask is really applied
    for (const [values, gradient] of [
      [adapter.a.data, adapter.gradA.data],
      [adapter.b.data, adapter.gradB.data],
      [x.data, inputGradient.data],
    ] as const) {
      for (let index = 0; index < values.length; index++) {
        const numeric = numericGradient(evaluate, values, index);
        expect(Math.abs(numeric - gradient[index]!)).toBeLessThan(2e-3 * (1 + Math.abs(numeric)));
      }
    }
  });
});

describe('LoraLinear merge and unmerge', () => {
  it('merged forward equals the unmerged forward; unmerge is last in, first out and restores W', () => {
    const weight = randomMatrix(9, 6, 51);
    const original = weight.data.slice();
    const layer = new LoraLinear({ weight });
    layer.addAdapter('first', { rank: 2, alpha: 4, init: false, random: createRandom(1) });
    layer.addAdapter('second', { rank: 3, alpha: 3, init: false, random: createRandom(2) });
    const x = randomMatrix(4, 6, 52);
    const unmerged = layer.forward(x);
    expect(layer.merge({ adapterNames: ['first'] })).toEqual(['first']);
    expect(layer.merge()).toEqual(['second']);
    expect(layer.merge()).toEqual([]);
    expect(layer.mergedAdapters).toEqual(['first', 'second']);
    const merged = layer.forward(x);
    merged.data.forEach((value, index) => expect(Math.abs(value - unmerged.data[index]!)).toBeLessThan(1e-5));
    expect(layer.unmerge()).toEqual(['second', 'first']);
    expect(layer.unmerge()).toEqual([]);
    weight.data.forEach((value, index) => expect(Math.abs(value - original[index]!)).toBeLessThan(1e-6));
  });

  it('safe merge rejects an adapter that produces NaN or Infinity and leaves W unchanged', () => {
    const weight = randomMatrix(4, 4, 61);
    const original = weight.data.slice();
    const layer = new LoraLinear({ weight });
    const broken = createMatrix(4, 1);
    broken.data[2] = Number.NaN;
    layer.addAdapter('broken', { rank: 1, alpha: 1, a: createMatrix(1, 4, Float32Array.from([1, 1, 1, 1])), b: broken });
    expect(() => layer.merge({ safe: true })).toThrow(NonFiniteMergeError);
    expect(() => layer.merge({ safe: true })).toThrow(/NaNs detected in the merged weights: element \[2, 0\].*"broken" seems to be broken/);
    expect(weight.data).toEqual(original);
    expect(layer.mergedAdapters).toEqual([]);
    const huge = createMatrix(4, 1, Float32Array.from([3e38, 0, 0, 0]));
    layer.addAdapter('overflow', { rank: 1, alpha: 1, a: createMatrix(1, 4, Float32Array.from([10, 0, 0, 0])), b: huge });
    expect(() => layer.merge({ adapterNames: ['overflow'], safe: true })).toThrow(/would be Infinity/);
    expect(weight.data).toEqual(original);
  });

  it('a fan_in_fan_out layer computes x·W + b and merges ΔWᵀ into the stored [in, out] weight', () => {
    const weight = randomMatrix(5, 3, 71); // stored [in=5, out=3]
    const layer = new LoraLinear({ weight, fanInFanOut: true });
    layer.addAdapter('default', { rank: 2, alpha: 2, init: false, random: createRandom(3) });
    const x = randomMatrix(2, 5, 72);
    const before = layer.forward(x);
    layer.merge();
    const expected = createMatrix(2, 3);
    matmulTransposeBInto(expected, x, transpose(weight));
    before.data.forEach((value, index) => expect(Math.abs(value - expected.data[index]!)).toBeLessThan(1e-5));
  });
});

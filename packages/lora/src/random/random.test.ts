import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

describe('createRandom (xoshiro128** seeded by SplitMix32)', () => {
  it('is deterministic per seed, and different seeds give different streams', () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const other = createRandom(43);
    const a = Array.from({ length: 8 }, () => first.nextUint32());
    expect(Array.from({ length: 8 }, () => second.nextUint32())).toEqual(a);
    expect(Array.from({ length: 8 }, () => other.nextUint32())).not.toEqual(a);
  });

  it('uniform() lies in [0, 1) with mean 1/2 and variance 1/12; normal() has mean 0 and variance 1', () => {
    const random = createRandom(7);
    const count = 200_000;
    let sum = 0;
    let sumSquares = 0;
    let minimum = 1;
    let maximum = 0;
    for (let index = 0; index < count; index++) {
      const value = random.uniform();
      sum += value;
      sumSquares += value * value;
      minimum = Math.min(minimum, value);
      maximum = Math.max(maximum, value);
    }
    expect(minimum).toBeGreaterThanOrEqual(0);
    expect(maximum).toBeLessThan(1);
    const mean = sum / count;
    // Standard errors: 0.29/√n ≈ 6.5e-4 for the mean.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    expect(Math.abs(sumSquares / count - mean * mean - 1 / 12)).toBeLessThan(0.002);
    let normalSum = 0;
    let normalSquares = 0;
    let beyondTwo = 0;
    for (let index = 0; index < count; index++) {
      const value = random.normal();
      normalSum += value;
      normalSquares += value * value;
      if (Math.abs(value) > 2) beyondTwo++;
    }
    expect(Math.abs(normalSum / count)).toBeLessThan(0.01);
    expect(Math.abs(normalSquares / count - 1)).toBeLessThan(0.015);
    // P(|Z| > 2) = 0.0455 for a standard normal.
    expect(Math.abs(beyondTwo / count - 0.0455)).toBeLessThan(0.003);
  });

  it('integer(bound) covers [0, bound) evenly, and shuffle permutes', () => {
    const random = createRandom(3);
    const counts = new Array<number>(6).fill(0);
    for (let index = 0; index < 60_000; index++) counts[random.integer(6)]!++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    const items = Array.from({ length: 50 }, (_, index) => index);
    random.shuffle(items);
    expect([...items].sort((left, right) => left - right)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(() => createRandom(1.5)).toThrow('seed must be an integer, got 1.5');
  });
});

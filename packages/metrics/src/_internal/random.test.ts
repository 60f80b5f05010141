import { describe, expect, it } from 'vitest';
import { createRandom, splitMix64, Xoshiro128StarStar } from './random.js';

describe('xoshiro128**', () => {
  it('reproduces the reference implementation (xoshiro128starstar.c 1.1) from state {1, 2, 3, 4}', () => {
    // The expected outputs are those of Rust rand_xoshiro's reference test, generated with the C code.
    const random = new Xoshiro128StarStar([1, 2, 3, 4]);
    const outputs = Array.from({ length: 10 }, () => random.nextUint32());
    expect(outputs).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ]);
  });
  it('fills a buffer with the same sequence as one output at a time', () => {
    const one = new Xoshiro128StarStar([1, 2, 3, 4]);
    const many = new Xoshiro128StarStar([1, 2, 3, 4]);
    const buffer = new Uint32Array(10);
    many.fillUint32(buffer);
    expect(Array.from(buffer)).toEqual(Array.from({ length: 10 }, () => one.nextUint32()));
    expect(many.state()).toEqual(one.state());
  });
  it('refuses the all-zero state', () => {
    expect(() => new Xoshiro128StarStar([0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('SplitMix64 seeding', () => {
  it('reproduces the published SplitMix64 sequence for seed 1234567', () => {
    let state = 1234567n;
    const outputs: bigint[] = [];
    for (let draw = 0; draw < 5; draw++) {
      const step = splitMix64(state);
      state = step.state;
      outputs.push(step.output);
    }
    expect(outputs).toEqual([
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
  });
  it('gives the same sequence for the same seed and independent instances', () => {
    const first = createRandom(7);
    const second = createRandom(7);
    const other = createRandom(8);
    const a = Array.from({ length: 20 }, () => first.nextUint32());
    // Drawing from another generator in between does not disturb the second one.
    other.nextUint32();
    const b = Array.from({ length: 20 }, () => second.nextUint32());
    expect(b).toEqual(a);
    expect(Array.from({ length: 20 }, () => other.nextUint32())).not.toEqual(a);
  });
  it('rejects a seed that is not a safe integer', () => {
    expect(() => createRandom(1.5)).toThrow(RangeError);
  });
});

describe('draws', () => {
  it.each([1, 5, 7000, 3_000_000])('fillIndices(%d) gives exactly the nextIndex sequence', (bound) => {
    const one = createRandom(99);
    const many = createRandom(99);
    const indices = new Int32Array(500);
    many.fillIndices(indices, bound);
    expect(Array.from(indices)).toEqual(Array.from({ length: 500 }, () => one.nextIndex(bound)));
    expect(many.state()).toEqual(one.state());
  });
  it('nextFloat64 stays in [0, 1)', () => {
    const random = createRandom(1);
    for (let draw = 0; draw < 10_000; draw++) {
      const value = random.nextFloat64();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
  it.each([1, 3, 7, 1000, 3_000_000])('nextIndex(%d) stays in range and is uniform (chi-square)', (bound) => {
    const random = createRandom(bound);
    const cells = Math.min(bound, 10);
    const counts = new Array<number>(cells).fill(0);
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      const index = random.nextIndex(bound);
      expect(Number.isInteger(index) && index >= 0 && index < bound).toBe(true);
      counts[Math.floor((index * cells) / bound)]!++;
    }
    if (cells > 1) {
      const expected = draws / cells; // cells of equal width up to rounding, negligible at these bounds
      const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      // 99.9th percentiles of chi-square with cells − 1 = 2, 6 and 9 degrees of freedom.
      const critical: Record<number, number> = { 3: 13.82, 7: 22.46, 10: 27.88 };
      expect(chiSquare).toBeLessThan(critical[cells]!);
    }
  });
});

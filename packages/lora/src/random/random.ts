import { InvalidArgumentError } from '../errors.js';

/**
 * A seeded pseudo-random generator with independent state per instance.
 *
 * The generator is xoshiro128** (Blackman and Vigna, 2018: 128 bits of state, period 2¹²⁸ − 1), its state filled
 * from the 32-bit seed by SplitMix32. It does not reproduce PyTorch's stream (a Mersenne Twister on the CPU):
 * reproducing PyTorch tensors bit for bit is not a goal; the reference tests give A explicitly. What matters, and is
 * tested, is the distribution of each draw.
 */
export interface Random {
  /** The next 32 uniformly distributed bits, as an unsigned integer. */
  nextUint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal draw (Box–Muller on two uniforms). */
  normal(): number;
  /** A uniform integer in [0, bound) without modulo bias. */
  integer(bound: number): number;
  /** Fills `target` with uniform values in [low, high). */
  fillUniform(target: Float32Array | Float64Array, low: number, high: number): void;
  /** Fills `target` with normal values of the given mean and standard deviation. */
  fillNormal(target: Float32Array | Float64Array, mean: number, standardDeviation: number): void;
  /** Shuffles `items` in place (Fisher–Yates). */
  shuffle<T>(items: T[] | Uint32Array | Int32Array): void;
}

/**
 * A generator seeded with `seed` (any safe integer; its low 32 bits are used). The same seed gives the same stream on
 * every platform.
 *
 * @throws {InvalidArgumentError} when `seed` is not a safe integer.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('seed', `seed must be an integer, got ${String(seed)}`);
  let splitState = seed >>> 0;
  const splitMix32 = (): number => {
    splitState = (splitState + 0x9e3779b9) >>> 0;
    let z = splitState;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitMix32();
  let s1 = splitMix32();
  let s2 = splitMix32();
  let s3 = splitMix32();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one fixed point of xoshiro

  const nextUint32 = (): number => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const shifted = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= shifted;
    s3 = rotateLeft(s3, 11);
    return result;
  };
  const uniform = (): number => ((nextUint32() >>> 5) * 67_108_864 + (nextUint32() >>> 6)) / 9_007_199_254_740_992;
  let spareNormal: number | undefined;
  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // 1 − u is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const integer = (bound: number): number => {
    if (!Number.isSafeInteger(bound) || bound < 1 || bound > 2 ** 32) {
      throw new InvalidArgumentError('bound', `bound must be an integer in [1, 2^32], got ${String(bound)}`);
    }
    // Rejection sampling: draws in the incomplete last copy of [0, bound) are redrawn.
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const draw = nextUint32();
      if (draw < limit) return draw % bound;
    }
  };
  return {
    nextUint32,
    uniform,
    normal,
    integer,
    fillUniform(target, low, high) {
      const width = high - low;
      for (let index = 0; index < target.length; index++) target[index] = low + width * uniform();
    },
    fillNormal(target, mean, standardDeviation) {
      for (let index = 0; index < target.length; index++) target[index] = mean + standardDeviation * normal();
    },
    shuffle(items) {
      for (let index = items.length - 1; index > 0; index--) {
        const other = integer(index + 1);
        const value = items[index]!;
        items[index] = items[other]!;
        items[other] = value;
      }
    },
  };
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

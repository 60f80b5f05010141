/**
 * Seeded pseudo-random numbers for the resampling tests (randomization, bootstrap) and anything else in this
 * package that must be reproducible from a seed.
 *
 * The generator is xoshiro128** 1.1 (Blackman and Vigna, "Scrambled linear pseudorandom number generators", ACM
 * TOMS 2021): 128 bits of state, 32-bit outputs, period 2^128 − 1, built only from 32-bit operations, so it is fast
 * in JavaScript without BigInt. Its four state words are filled from the seed by SplitMix64 (Steele, Lea and
 * Flood 2014), the seeding the xoshiro authors recommend. Each instance owns its state: two generators never
 * influence each other, and the same seed always gives the same sequence, in Node and in the browser.
 */

const uint64Mask = (1n << 64n) - 1n;
const twoToThe32 = 4294967296;
const twoToTheMinus32 = 2.3283064365386963e-10;
/** 2^-53: turns a 53-bit integer into a double in [0, 1). */
const twoToTheMinus53 = 1.1102230246251565e-16;

/**
 * SplitMix64: a 64-bit generator used here only to expand a seed into xoshiro128**'s state.
 * Returns the next state and the output; works on BigInt, which is slow but runs once per generator.
 */
export function splitMix64(state: bigint): { state: bigint; output: bigint } {
  const next = (state + 0x9e3779b97f4a7c15n) & uint64Mask;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & uint64Mask;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & uint64Mask;
  return { state: next, output: z ^ (z >> 31n) };
}

/** The four 32-bit state words of a xoshiro128** generator. */
export type Xoshiro128State = readonly [number, number, number, number];

/** A xoshiro128** generator. Create it with {@link createRandom} (from a seed) or from explicit state words. */
export class Xoshiro128StarStar {
  // Four separate fields rather than a typed array: V8 keeps them in registers in the hot loops.
  private word0: number;
  private word1: number;
  private word2: number;
  private word3: number;

  /** @throws {RangeError} when the state is all zeros (the one state xoshiro never leaves). */
  constructor(state: Xoshiro128State) {
    this.word0 = state[0] >>> 0;
    this.word1 = state[1] >>> 0;
    this.word2 = state[2] >>> 0;
    this.word3 = state[3] >>> 0;
    if ((this.word0 | this.word1 | this.word2 | this.word3) === 0) {
      throw new RangeError('xoshiro128** state must not be all zeros');
    }
  }

  /** The current state, e.g. to copy a generator. */
  state(): Xoshiro128State {
    return [this.word0, this.word1, this.word2, this.word3];
  }

  /** The next output, a uniformly distributed integer in [0, 2^32). */
  nextUint32(): number {
    const word1 = this.word1;
    const scrambled = Math.imul(word1, 5);
    const result = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0;
    const shifted = word1 << 9;
    this.word2 ^= this.word0;
    this.word3 ^= word1;
    this.word1 = word1 ^ this.word2;
    this.word0 ^= this.word3;
    this.word2 ^= shifted;
    this.word3 = (this.word3 << 11) | (this.word3 >>> 21);
    return result;
  }

  /** Fills `target` with outputs of {@link nextUint32}: one call instead of one per word in hot loops. */
  fillUint32(target: Uint32Array): void {
    let word0 = this.word0;
    let word1 = this.word1;
    let word2 = this.word2;
    let word3 = this.word3;
    for (let index = 0; index < target.length; index++) {
      const scrambled = Math.imul(word1, 5);
      target[index] = Math.imul((scrambled << 7) | (scrambled >>> 25), 9);
      const shifted = word1 << 9;
      word2 ^= word0;
      word3 ^= word1;
      word1 ^= word2;
      word0 ^= word3;
      word2 ^= shifted;
      word3 = (word3 << 11) | (word3 >>> 21);
    }
    this.word0 = word0;
    this.word1 = word1;
    this.word2 = word2;
    this.word3 = word3;
  }

  /**
   * Fills `target` with uniformly distributed integers in [0, bound), exactly as repeated {@link nextIndex} calls
   * would, but with the generator state kept in local variables (the bootstrap's hot loop).
   *
   * @param bound - an integer in [1, 2^21).
   */
  fillIndices(target: Int32Array, bound: number): void {
    if (!(bound >= 1 && bound < 2097152)) {
      for (let index = 0; index < target.length; index++) target[index] = this.nextIndex(bound);
      return;
    }
    const threshold = twoToThe32 % bound;
    let word0 = this.word0;
    let word1 = this.word1;
    let word2 = this.word2;
    let word3 = this.word3;
    for (let index = 0; index < target.length; ) {
      const scrambled = Math.imul(word1, 5);
      const output = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0;
      const shifted = word1 << 9;
      word2 ^= word0;
      word3 ^= word1;
      word1 ^= word2;
      word0 ^= word3;
      word2 ^= shifted;
      word3 = (word3 << 11) | (word3 >>> 21);
      const product = output * bound; // exact: below 2^53
      const high = Math.floor(product * twoToTheMinus32);
      if (product - high * twoToThe32 >= threshold) target[index++] = high;
    }
    this.word0 = word0;
    this.word1 = word1;
    this.word2 = word2;
    this.word3 = word3;
  }

  /** A uniformly distributed double in [0, 1) with 53 random bits. */
  nextFloat64(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) * twoToTheMinus53;
  }

  /**
   * A uniformly distributed integer in [0, bound), without the bias of `floor(random * bound)`:
   * Lemire's multiply-and-reject method ("Fast random integer generation in an interval", ACM TOMACS 2019).
   *
   * @param bound - an integer in [1, 2^32].
   */
  nextIndex(bound: number): number {
    if (bound < 2097152) {
      // The product of a 32-bit output and a bound below 2^21 is below 2^53: exact in a double.
      const threshold = twoToThe32 % bound; // outputs whose low product part falls below it are over-represented
      for (;;) {
        const product = this.nextUint32() * bound;
        if (product % twoToThe32 >= threshold) return Math.floor(product / twoToThe32);
      }
    }
    const limit = twoToThe32 - (twoToThe32 % bound);
    for (;;) {
      const candidate = this.nextUint32();
      if (candidate < limit) return candidate % bound;
    }
  }
}

/**
 * A new generator seeded from `seed` through SplitMix64.
 *
 * @param seed - a safe integer (negative values are taken modulo 2^64).
 * @throws {RangeError} when `seed` is not a safe integer.
 */
export function createRandom(seed: number): Xoshiro128StarStar {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  let state = BigInt(seed) & uint64Mask;
  const words: number[] = [];
  for (let draw = 0; draw < 2; draw++) {
    const step = splitMix64(state);
    state = step.state;
    words.push(Number(step.output & 0xffffffffn), Number(step.output >> 32n));
  }
  // SplitMix64 never returns two zero outputs in a row, so the state is never all zeros.
  return new Xoshiro128StarStar([words[0]!, words[1]!, words[2]!, words[3]!]);
}

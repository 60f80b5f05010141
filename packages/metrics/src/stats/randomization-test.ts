import { createRandom } from '../_internal/random.js';
import { InvalidArgumentError } from '../errors.js';
import { assertPositiveInteger, assertSeed, pairedDifferences, relativeTieTolerance } from './paired-differences.js';
import {
  allSignFlipSums,
  buildSignFlipTables,
  lowerBound,
  patternsPerGroup,
  upperBound,
} from './sign-flip-sums.js';
import type { PairedTestOptions, PairedTestResult, Scores } from './types.js';

/** How {@link randomizationTest} gets the null distribution. */
export type RandomizationMethod = 'auto' | 'exact' | 'monte-carlo';

export interface RandomizationTestOptions extends PairedTestOptions {
  /**
   * `'exact'`: all 2^n sign vectors (by meet-in-the-middle, so up to n = 40 queries); `'monte-carlo'`: random
   * sign vectors; `'auto'` (default): exact up to 16 queries, Monte Carlo above.
   */
  readonly method?: RandomizationMethod;
  /** Monte Carlo: number of random sign vectors B. Default 10,000. */
  readonly permutations?: number;
  /** Monte Carlo: seed of the xoshiro128** generator. Default 42. Same seed, same p-value. */
  readonly seed?: number;
}

/** The result of {@link randomizationTest}. */
export interface RandomizationTestResult extends PairedTestResult {
  readonly test: 'randomization';
  /** The observed mean difference d̄ (the test statistic; equivalent to Σ d_q). */
  readonly statistic: number;
  /** `'exact'` or `'monte-carlo'`: which null distribution was used. */
  readonly method: 'exact' | 'monte-carlo';
  /** Number of sign vectors evaluated: 2^n when exact, B when Monte Carlo. */
  readonly permutations: number;
  /** Sign vectors at least as extreme as the observed one (in the direction of `alternative`). */
  readonly extremeCount: number;
  /** The seed used (Monte Carlo), or null (exact). */
  readonly seed: number | null;
}

const defaultPermutations = 10_000;
const defaultSeed = 42;
const autoExactLimit = 16;
const exactLimit = 40;

/**
 * Paired randomization test (Fisher's sign-flip permutation test; Smucker, Allan and Carterette, CIKM 2007): under
 * H0 each difference d_q = system_q − baseline_q is as likely to have had the opposite sign, so the observed
 * Σ d_q is compared with its values under all (exact) or B random (Monte Carlo) sign vectors.
 *
 * - Exact: p = #{σ : |Σ σ_q d_q| ≥ |Σ d_q|} / 2^n, one-sided with ≥ or ≤ instead.
 * - Monte Carlo: p = (c + 1) / (B + 1) with c the count among B random sign vectors (Phipson and Smyth 2010: a
 *   permutation p-value is never 0). Standard error about √(p(1 − p)/B): 0.0022 at p = 0.05 with B = 10,000.
 * Sums equal to the observed one up to 1e-10·Σ|d_q| count as equally extreme, so ties (common with P@10 or RR)
 * are not miscounted because of rounding.
 *
 * Degenerate case: all differences 0 gives p = 1.
 *
 * @param system - per-query scores of the system being judged.
 * @param baseline - per-query scores of the baseline, same queries in the same order.
 * @param options - `method`, `permutations`, `seed`, `alternative`, `confidenceLevel`.
 * @returns the statistic (d̄), the p-value, how it was computed and the summary of the differences.
 * @throws {InvalidArgumentError} for arrays of different lengths, fewer than 2 queries, a non-finite score, an
 *   exact test asked for more than 40 queries, or an option out of its domain.
 */
export function randomizationTest(
  system: Scores,
  baseline: Scores,
  options?: RandomizationTestOptions,
): RandomizationTestResult {
  const testName = 'randomizationTest';
  const { differences, summary, alternative } = pairedDifferences(system, baseline, options, testName);
  const requested = options?.method ?? 'auto';
  if (requested !== 'auto' && requested !== 'exact' && requested !== 'monte-carlo') {
    throw new InvalidArgumentError(
      'method',
      `${testName}: method must be 'auto', 'exact' or 'monte-carlo', got ${JSON.stringify(requested)}`,
    );
  }
  const n = differences.length;
  if (requested === 'exact' && n > exactLimit) {
    throw new InvalidArgumentError(
      'method',
      `${testName}: the exact test enumerates 2^n sign vectors and supports at most ${exactLimit} queries, got ${n}; ` +
        "use method 'monte-carlo'",
    );
  }
  const permutations = options?.permutations ?? defaultPermutations;
  assertPositiveInteger(permutations, 'permutations', testName);
  const seed = options?.seed ?? defaultSeed;
  assertSeed(seed, testName);

  let sumOfAbsolute = 0;
  for (let query = 0; query < n; query++) sumOfAbsolute += Math.abs(differences[query]!);
  const tolerance = relativeTieTolerance * sumOfAbsolute;
  const exact = requested === 'exact' || (requested === 'auto' && n <= autoExactLimit);
  const counts = exact ? countExact(differences, tolerance) : countMonteCarlo(differences, tolerance, permutations, seed);
  const extremeCount =
    alternative === 'two-sided' ? counts.twoSided : alternative === 'greater' ? counts.greater : counts.less;
  const pValue = exact ? extremeCount / counts.total : (extremeCount + 1) / (counts.total + 1);
  return {
    test: 'randomization',
    alternative,
    statistic: summary.meanDifference,
    pValue,
    method: exact ? 'exact' : 'monte-carlo',
    permutations: counts.total,
    extremeCount,
    seed: exact ? null : seed,
    ...summary,
  };
}

interface ExtremeCounts {
  readonly total: number;
  readonly twoSided: number;
  readonly greater: number;
  readonly less: number;
}

/** All 2^n sign vectors by meet-in-the-middle: sums of each half, one half sorted, binary searches. */
function countExact(differences: Float64Array, tolerance: number): ExtremeCounts {
  const half = Math.floor(differences.length / 2);
  const firstSums = allSignFlipSums(differences.subarray(0, half));
  const secondSums = allSignFlipSums(differences.subarray(half));
  const observed = firstSums[firstSums.length - 1]! + secondSums[secondSums.length - 1]!;
  secondSums.sort();
  const absoluteObserved = Math.abs(observed);
  const secondCount = secondSums.length;
  let twoSided = 0;
  let greater = 0;
  let less = 0;
  for (const first of firstSums) {
    greater += secondCount - lowerBound(secondSums, observed - tolerance - first);
    less += upperBound(secondSums, observed + tolerance - first);
    if (absoluteObserved <= tolerance) {
      twoSided += secondCount;
    } else {
      twoSided += secondCount - lowerBound(secondSums, absoluteObserved - tolerance - first);
      twoSided += upperBound(secondSums, -absoluteObserved + tolerance - first);
    }
  }
  return { total: firstSums.length * secondCount, twoSided, greater, less };
}

/**
 * B random sign vectors. The hot loop draws 32 random signs per generator output and adds four table entries
 * per output; it allocates nothing.
 */
function countMonteCarlo(
  differences: Float64Array,
  tolerance: number,
  permutations: number,
  seed: number,
): ExtremeCounts {
  const { tables, groups } = buildSignFlipTables(differences, 4);
  const words = groups / 4;
  let observed = 0;
  for (let group = 0; group < groups; group++) observed += tables[group * patternsPerGroup + 255]!;
  const absoluteThreshold = Math.abs(observed) - tolerance;
  const greaterThreshold = observed - tolerance;
  const lessThreshold = observed + tolerance;
  const random = createRandom(seed);
  const bits = new Uint32Array(words);
  let twoSided = 0;
  let greater = 0;
  let less = 0;
  for (let permutation = 0; permutation < permutations; permutation++) {
    random.fillUint32(bits);
    let sum = 0;
    let base = 0;
    for (let word = 0; word < words; word++) {
      const signs = bits[word]!;
      sum += tables[base + (signs & 255)]!;
      sum += tables[base + 256 + ((signs >>> 8) & 255)]!;
      sum += tables[base + 512 + ((signs >>> 16) & 255)]!;
      sum += tables[base + 768 + (signs >>> 24)]!;
      base += 1024;
    }
    if (Math.abs(sum) >= absoluteThreshold) twoSided++;
    if (sum >= greaterThreshold) greater++;
    if (sum <= lessThreshold) less++;
  }
  return { total: permutations, twoSided, greater, less };
}

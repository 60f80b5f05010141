import { InvalidArgumentError } from '../errors.js';
import { pairedDifferences } from './paired-differences.js';
import { binomialHalfCdf } from './special/binomial-distribution.js';
import type { PairedTestOptions, PairedTestResult, Scores } from './types.js';

export interface SignTestOptions extends PairedTestOptions {
  /**
   * Minimum difference δ ≥ 0: only queries with |d| > δ count, as wins (d > δ) or losses (d < −δ); the others are
   * ties and are dropped (a difference equal to δ up to a relative 1e-9, i.e. rounding, is a tie). Default 0 (the
   * classic test); Smucker et al. (2007) and Urbano et al. (2019) use 0.01.
   */
  readonly threshold?: number;
}

/** The result of {@link signTest}. */
export interface SignTestResult extends PairedTestResult {
  readonly test: 'sign';
  /** Number of queries with d > δ (the system better), k. */
  readonly statistic: number;
  /** Number of queries with |d| > δ, n′: the binomial trials. */
  readonly trials: number;
  readonly threshold: number;
}

/**
 * Sign test (exact binomial, as scipy's `binomtest(k, n′, 0.5)`): under H0 the number k of queries the system wins
 * by more than δ is Binomial(n′, ½) among the n′ queries with |d| > δ. Two-sided p = min(1, 2·P(X ≤ min(k, n′ − k))),
 * `'greater'` p = P(X ≥ k), `'less'` p = P(X ≤ k); binomial tails through the regularized incomplete beta function,
 * accurate when tiny.
 *
 * Degenerate case: n′ = 0 (every difference within δ) gives p = 1.
 *
 * @param system - per-query scores of the system being judged.
 * @param baseline - per-query scores of the baseline, same queries in the same order.
 * @param options - `threshold`, `alternative`, `confidenceLevel`.
 * @returns k as the statistic, n′, the p-value and the summary of the differences.
 * @throws {InvalidArgumentError} for arrays of different lengths, fewer than 2 queries, a non-finite score, or a
 *   threshold that is negative or not finite.
 */
export function signTest(system: Scores, baseline: Scores, options?: SignTestOptions): SignTestResult {
  const testName = 'signTest';
  const { differences, summary, alternative } = pairedDifferences(system, baseline, options, testName);
  const threshold = options?.threshold ?? 0;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0) {
    throw new InvalidArgumentError(
      'threshold',
      `${testName}: threshold must be a finite number ≥ 0, got ${String(threshold)}`,
    );
  }
  // A difference that equals δ up to rounding (0.52 − 0.51 = 0.010000000000000009) is a tie, not a win.
  const boundary = threshold * (1 + 1e-9);
  let positive = 0;
  let negative = 0;
  for (const difference of differences) {
    if (difference > boundary) positive++;
    else if (difference < -boundary) negative++;
  }
  const trials = positive + negative;
  let pValue: number;
  if (trials === 0) pValue = 1;
  else if (alternative === 'two-sided') pValue = Math.min(1, 2 * binomialHalfCdf(Math.min(positive, negative), trials));
  else if (alternative === 'greater') pValue = binomialHalfCdf(negative, trials); // P(X ≥ k) = P(n′ − X ≤ n′ − k)
  else pValue = binomialHalfCdf(positive, trials);
  return { test: 'sign', alternative, statistic: positive, pValue, trials, threshold, ...summary };
}

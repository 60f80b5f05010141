import { createRandom } from '../_internal/random.js';
import { InvalidArgumentError } from '../errors.js';
import { assertPositiveInteger, assertSeed, pairedDifferences, relativeTieTolerance } from './paired-differences.js';
import type { ConfidenceInterval, PairedTestOptions, PairedTestResult, Scores } from './types.js';

/**
 * Where the bootstrap means are moved so that they follow the null hypothesis (mean difference 0):
 * - `'bootstrap-mean'`: subtract the mean of the B bootstrap means (Urbano, Lima and Hanjalic, SIGIR 2019,
 *   "bootstrap-shift"); the default.
 * - `'observed-mean'`: subtract the observed mean difference d̄, which is resampling the shifted differences
 *   d_q − d̄ (Smucker, Allan and Carterette 2007; Efron and Tibshirani 1993, algorithm 16.2).
 * The two agree in expectation and differ by Monte Carlo noise.
 */
export type BootstrapCentering = 'bootstrap-mean' | 'observed-mean';

export interface BootstrapTestOptions extends PairedTestOptions {
  /** Number of bootstrap resamples B. Default 10,000. */
  readonly resamples?: number;
  /** Seed of the xoshiro128** generator. Default 42. Same seed, same result. */
  readonly seed?: number;
  /** How the bootstrap distribution is centred on the null hypothesis. Default `'bootstrap-mean'`. */
  readonly centering?: BootstrapCentering;
}

/** The result of {@link bootstrapTest}. */
export interface BootstrapTestResult extends PairedTestResult {
  readonly test: 'bootstrap';
  /** The observed mean difference d̄. */
  readonly statistic: number;
  readonly resamples: number;
  readonly seed: number;
  readonly centering: BootstrapCentering;
  /** Centred bootstrap means at least as extreme as d̄ (in the direction of `alternative`). */
  readonly extremeCount: number;
  /**
   * Percentile bootstrap confidence interval of the mean difference: the (1 − level)/2 and (1 + level)/2
   * quantiles of the (uncentred) bootstrap means, linear interpolation between order statistics (numpy's default).
   */
  readonly bootstrapConfidenceInterval: ConfidenceInterval;
}

const defaultResamples = 10_000;
const defaultSeed = 42;

/**
 * Paired bootstrap test of the mean difference. Draws B resamples of the n differences d_q = system_q − baseline_q
 * with replacement, takes each resample's mean m_b, centres the means on the null hypothesis (see
 * {@link BootstrapCentering}) and compares them with the observed d̄:
 * two-sided p = (#{b : |m'_b| ≥ |d̄|} + 1) / (B + 1); `'greater'` counts m'_b ≥ d̄, `'less'` counts m'_b ≤ d̄.
 * The +1 (as for the randomization test) keeps a resampling p-value from being 0. Values equal to d̄ up to
 * 1e-10 · mean|d_q| count as equally extreme.
 *
 * Indices are drawn without modulo bias (Lemire's method) from a seeded xoshiro128** generator.
 *
 * Degenerate case: all differences equal gives every m'_b = 0, so p = 1 when d̄ = 0 and p = 1/(B + 1) otherwise.
 *
 * @param system - per-query scores of the system being judged.
 * @param baseline - per-query scores of the baseline, same queries in the same order.
 * @param options - `resamples`, `seed`, `centering`, `alternative`, `confidenceLevel`.
 * @returns the statistic (d̄), the p-value, the percentile interval and the summary of the differences.
 * @throws {InvalidArgumentError} for arrays of different lengths, fewer than 2 queries, a non-finite score or an
 *   option out of its domain.
 */
export function bootstrapTest(system: Scores, baseline: Scores, options?: BootstrapTestOptions): BootstrapTestResult {
  const testName = 'bootstrapTest';
  const { differences, summary, alternative } = pairedDifferences(system, baseline, options, testName);
  const resamples = options?.resamples ?? defaultResamples;
  assertPositiveInteger(resamples, 'resamples', testName);
  const seed = options?.seed ?? defaultSeed;
  assertSeed(seed, testName);
  const centering = options?.centering ?? 'bootstrap-mean';
  if (centering !== 'bootstrap-mean' && centering !== 'observed-mean') {
    throw new InvalidArgumentError(
      'centering',
      `${testName}: centering must be 'bootstrap-mean' or 'observed-mean', got ${JSON.stringify(centering)}`,
    );
  }
  const n = differences.length;
  const means = resampleMeans(differences, resamples, seed);
  let center = summary.meanDifference;
  if (centering === 'bootstrap-mean') {
    let sum = 0;
    for (let resample = 0; resample < resamples; resample++) sum += means[resample]!;
    center = sum / resamples;
  }
  let sumOfAbsolute = 0;
  for (let query = 0; query < n; query++) sumOfAbsolute += Math.abs(differences[query]!);
  const tolerance = (relativeTieTolerance * sumOfAbsolute) / n;
  const observed = summary.meanDifference;
  let extremeCount = 0;
  for (let resample = 0; resample < resamples; resample++) {
    const centred = means[resample]! - center;
    if (alternative === 'two-sided') {
      if (Math.abs(centred) >= Math.abs(observed) - tolerance) extremeCount++;
    } else if (alternative === 'greater') {
      if (centred >= observed - tolerance) extremeCount++;
    } else if (centred <= observed + tolerance) {
      extremeCount++;
    }
  }
  means.sort();
  const level = summary.confidenceInterval.level;
  return {
    test: 'bootstrap',
    alternative,
    statistic: observed,
    pValue: (extremeCount + 1) / (resamples + 1),
    resamples,
    seed,
    centering,
    extremeCount,
    bootstrapConfidenceInterval: {
      level,
      lower: quantileOfSorted(means, (1 - level) / 2),
      upper: quantileOfSorted(means, (1 + level) / 2),
    },
    ...summary,
  };
}

/** The B resample means, indices drawn with Lemire's unbiased method. */
function resampleMeans(differences: Float64Array, resamples: number, seed: number): Float64Array {
  const n = differences.length;
  const random = createRandom(seed);
  const means = new Float64Array(resamples);
  const indices = new Int32Array(n);
  for (let resample = 0; resample < resamples; resample++) {
    random.fillIndices(indices, n);
    let sum = 0;
    for (let draw = 0; draw < n; draw++) sum += differences[indices[draw]!]!;
    means[resample] = sum / n;
  }
  return means;
}

/** Quantile of ascending `sorted` with linear interpolation between order statistics (Hyndman–Fan type 7). */
function quantileOfSorted(sorted: Float64Array, probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below]! + fraction * (sorted[above]! - sorted[below]!);
}

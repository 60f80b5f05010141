import { InvalidArgumentError } from '../errors.js';
import { pairedDifferences } from './paired-differences.js';
import { lowerTail, signedRankDistribution, upperTail } from './signed-rank-distribution.js';
import { normalCdf, normalSurvival } from './special/normal-distribution.js';
import type { Alternative, PairedTestOptions, PairedTestResult, Scores } from './types.js';

/**
 * Treatment of zero differences:
 * - `'wilcox'` (default, as scipy and R): drop them, rank the rest.
 * - `'pratt'`: rank them with the rest (they take the smallest ranks), then drop their ranks; the normal
 *   approximation is adjusted (Cureton 1967), as scipy does.
 * - `'zsplit'`: rank them with the rest and add half of their rank sum to each of W+ and W−.
 */
export type WilcoxonZeroMethod = 'wilcox' | 'pratt' | 'zsplit';

/**
 * How the p-value is computed:
 * - `'exact'`: the null distribution of W+ for ranks 1..n′ without ties (scipy's `method='exact'`). With ties or
 *   zeros it is only an approximation, reproduced as scipy does it (W+ rounded conservatively).
 * - `'permutation'`: the exact conditional distribution of W+ given the observed ranks, ties and zeros included,
 *   over all sign vectors (scipy's permutation test, computed here by dynamic programming rather than enumeration,
 *   so it is not limited to 13 queries).
 * - `'asymptotic'`: normal approximation with the tie correction, and the continuity correction when `correction`
 *   is true.
 * - `'auto'` (default), as scipy 1.17: more than 50 queries (zeros counted) → asymptotic; otherwise exact when there
 *   are no ties and no zeros; otherwise permutation for at most 13 queries; otherwise asymptotic.
 */
export type WilcoxonMethod = 'auto' | 'exact' | 'permutation' | 'asymptotic';

export interface WilcoxonSignedRankOptions extends PairedTestOptions {
  /** Default `'wilcox'`. */
  readonly zeroMethod?: WilcoxonZeroMethod;
  /** Default `'auto'`. */
  readonly method?: WilcoxonMethod;
  /**
   * Continuity correction of the normal approximation (±0.5 moved towards the mean). Default false, as scipy;
   * R's `wilcox.test` uses true.
   */
  readonly correction?: boolean;
}

/** The result of {@link wilcoxonSignedRank}. */
export interface WilcoxonSignedRankResult extends PairedTestResult {
  readonly test: 'wilcoxon-signed-rank';
  /** scipy's statistic: min(W+, W−) for the two-sided test, W+ for a one-sided one. */
  readonly statistic: number;
  /** Sum of the ranks of |d| over positive differences (system better), plus half the zero ranks for zsplit. */
  readonly wPlus: number;
  /** Sum of the ranks over negative differences, plus half the zero ranks for zsplit. */
  readonly wMinus: number;
  /** Number of non-zero differences. */
  readonly nonZero: number;
  readonly zeroMethod: WilcoxonZeroMethod;
  /** The method actually used (`'auto'` resolved). */
  readonly method: 'exact' | 'permutation' | 'asymptotic';
  readonly correction: boolean;
  /** The z-score (W+ − μ)/σ, continuity-corrected if asked, when the normal approximation was used; else null. */
  readonly zStatistic: number | null;
}

const zeroMethods: readonly WilcoxonZeroMethod[] = ['wilcox', 'pratt', 'zsplit'];
const methods: readonly WilcoxonMethod[] = ['auto', 'exact', 'permutation', 'asymptotic'];
/** Above this many ranked differences the exact distributions cost too much (O(n³) work). */
const exactLimit = 400;

/**
 * Wilcoxon signed-rank test on d = system − baseline, matching scipy 1.17's `wilcoxon(system, baseline)` in every
 * method and zero treatment: |d| ranked ascending with average ranks for ties, W+ = rank sum of the positive
 * differences; normal approximation μ = n(n+1)/4, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over tie groups.
 *
 * Degenerate case: no non-zero difference (nothing to rank) gives statistic 0 and p = 1 (scipy returns NaN).
 *
 * @param system - per-query scores of the system being judged.
 * @param baseline - per-query scores of the baseline, same queries in the same order.
 * @param options - `zeroMethod`, `method`, `correction`, `alternative`, `confidenceLevel`.
 * @returns scipy's statistic, the p-value, W+ and W−, the method used and the summary of the differences.
 * @throws {InvalidArgumentError} for arrays of different lengths, fewer than 2 queries, a non-finite score, an
 *   exact or permutation method asked for more than 400 ranked differences, or an option out of its domain.
 */
export function wilcoxonSignedRank(
  system: Scores,
  baseline: Scores,
  options?: WilcoxonSignedRankOptions,
): WilcoxonSignedRankResult {
  const testName = 'wilcoxonSignedRank';
  const { differences, summary, alternative } = pairedDifferences(system, baseline, options, testName);
  const zeroMethod = options?.zeroMethod ?? 'wilcox';
  if (!zeroMethods.includes(zeroMethod)) {
    throw new InvalidArgumentError(
      'zeroMethod',
      `${testName}: zeroMethod must be 'wilcox', 'pratt' or 'zsplit', got ${JSON.stringify(zeroMethod)}`,
    );
  }
  const requested = options?.method ?? 'auto';
  if (!methods.includes(requested)) {
    throw new InvalidArgumentError(
      'method',
      `${testName}: method must be 'auto', 'exact', 'permutation' or 'asymptotic', got ${JSON.stringify(requested)}`,
    );
  }
  const correction = options?.correction ?? false;
  if (typeof correction !== 'boolean') {
    throw new InvalidArgumentError('correction', `${testName}: correction must be true or false, got ${String(correction)}`);
  }

  const n = differences.length;
  const ranking = rankDifferences(differences, zeroMethod);
  const { wPlus, wMinus, nonZero, rankedCount, zeroCount } = ranking;
  const method = resolveMethod(requested, n, ranking.hasTies, zeroCount);
  if (method !== 'asymptotic' && rankedCount > exactLimit) {
    throw new InvalidArgumentError(
      'method',
      `${testName}: the ${method} distribution supports at most ${exactLimit} ranked differences, got ${rankedCount}; ` +
        "use method 'asymptotic'",
    );
  }
  const statistic = alternative === 'two-sided' ? Math.min(wPlus, wMinus) : wPlus;
  const common = {
    test: 'wilcoxon-signed-rank' as const,
    alternative,
    statistic,
    wPlus,
    wMinus,
    nonZero,
    zeroMethod,
    method,
    correction,
    ...summary,
  };
  if (nonZero === 0) return { ...common, pValue: 1, zStatistic: null };

  if (method === 'asymptotic') {
    const zStatistic = normalApproximationZ(ranking, alternative, correction);
    let pValue: number;
    if (alternative === 'two-sided') pValue = Math.min(1, 2 * normalSurvival(Math.abs(zStatistic)));
    else if (alternative === 'greater') pValue = normalSurvival(zStatistic);
    else pValue = normalCdf(zStatistic);
    return { ...common, pValue, zStatistic };
  }

  let lower: number; // P(W+ ≤ observed)
  let upper: number; // P(W+ ≥ observed)
  if (method === 'exact') {
    // scipy: the untied distribution of ranks 1..count; a non-integral W+ is rounded up for the lower tail and
    // down for the upper tail (conservative both ways).
    const ranks = new Array<number>(rankedCount);
    for (let rank = 0; rank < rankedCount; rank++) ranks[rank] = rank + 1;
    const distribution = signedRankDistribution(ranks);
    lower = lowerTail(distribution, Math.ceil(wPlus));
    upper = upperTail(distribution, Math.floor(wPlus));
  } else {
    // Twice the average ranks are integers; zeros never change sign, so only the non-zero ranks vary.
    const distribution = signedRankDistribution(ranking.doubledNonZeroRanks);
    lower = lowerTail(distribution, ranking.doubledPositiveRankSum);
    upper = upperTail(distribution, ranking.doubledPositiveRankSum);
  }
  let pValue: number;
  if (alternative === 'two-sided') pValue = Math.min(1, 2 * Math.min(lower, upper));
  else if (alternative === 'greater') pValue = upper;
  else pValue = lower;
  return { ...common, pValue, zStatistic: null };
}

function resolveMethod(
  requested: WilcoxonMethod,
  n: number,
  hasTies: boolean,
  zeroCount: number,
): 'exact' | 'permutation' | 'asymptotic' {
  if (requested !== 'auto') return requested;
  if (n > 50) return 'asymptotic';
  if (!hasTies && zeroCount === 0) return 'exact';
  if (n <= 13) return 'permutation';
  return 'asymptotic';
}

interface SignedRanking {
  readonly zeroMethod: WilcoxonZeroMethod;
  /** Number of ranked values: non-zero differences for wilcox, all for pratt and zsplit. */
  readonly rankedCount: number;
  readonly zeroCount: number;
  readonly nonZero: number;
  readonly wPlus: number;
  readonly wMinus: number;
  /** Σ (t³ − t) over groups of tied ranked values (the zero group excluded for pratt). */
  readonly tieSum: number;
  /** Whether any two ranked values are equal (scipy's `has_ties`, zeros included for pratt and zsplit). */
  readonly hasTies: boolean;
  /** 2 × rank of each non-zero difference (integers). */
  readonly doubledNonZeroRanks: Int32Array;
  /** 2 × rank sum of the positive differences (an integer). */
  readonly doubledPositiveRankSum: number;
}

function rankDifferences(differences: Float64Array, zeroMethod: WilcoxonZeroMethod): SignedRanking {
  const values: number[] = [];
  let zeroCount = 0;
  for (const difference of differences) {
    if (difference === 0) zeroCount++;
    if (difference !== 0 || zeroMethod !== 'wilcox') values.push(difference);
  }
  const rankedCount = values.length;
  const order = values.map((_, index) => index).sort((left, right) => Math.abs(values[left]!) - Math.abs(values[right]!));
  const doubledRanks = new Int32Array(rankedCount);
  let tieSum = 0;
  let hasTies = false;
  for (let start = 0; start < rankedCount; ) {
    const magnitude = Math.abs(values[order[start]!]!);
    let end = start + 1;
    while (end < rankedCount && Math.abs(values[order[end]!]!) === magnitude) end++;
    const size = end - start;
    // Positions start..end−1 hold ranks start+1..end; their average doubled is start + 1 + end.
    for (let position = start; position < end; position++) doubledRanks[order[position]!] = start + 1 + end;
    if (size > 1) {
      hasTies = true;
      if (!(zeroMethod === 'pratt' && magnitude === 0)) tieSum += size * size * size - size;
    }
    start = end;
  }
  let doubledPositive = 0;
  let doubledNegative = 0;
  let doubledZero = 0;
  const doubledNonZeroRanks = new Int32Array(rankedCount - (zeroMethod === 'wilcox' ? 0 : zeroCount));
  let nonZeroIndex = 0;
  for (let index = 0; index < rankedCount; index++) {
    const value = values[index]!;
    const doubled = doubledRanks[index]!;
    if (value > 0) doubledPositive += doubled;
    else if (value < 0) doubledNegative += doubled;
    else doubledZero += doubled;
    if (value !== 0) doubledNonZeroRanks[nonZeroIndex++] = doubled;
  }
  const zeroShare = zeroMethod === 'zsplit' ? doubledZero / 4 : 0;
  return {
    zeroMethod,
    rankedCount,
    zeroCount,
    nonZero: differences.length - zeroCount,
    wPlus: doubledPositive / 2 + zeroShare,
    wMinus: doubledNegative / 2 + zeroShare,
    tieSum,
    hasTies,
    doubledNonZeroRanks,
    doubledPositiveRankSum: doubledPositive,
  };
}

/** scipy's z: (W+ − μ)/σ with the pratt adjustment, tie correction and optional continuity correction. */
function normalApproximationZ(ranking: SignedRanking, alternative: Alternative, correction: boolean): number {
  const count = ranking.rankedCount;
  let mean = (count * (count + 1)) / 4;
  let variance = count * (count + 1) * (2 * count + 1);
  if (ranking.zeroMethod === 'pratt') {
    const zeros = ranking.zeroCount;
    mean -= (zeros * (zeros + 1)) / 4;
    variance -= zeros * (zeros + 1) * (2 * zeros + 1);
  }
  const standardDeviation = Math.sqrt((variance - ranking.tieSum / 2) / 24);
  let z = (ranking.wPlus - mean) / standardDeviation;
  if (correction) {
    const direction = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(z);
    z -= (direction * 0.5) / standardDeviation;
  }
  return z;
}

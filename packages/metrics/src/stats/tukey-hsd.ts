import { createRandom } from '../_internal/random.js';
import { InvalidArgumentError } from '../errors.js';
import { assertPositiveInteger, assertSeed, describeValue, readConfidenceLevel, relativeTieTolerance } from './paired-differences.js';
import { lowerBound } from './sign-flip-sums.js';
import { incompleteBeta } from './special/incomplete-beta.js';
import { studentizedRangeQuantile, studentizedRangeSurvival } from './special/studentized-range-distribution.js';

/**
 * Tukey's honestly significant difference (HSD) tests: every pair of k systems (or groups) at once, with the
 * family-wise error rate of all k(k − 1)/2 comparisons held at α by the distribution of the largest difference.
 *
 * - {@link tukeyHsd}: one-way, independent groups (scipy's `tukey_hsd`, which ranx's `tukey` calls). For IR it
 *   ignores that every system answered the same queries, so the variance between queries stays in the error term
 *   and the test is weak.
 * - {@link pairedTukeyHsd}: the two-way (query × system) ANOVA without replication, the classical HSD for
 *   paired scores (Carterette, TOIS 2012; Sakai, Laboratory Experiments in IR, 2018).
 * - {@link randomizedTukeyHsd}: its distribution-free version (Carterette 2012; Sakai's Discpower): each query's
 *   scores are shuffled across systems, and the largest difference between system means is recorded.
 *
 * Every matrix is indexed [i][j] for the comparison of system (group) i with j; `statistic[i][j]` is
 * mean_i − mean_j, so the matrices are antisymmetric (statistic, bounds) or symmetric (p-values), with p = 1 on
 * the diagonal.
 */

/** Per-query scores of several systems: `scores[query][system]`, every row the same length. */
export type ScoreMatrix = readonly ArrayLike<number>[];

/** Confidence intervals of every difference mean_i − mean_j, simultaneous over all pairs. */
export interface SimultaneousConfidenceIntervals {
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
  /** lower[i][j] = statistic[i][j] − criticalValue · standardError[i][j]. */
  readonly lower: number[][];
  readonly upper: number[][];
  /** The studentized range quantile at `level` (one per pair for Games–Howell, whose degrees of freedom differ). */
  readonly criticalValue: number[][];
}

/** What every Tukey HSD result has. */
interface TukeyHsdCommon {
  /** Number of systems or groups, k. */
  readonly groups: number;
  /** The mean of each system or group. */
  readonly means: number[];
  /** statistic[i][j] = means[i] − means[j] (scipy's `statistic`). */
  readonly statistic: number[][];
  /** The p-value of each pair, family-wise over all pairs; 1 on the diagonal. */
  readonly pValue: number[][];
}

/** Options of {@link tukeyHsd} and {@link pairedTukeyHsd}. */
export interface TukeyHsdOptions {
  /** Level of the simultaneous confidence intervals, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
}

/** Options of {@link tukeyHsd}. */
export interface UnpairedTukeyHsdOptions extends TukeyHsdOptions {
  /**
   * `true` (default): the groups share one variance, pooled over all groups (Tukey–Kramer). `false`: each pair
   * uses its own two variances and Welch's degrees of freedom (Games–Howell; scipy's `equal_var=False`).
   */
  readonly equalVariances?: boolean;
}

/** The result of {@link tukeyHsd} and {@link pairedTukeyHsd}. */
export interface TukeyHsdResult extends TukeyHsdCommon {
  readonly test: 'tukey-hsd' | 'games-howell' | 'paired-tukey-hsd';
  /**
   * Degrees of freedom of the error term: N − k (one-way), (n − 1)(k − 1) (paired); for Games–Howell, per pair
   * (Welch), so this field is then the matrix of them.
   */
  readonly degreesOfFreedom: number | number[][];
  /**
   * The error mean square the standard errors come from: the pooled within-group variance (one-way), the
   * residual mean square V_E of the two-way ANOVA (paired); NaN for Games–Howell, which pools nothing.
   */
  readonly meanSquareError: number;
  /** standardError[i][j]: the range's unit, sqrt(MSE/2 · (1/n_i + 1/n_j)) (= sqrt(V_E/n) when paired). */
  readonly standardError: number[][];
  /** studentizedRange[i][j] = |statistic[i][j]| / standardError[i][j], the q referred to the distribution. */
  readonly studentizedRange: number[][];
  readonly confidenceInterval: SimultaneousConfidenceIntervals;
}

/** The two-way ANOVA table behind {@link pairedTukeyHsd}. */
export interface TwoWayAnova {
  /** Sum of squares between systems, n·Σⱼ (mean_j − grand mean)². */
  readonly systemsSumOfSquares: number;
  /** Sum of squares between queries, k·Σ_q (query mean_q − grand mean)². */
  readonly queriesSumOfSquares: number;
  /** Residual sum of squares, Σ (x_qj − query mean_q − mean_j + grand mean)². */
  readonly residualSumOfSquares: number;
  /** F = (systems SS / (k − 1)) / V_E: "do the systems differ at all?". */
  readonly fStatistic: number;
  /** P(F(k − 1, (n − 1)(k − 1)) ≥ fStatistic). */
  readonly fPValue: number;
}

/** The result of {@link pairedTukeyHsd}. */
export interface PairedTukeyHsdResult extends TukeyHsdResult {
  readonly test: 'paired-tukey-hsd';
  /** Number of queries n. */
  readonly queries: number;
  readonly degreesOfFreedom: number;
  readonly anova: TwoWayAnova;
}

/** Options of {@link randomizedTukeyHsd}. */
export interface RandomizedTukeyHsdOptions {
  /** Number of random shuffles B. Default 10,000. */
  readonly permutations?: number;
  /** Seed of the xoshiro128** generator (the one {@link randomizationTest} uses). Default 42. */
  readonly seed?: number;
}

/** The result of {@link randomizedTukeyHsd}. */
export interface RandomizedTukeyHsdResult extends TukeyHsdCommon {
  readonly test: 'randomized-tukey-hsd';
  /** Number of queries n. */
  readonly queries: number;
  /** Number of shuffles B. */
  readonly permutations: number;
  readonly seed: number;
  /** extremeCount[i][j]: shuffles whose largest difference between means reached |statistic[i][j]|. */
  readonly extremeCount: number[][];
}

const defaultPermutations = 10_000;
const defaultSeed = 42;

/**
 * One-way Tukey HSD on independent groups, exactly as `scipy.stats.tukey_hsd(*groups)` (Tukey–Kramer for unequal
 * sizes): MSE = Σ_g (n_g − 1)·s_g² / (N − k); standard error sqrt(MSE/2 · (1/n_i + 1/n_j)); q = |mean_i − mean_j| /
 * standard error; p = P(Q_{k, N−k} > q); confidence interval statistic ± q_{level; k, N−k} · standard error
 * (scipy's `confidence_interval(level)`). With `equalVariances: false`, Games–Howell.
 *
 * For per-query scores of IR systems, prefer {@link pairedTukeyHsd} or {@link randomizedTukeyHsd}: this test
 * treats the systems' scores as unrelated samples.
 *
 * Degenerate case: when the pooled variance is 0, a pair with equal means has q = 0 and p = 1, any other pair
 * q = ∞ and p = 0 (scipy gives NaN and 0).
 *
 * @param groups - the samples, at least 2, each with at least 2 finite values.
 * @param options - `confidenceLevel` (default 0.95), `equalVariances` (default true).
 * @returns the matrices of differences, p-values and intervals.
 * @throws {InvalidArgumentError} for fewer than 2 groups, a group with fewer than 2 values, a value that is not a
 *   finite number, or an option out of its domain.
 */
export function tukeyHsd(groups: readonly ArrayLike<number>[], options?: UnpairedTukeyHsdOptions): TukeyHsdResult {
  const testName = 'tukeyHsd';
  const confidenceLevel = readConfidenceLevel(options?.confidenceLevel, testName);
  const equalVariances = options?.equalVariances ?? true;
  if (typeof equalVariances !== 'boolean') {
    throw new InvalidArgumentError('equalVariances', `${testName}: equalVariances must be true or false, got ${String(equalVariances)}`);
  }
  const count = lengthOf(groups);
  if (count < 2) {
    throw new InvalidArgumentError('groups', `${testName}: needs an array of at least 2 groups, got ${count < 0 ? 'no array' : String(count)}`);
  }
  const means: number[] = [];
  const variances: number[] = [];
  const sizes: number[] = [];
  for (let index = 0; index < count; index++) {
    const values = readValues(groups[index]!, `group ${index}`, testName);
    if (values.length < 2) {
      throw new InvalidArgumentError('groups', `${testName}: group ${index} has ${values.length} value${values.length === 1 ? '' : 's'}; every group needs at least 2`);
    }
    const mean = sum(values) / values.length;
    let squares = 0;
    for (const value of values) squares += (value - mean) ** 2;
    means.push(mean);
    variances.push(squares / (values.length - 1));
    sizes.push(values.length);
  }
  const statistic = square(count, (i, j) => means[i]! - means[j]!);
  if (equalVariances) {
    const total = sizes.reduce((left, right) => left + right, 0);
    const degreesOfFreedom = total - count;
    let pooled = 0;
    for (let index = 0; index < count; index++) pooled += variances[index]! * (sizes[index]! - 1);
    const meanSquareError = pooled / degreesOfFreedom;
    const standardError = square(count, (i, j) => Math.sqrt(((1 / sizes[i]! + 1 / sizes[j]!) * meanSquareError) / 2));
    const criticalValue = studentizedRangeQuantile(confidenceLevel, count, degreesOfFreedom);
    return {
      test: 'tukey-hsd',
      ...rangeTests({ means, statistic, standardError, degreesOfFreedomFor: () => degreesOfFreedom, criticalValueFor: () => criticalValue, confidenceLevel }),
      degreesOfFreedom,
      meanSquareError,
    };
  }
  // Games–Howell: the Behrens–Fisher standard error (with scipy's factor 1/√2) and Welch's degrees of freedom.
  const standardError = square(count, (i, j) => Math.sqrt(variances[i]! / sizes[i]! + variances[j]! / sizes[j]!) / Math.SQRT2);
  const degreesOfFreedom = square(count, (i, j) => {
    const left = variances[i]! / sizes[i]!;
    const right = variances[j]! / sizes[j]!;
    return (left + right) ** 2 / (left ** 2 / (sizes[i]! - 1) + right ** 2 / (sizes[j]! - 1));
  });
  const quantiles = new Map<number, number>();
  const criticalValueFor = (i: number, j: number): number => {
    const df = degreesOfFreedom[i]![j]!;
    // Equal variances and sizes of a pair give NaN degrees of freedom only when both variances are 0.
    if (!(df > 0)) return Number.NaN;
    let value = quantiles.get(df);
    if (value === undefined) {
      value = studentizedRangeQuantile(confidenceLevel, count, df);
      quantiles.set(df, value);
    }
    return value;
  };
  return {
    test: 'games-howell',
    ...rangeTests({ means, statistic, standardError, degreesOfFreedomFor: (i, j) => degreesOfFreedom[i]![j]!, criticalValueFor, confidenceLevel }),
    degreesOfFreedom,
    meanSquareError: Number.NaN,
  };
}

/**
 * Tukey HSD for paired scores: a two-way ANOVA without replication (queries × systems), then the studentized
 * range of the system means with the residual mean square V_E (STATS.md §2.6):
 * q_ij = |mean_i − mean_j| / sqrt(V_E / n) with (n − 1)(k − 1) degrees of freedom, p = P(Q_{k, (n−1)(k−1)} > q),
 * simultaneous intervals (mean_i − mean_j) ± q_{level} · sqrt(V_E / n). With 2 systems it is the paired t-test
 * (q = √2·|t|, same p-value). Also returns the ANOVA's F test of "all systems equal".
 *
 * Degenerate case: V_E = 0 (every query moves all systems by the same amount): a pair with equal means has p = 1,
 * any other pair q = ∞ and p = 0.
 *
 * @param scores - `scores[query][system]`: one row per query, one column per system, every row the same length.
 * @param options - `confidenceLevel` (default 0.95).
 * @returns the matrices of differences, p-values and intervals, and the ANOVA table.
 * @throws {InvalidArgumentError} for fewer than 2 queries or 2 systems, rows of different lengths, a score that
 *   is not a finite number, or an option out of its domain.
 */
export function pairedTukeyHsd(scores: ScoreMatrix, options?: TukeyHsdOptions): PairedTukeyHsdResult {
  const testName = 'pairedTukeyHsd';
  const confidenceLevel = readConfidenceLevel(options?.confidenceLevel, testName);
  const { values, queries, systems } = readMatrix(scores, testName);
  const columnMeans = new Array<number>(systems).fill(0);
  const rowMeans = new Array<number>(queries).fill(0);
  for (let query = 0; query < queries; query++) {
    let rowSum = 0;
    for (let system = 0; system < systems; system++) {
      const value = values[query * systems + system]!;
      columnMeans[system]! += value;
      rowSum += value;
    }
    rowMeans[query] = rowSum / systems;
  }
  for (let system = 0; system < systems; system++) columnMeans[system] = columnMeans[system]! / queries;
  const grandMean = sum(rowMeans) / queries;
  // Each sum of squares directly from its deviations: no cancellation between large totals.
  let residualSumOfSquares = 0;
  for (let query = 0; query < queries; query++) {
    for (let system = 0; system < systems; system++) {
      const residual = values[query * systems + system]! - rowMeans[query]! - columnMeans[system]! + grandMean;
      residualSumOfSquares += residual * residual;
    }
  }
  let systemsSumOfSquares = 0;
  for (const mean of columnMeans) systemsSumOfSquares += (mean - grandMean) ** 2;
  systemsSumOfSquares *= queries;
  let queriesSumOfSquares = 0;
  for (const mean of rowMeans) queriesSumOfSquares += (mean - grandMean) ** 2;
  queriesSumOfSquares *= systems;
  const degreesOfFreedom = (queries - 1) * (systems - 1);
  const meanSquareError = residualSumOfSquares / degreesOfFreedom;
  const standardErrorValue = Math.sqrt(meanSquareError / queries);
  const statistic = square(systems, (i, j) => columnMeans[i]! - columnMeans[j]!);
  const standardError = square(systems, () => standardErrorValue);
  const criticalValue = studentizedRangeQuantile(confidenceLevel, systems, degreesOfFreedom);
  const systemsDegrees = systems - 1;
  const fStatistic = meanSquareError === 0 ? (systemsSumOfSquares === 0 ? 0 : Infinity) : systemsSumOfSquares / systemsDegrees / meanSquareError;
  return {
    test: 'paired-tukey-hsd',
    ...rangeTests({ means: columnMeans, statistic, standardError, degreesOfFreedomFor: () => degreesOfFreedom, criticalValueFor: () => criticalValue, confidenceLevel }),
    queries,
    degreesOfFreedom,
    meanSquareError,
    anova: {
      systemsSumOfSquares,
      queriesSumOfSquares,
      residualSumOfSquares,
      fStatistic,
      fPValue: fSurvival(fStatistic, systemsDegrees, degreesOfFreedom),
    },
  };
}

/**
 * Randomized Tukey HSD (Carterette, TOIS 2012; Sakai's Discpower): B times, shuffle each query's scores across
 * the systems (under H0 the system labels of a query are exchangeable) and record the range of the shuffled
 * system means, R_b = max_j mean_j − min_j mean_j. The p-value of a pair is p_ij = (c_ij + 1) / (B + 1), c_ij =
 * #{b : R_b ≥ |mean_i − mean_j|} (Phipson and Smyth 2010, as {@link randomizationTest}), so comparing with the
 * largest shuffled difference holds the family-wise error of all pairs. Ranges within 1e-10 of the data's scale
 * of the observed difference count as reaching it, so rounding cannot miscount ties.
 *
 * Uses the same seeded xoshiro128** generator as {@link randomizationTest}: same seed, same p-values.
 * Monte Carlo standard error about √(p(1 − p)/B): 0.0022 at p = 0.05 with B = 10,000.
 *
 * Degenerate case: systems with equal means get p = 1 (every shuffle reaches a difference of 0).
 *
 * @param scores - `scores[query][system]`: one row per query, one column per system, every row the same length.
 * @param options - `permutations` (B, default 10,000), `seed` (default 42).
 * @returns the differences, the p-values and the counts behind them.
 * @throws {InvalidArgumentError} for fewer than 2 queries or 2 systems, rows of different lengths, a score that
 *   is not a finite number, or an option out of its domain.
 */
export function randomizedTukeyHsd(scores: ScoreMatrix, options?: RandomizedTukeyHsdOptions): RandomizedTukeyHsdResult {
  const testName = 'randomizedTukeyHsd';
  const permutations = options?.permutations ?? defaultPermutations;
  assertPositiveInteger(permutations, 'permutations', testName);
  const seed = options?.seed ?? defaultSeed;
  assertSeed(seed, testName);
  const { values, queries, systems } = readMatrix(scores, testName);
  const columnSums = new Float64Array(systems);
  let scale = 0;
  for (let query = 0; query < queries; query++) {
    for (let system = 0; system < systems; system++) {
      const value = values[query * systems + system]!;
      columnSums[system]! += value;
      scale += Math.abs(value);
    }
  }
  const means = Array.from(columnSums, (total) => total / queries);
  const tolerance = (relativeTieTolerance * scale) / queries;
  const ranges = new Float64Array(permutations);
  const random = createRandom(seed);
  const record = (permutation: number): void => {
    let largest = -Infinity;
    let smallest = Infinity;
    for (let system = 0; system < systems; system++) {
      const total = columnSums[system]!;
      if (total > largest) largest = total;
      if (total < smallest) smallest = total;
    }
    ranges[permutation] = (largest - smallest) / queries;
  };
  const orders = systems <= maximumTabulatedSystems ? allPermutations(systems) : undefined;
  if (orders !== undefined) {
    // Up to 8 systems: one random index into the table of all k! orders per query (one draw instead of k − 1).
    const orderCount = orders.length / systems;
    const chosen = new Int32Array(queries);
    for (let permutation = 0; permutation < permutations; permutation++) {
      random.fillIndices(chosen, orderCount);
      columnSums.fill(0);
      for (let query = 0, offset = 0; query < queries; query++, offset += systems) {
        const order = chosen[query]! * systems;
        for (let system = 0; system < systems; system++) columnSums[system]! += values[offset + orders[order + system]!]!;
      }
      record(permutation);
    }
  } else {
    // Fisher–Yates per query; shuffling a shuffled row again gives a uniformly random order too, so in place.
    const working = Float64Array.from(values);
    for (let permutation = 0; permutation < permutations; permutation++) {
      columnSums.fill(0);
      for (let query = 0, offset = 0; query < queries; query++, offset += systems) {
        for (let last = systems - 1; last > 0; last--) {
          const other = offset + random.nextIndex(last + 1);
          const swap = working[offset + last]!;
          working[offset + last] = working[other]!;
          working[other] = swap;
        }
        for (let system = 0; system < systems; system++) columnSums[system]! += working[offset + system]!;
      }
      record(permutation);
    }
  }
  ranges.sort();
  const statistic = square(systems, (i, j) => means[i]! - means[j]!);
  const extremeCount = square(systems, (i, j) => permutations - lowerBound(ranges, Math.abs(statistic[i]![j]!) - tolerance));
  return {
    test: 'randomized-tukey-hsd',
    groups: systems,
    queries,
    means,
    statistic,
    pValue: extremeCount.map((row) => row.map((count) => (count + 1) / (permutations + 1))),
    extremeCount,
    permutations,
    seed,
  };
}

/** What the distribution-based versions share: per pair, the standard error, degrees of freedom, critical value. */
interface RangeTestInput {
  readonly means: number[];
  readonly statistic: number[][];
  readonly standardError: number[][];
  readonly degreesOfFreedomFor: (i: number, j: number) => number;
  readonly criticalValueFor: (i: number, j: number) => number;
  readonly confidenceLevel: number;
}

/** The p-values, studentized ranges and intervals shared by the distribution-based versions. */
function rangeTests(input: RangeTestInput): TukeyHsdCommon & Pick<TukeyHsdResult, 'standardError' | 'studentizedRange' | 'confidenceInterval'> {
  const { means, statistic, standardError, degreesOfFreedomFor, criticalValueFor, confidenceLevel } = input;
  const count = means.length;
  const studentizedRange = square(count, (i, j) => {
    const difference = Math.abs(statistic[i]![j]!);
    const error = standardError[i]![j]!;
    if (error === 0 || Number.isNaN(error)) return difference === 0 ? 0 : Infinity;
    return difference / error;
  });
  // The matrix is symmetric: each p-value is computed once (the integrals cost milliseconds each).
  const pValue = square(count, () => 1);
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const q = studentizedRange[i]![j]!;
      const p = q === 0 ? 1 : q === Infinity ? 0 : studentizedRangeSurvival(q, count, degreesOfFreedomFor(i, j));
      pValue[i]![j] = p;
      pValue[j]![i] = p;
    }
  }
  const criticalValue = square(count, criticalValueFor);
  const radius = square(count, (i, j) => (standardError[i]![j]! === 0 ? 0 : criticalValue[i]![j]! * standardError[i]![j]!));
  return {
    groups: count,
    means,
    statistic,
    pValue,
    standardError,
    studentizedRange,
    confidenceInterval: {
      level: confidenceLevel,
      lower: square(count, (i, j) => statistic[i]![j]! - radius[i]![j]!),
      upper: square(count, (i, j) => statistic[i]![j]! + radius[i]![j]!),
      criticalValue,
    },
  };
}

/** Up to this many systems the randomized test draws from a table of all k! orders (8! = 40,320). */
const maximumTabulatedSystems = 8;

/** Every order of 0 … k − 1, one after another (Heap's algorithm). */
function allPermutations(count: number): Int32Array {
  let total = 1;
  for (let factor = 2; factor <= count; factor++) total *= factor;
  const table = new Int32Array(total * count);
  const current = Array.from({ length: count }, (_, index) => index);
  const counters = new Array<number>(count).fill(0);
  let written = 0;
  table.set(current, written++ * count);
  for (let index = 1; index < count; ) {
    if (counters[index]! < index) {
      const swapWith = index % 2 === 0 ? 0 : counters[index]!;
      const swap = current[swapWith]!;
      current[swapWith] = current[index]!;
      current[index] = swap;
      table.set(current, written++ * count);
      counters[index]!++;
      index = 1;
    } else {
      counters[index] = 0;
      index++;
    }
  }
  return table;
}

/** P(F(d₁, d₂) ≥ f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2). */
function fSurvival(f: number, numeratorDegrees: number, denominatorDegrees: number): number {
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denominator = denominatorDegrees + numeratorDegrees * f;
  return incompleteBeta(denominatorDegrees / denominator, denominatorDegrees / 2, numeratorDegrees / 2, {
    complement: (numeratorDegrees * f) / denominator,
    logX: Math.log(denominatorDegrees) - Math.log(denominator),
    logComplement: Math.log(numeratorDegrees * f) - Math.log(denominator),
  }).lower;
}

/** The length of an array-like value, or −1 for anything else (inputs from JavaScript callers are not trusted). */
function lengthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return -1;
  const length = (value as { length?: unknown }).length;
  return typeof length === 'number' ? length : -1;
}

function readValues(values: ArrayLike<number>, name: string, testName: string): number[] {
  const length = lengthOf(values);
  if (length < 0) throw new InvalidArgumentError('groups', `${testName}: ${name} must be an array of numbers`);
  const result: number[] = [];
  for (let index = 0; index < length; index++) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidArgumentError('groups', `${testName}: the value at index ${index} of ${name} must be a finite number, got ${describeValue(value)}`);
    }
    result.push(value);
  }
  return result;
}

/** Checks a query × system matrix and copies it row by row into one array. */
function readMatrix(scores: ScoreMatrix, testName: string): { values: Float64Array; queries: number; systems: number } {
  const queries = lengthOf(scores);
  if (queries < 0) throw new InvalidArgumentError('scores', `${testName}: scores must be an array of rows, scores[query][system]`);
  if (queries < 2) throw new InvalidArgumentError('scores', `${testName}: needs the scores of at least 2 queries (rows), got ${queries}`);
  const systems = lengthOf(scores[0]);
  if (systems < 2) {
    throw new InvalidArgumentError('scores', `${testName}: needs at least 2 systems (columns of scores[query][system]), got ${systems}`);
  }
  const values = new Float64Array(queries * systems);
  for (let query = 0; query < queries; query++) {
    const row = scores[query]!;
    const length = lengthOf(row);
    if (length < 0) {
      throw new InvalidArgumentError('scores', `${testName}: row ${query} must be an array of numbers (one score per system)`);
    }
    if (length !== systems) {
      throw new InvalidArgumentError(
        'scores',
        `${testName}: row ${query} has ${length} scores and row 0 has ${systems}; every query needs one score per system, in the same system order`,
      );
    }
    for (let system = 0; system < systems; system++) {
      const value = row[system];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new InvalidArgumentError('scores', `${testName}: the score of query ${query}, system ${system} must be a finite number, got ${describeValue(value)}`);
      }
      values[query * systems + system] = value;
    }
  }
  return { values, queries, systems };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index]!;
  return total;
}

function square(count: number, cell: (i: number, j: number) => number): number[][] {
  return Array.from({ length: count }, (_, i) => Array.from({ length: count }, (_, j) => cell(i, j)));
}

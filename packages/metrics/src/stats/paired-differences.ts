import { InvalidArgumentError } from '../errors.js';
import { studentTQuantile } from './special/student-t-distribution.js';
import type { Alternative, PairedDifferenceSummary, PairedTestOptions, Scores } from './types.js';

/** The validated input of a paired test: the differences and their summary. */
export interface PairedDifferences {
  /** d_q = system_q − baseline_q, in query order. */
  readonly differences: Float64Array;
  readonly summary: PairedDifferenceSummary;
  readonly alternative: Alternative;
}

const alternatives: readonly Alternative[] = ['two-sided', 'greater', 'less'];

/**
 * Checks the two score arrays and the common options, computes the differences and their summary.
 *
 * @throws {InvalidArgumentError} when the arrays differ in length, hold fewer than 2 queries, or hold a value that
 *   is not a finite number; or when an option is out of its domain.
 */
export function pairedDifferences(
  system: Scores,
  baseline: Scores,
  options: PairedTestOptions | undefined,
  testName: string,
): PairedDifferences {
  const alternative = options?.alternative ?? 'two-sided';
  if (!alternatives.includes(alternative)) {
    throw new InvalidArgumentError(
      'alternative',
      `${testName}: alternative must be 'two-sided', 'greater' or 'less', got ${JSON.stringify(alternative)}`,
    );
  }
  const confidenceLevel = readConfidenceLevel(options?.confidenceLevel, testName);
  assertScores(system, 'system', testName);
  assertScores(baseline, 'baseline', testName);
  if (system.length !== baseline.length) {
    throw new InvalidArgumentError(
      'baseline',
      `${testName}: the system has ${system.length} scores and the baseline ${baseline.length}; ` +
        'a paired test needs one score per query from each, in the same query order',
    );
  }
  const n = system.length;
  if (n < 2) {
    throw new InvalidArgumentError('system', `${testName}: needs the scores of at least 2 queries, got ${n}`);
  }
  const differences = new Float64Array(n);
  let sumSystem = 0;
  let sumBaseline = 0;
  let sumDifference = 0;
  let wins = 0;
  let losses = 0;
  for (let query = 0; query < n; query++) {
    const systemScore = system[query]!;
    const baselineScore = baseline[query]!;
    const difference = systemScore - baselineScore;
    differences[query] = difference;
    sumSystem += systemScore;
    sumBaseline += baselineScore;
    sumDifference += difference;
    if (difference > 0) wins++;
    else if (difference < 0) losses++;
  }
  const meanDifference = sumDifference / n;
  // Two passes: the corrected sum of squares does not suffer the cancellation of Σd² − n·mean².
  let sumSquares = 0;
  for (let query = 0; query < n; query++) {
    const deviation = differences[query]! - meanDifference;
    sumSquares += deviation * deviation;
  }
  const standardDeviation = Math.sqrt(sumSquares / (n - 1));
  const standardError = standardDeviation / Math.sqrt(n);
  const criticalValue = studentTQuantile((1 + confidenceLevel) / 2, n - 1);
  const halfWidth = standardError === 0 ? 0 : criticalValue * standardError;
  const cohenDz = standardDeviation === 0 ? (meanDifference === 0 ? 0 : Math.sign(meanDifference) * Infinity) : meanDifference / standardDeviation;
  return {
    differences,
    alternative,
    summary: {
      n,
      meanSystem: sumSystem / n,
      meanBaseline: sumBaseline / n,
      meanDifference,
      standardDeviation,
      standardError,
      confidenceInterval: { level: confidenceLevel, lower: meanDifference - halfWidth, upper: meanDifference + halfWidth },
      cohenDz,
      hedgesGz: cohenDz * (1 - 3 / (4 * (n - 1) - 1)),
      wins,
      ties: n - wins - losses,
      losses,
    },
  };
}

function assertScores(scores: Scores, name: 'system' | 'baseline', testName: string): void {
  if (scores === null || typeof scores !== 'object' || typeof scores.length !== 'number') {
    throw new InvalidArgumentError(name, `${testName}: the ${name} scores must be an array of numbers`);
  }
  for (let query = 0; query < scores.length; query++) {
    const score = scores[query];
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new InvalidArgumentError(
        name,
        `${testName}: the ${name} score at index ${query} must be a finite number, got ${describeValue(score)}`,
      );
    }
  }
}

/** An input value as an error message shows it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'undefined (a hole in the array)';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Validates a confidence level option (default 0.95). */
export function readConfidenceLevel(value: number | undefined, testName: string): number {
  const level = value ?? 0.95;
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new InvalidArgumentError('confidenceLevel', `${testName}: confidenceLevel must be a number strictly between 0 and 1, got ${String(level)}`);
  }
  return level;
}

/**
 * The resampling tests' tie rule: a resampled statistic within this fraction of the data's scale (Σ|d_q|, or its
 * mean) of the observed one counts as equal to it. Rounding differs between resamples by at most about
 * 1e-13 of that scale (at most ~900 additions each); 1e-10 leaves a wide margin and is far below any real
 * difference between two sums of evaluation scores.
 */
export const relativeTieTolerance = 1e-10;

/** Validates a positive integer option. */
export function assertPositiveInteger(value: number, name: string, testName: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, `${testName}: ${name} must be a positive integer, got ${String(value)}`);
  }
}

/** Validates a seed option. */
export function assertSeed(value: number, testName: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidArgumentError('seed', `${testName}: seed must be an integer, got ${String(value)}`);
  }
}

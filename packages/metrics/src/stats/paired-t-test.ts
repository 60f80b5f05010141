import { pairedDifferences } from './paired-differences.js';
import { studentTSurvival, studentTTwoSidedTail } from './special/student-t-distribution.js';
import type { PairedTestOptions, PairedTestResult, Scores } from './types.js';

/** The result of {@link pairedTTest}. */
export interface PairedTTestResult extends PairedTestResult {
  readonly test: 'paired-t';
  /** t = meanDifference / standardError. */
  readonly statistic: number;
  /** n − 1. */
  readonly degreesOfFreedom: number;
}

/**
 * Paired Student's t-test on d = system − baseline (scipy's `ttest_rel(system, baseline)`): t = d̄ / (s_d / √n),
 * n − 1 degrees of freedom, p from Student's t distribution (regularized incomplete beta, ~1e-13 relative).
 *
 * Degenerate case: when every difference is equal (s_d = 0), t is 0 with p = 1 if they are all 0 (scipy returns
 * NaN), and ±Infinity with p = 0 (or 1 for the opposite one-sided alternative) otherwise.
 *
 * @param system - per-query scores of the system being judged.
 * @param baseline - per-query scores of the baseline, same queries in the same order.
 * @param options - `alternative` (default `'two-sided'`), `confidenceLevel` (default 0.95).
 * @returns the statistic, the p-value and the summary of the differences.
 * @throws {InvalidArgumentError} when the arrays differ in length, hold fewer than 2 queries or a non-finite
 *   value, or an option is out of its domain.
 */
export function pairedTTest(system: Scores, baseline: Scores, options?: PairedTestOptions): PairedTTestResult {
  const { summary, alternative } = pairedDifferences(system, baseline, options, 'pairedTTest');
  const degreesOfFreedom = summary.n - 1;
  let statistic: number;
  if (summary.standardError === 0) {
    statistic = summary.meanDifference === 0 ? 0 : Math.sign(summary.meanDifference) * Infinity;
  } else {
    statistic = summary.meanDifference / summary.standardError;
  }
  let pValue: number;
  if (statistic === 0 && summary.standardError === 0) {
    pValue = 1;
  } else if (alternative === 'two-sided') {
    pValue = studentTTwoSidedTail(statistic, degreesOfFreedom);
  } else if (alternative === 'greater') {
    pValue = statistic === Infinity ? 0 : statistic === -Infinity ? 1 : studentTSurvival(statistic, degreesOfFreedom);
  } else {
    pValue = statistic === -Infinity ? 0 : statistic === Infinity ? 1 : studentTSurvival(-statistic, degreesOfFreedom);
  }
  return { test: 'paired-t', alternative, statistic, pValue, degreesOfFreedom, ...summary };
}

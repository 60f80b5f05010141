/**
 * Shapes shared by the paired significance tests.
 *
 * Every test takes the per-query scores of a **system** and of a **baseline** on the same queries, in the same
 * order, and works on the differences d_q = system_q − baseline_q: a positive mean difference means the system
 * scores higher. `alternative: 'greater'` tests "the system is better" (H1: the mean, or median, difference is
 * above 0), `'less'` tests "the system is worse", `'two-sided'` (the default) either.
 */

/** The alternative hypothesis, on d = system − baseline. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Per-query scores: a plain array or a typed array, one number per query. */
export type Scores = ArrayLike<number>;

/** What every paired test reports besides its own statistic: the size and direction of the difference. */
export interface PairedDifferenceSummary {
  /** Number of queries (pairs). */
  readonly n: number;
  /** Mean score of the system. */
  readonly meanSystem: number;
  /** Mean score of the baseline. */
  readonly meanBaseline: number;
  /** Mean of d = system − baseline (= meanSystem − meanBaseline). */
  readonly meanDifference: number;
  /** Sample standard deviation of d (divisor n − 1). */
  readonly standardDeviation: number;
  /** Standard error of the mean difference, standardDeviation / √n. */
  readonly standardError: number;
  /**
   * Student-t confidence interval of the mean difference, meanDifference ± t_{(1+level)/2, n−1} · standardError
   * (95 % unless `confidenceLevel` says otherwise). A zero-width interval when every difference is equal.
   */
  readonly confidenceInterval: ConfidenceInterval;
  /**
   * Cohen's d_z = meanDifference / standardDeviation (= t / √n), the standardized paired effect size.
   * 0 when every difference is 0; ±Infinity when every difference is the same non-zero value.
   */
  readonly cohenDz: number;
  /** Hedges' g_z = d_z · (1 − 3 / (4(n − 1) − 1)), d_z corrected for small-sample bias. */
  readonly hedgesGz: number;
  /** Queries where the system scores strictly higher (d > 0). */
  readonly wins: number;
  /** Queries with exactly equal scores (d = 0). */
  readonly ties: number;
  /** Queries where the system scores strictly lower (d < 0). */
  readonly losses: number;
}

export interface ConfidenceInterval {
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
  readonly lower: number;
  readonly upper: number;
}

/** Fields every test result has. */
export interface PairedTestResult extends PairedDifferenceSummary {
  /** Which test produced the result. */
  readonly test: 'paired-t' | 'randomization' | 'bootstrap' | 'wilcoxon-signed-rank' | 'sign';
  readonly alternative: Alternative;
  /** The test statistic (its meaning depends on the test; each result type documents it). */
  readonly statistic: number;
  /** The p-value, in [0, 1]. */
  readonly pValue: number;
}

/** Options every test accepts. */
export interface PairedTestOptions {
  /** The alternative hypothesis on d = system − baseline. Default `'two-sided'`. */
  readonly alternative?: Alternative;
  /** Level of the confidence interval of the mean difference, in (0, 1). Default 0.95. */
  readonly confidenceLevel?: number;
}

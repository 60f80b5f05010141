import type { PValueAdjustment } from '../stats/adjust-p-values.js';
import type { Alternative, ConfidenceInterval } from '../stats/types.js';

/**
 * The paired test a comparison runs, per system and measure, against the baseline. `'tukey'` is the randomized
 * Tukey HSD over all systems at once (baseline included, per measure): its p-values are family-wise over every
 * pair of systems already, so it takes no further correction.
 */
export type ComparisonTest = 't' | 'randomization' | 'bootstrap' | 'wilcoxon' | 'sign' | 'tukey';

/** Every {@link ComparisonTest}, for validation and help texts. */
export const comparisonTests: readonly ComparisonTest[] = Object.freeze(['t', 'randomization', 'bootstrap', 'wilcoxon', 'sign', 'tukey']);

/** Every correction a comparison accepts. */
export const comparisonCorrections: readonly PValueAdjustment[] = Object.freeze(['holm', 'bonferroni', 'bh', 'none']);

/** A measure of the report: its readable name and what it is. */
export interface ComparisonMeasure {
  /** The canonical name (`nDCG@10`, `Success@1`), the key of every per-measure record of the report. */
  readonly name: string;
  /** One sentence saying what the number is (empty when the caller gave only a name). */
  readonly description: string;
  /** The equivalent trec_eval flags (empty when the scores did not come from the evaluation engine). */
  readonly trecEvalFlags: string;
}

/** A system's scores: its means and per-query values, aligned with {@link ComparisonReport.queries}. */
export interface SystemScores {
  readonly name: string;
  /** Measure name → mean over the report's queries. */
  readonly means: Readonly<Record<string, number>>;
  /** Measure name → one value per query of {@link ComparisonReport.queries}, in that order. */
  readonly perQuery: Readonly<Record<string, readonly number[]>>;
  /** Judged queries this system returned nothing for: scored 0 on every measure (trec_eval `-c`). */
  readonly queriesWithoutResults: readonly string[];
  /** Queries this system answered that have no judgments: not evaluated. */
  readonly unjudgedQueries: readonly string[];
}

/** Whether a system differs significantly from the baseline on a measure, and in which direction. */
export type ComparisonOutcome = 'better' | 'worse' | 'not-significant';

/** One system against the baseline on one measure. */
export interface MeasureComparison {
  readonly measure: string;
  /** The system's mean. */
  readonly mean: number;
  readonly baselineMean: number;
  /** mean − baselineMean (the mean of the per-query differences). */
  readonly difference: number;
  /** difference / baselineMean, or null when the baseline's mean is 0. */
  readonly relativeDifference: number | null;
  /** Student-t confidence interval of the mean difference (95 % by default), whatever the test. */
  readonly confidenceInterval: ConfidenceInterval;
  /** The test's statistic (t; d̄ for randomization, bootstrap and Tukey; Wilcoxon's W; the sign test's wins). */
  readonly statistic: number;
  /** The test's p-value, unadjusted (for `'tukey'`: already family-wise over all pairs, equal to adjustedPValue). */
  readonly pValue: number;
  /** The p-value adjusted for the whole family (see {@link ComparisonSettings.family}). */
  readonly adjustedPValue: number;
  /** Cohen's d_z = mean difference / standard deviation of the differences (±Infinity when they are all equal and non-zero). */
  readonly effectSize: number;
  /** Hedges' g_z, d_z corrected for small-sample bias. */
  readonly hedgesGz: number;
  /** Queries where the system scores higher, equal, lower than the baseline. */
  readonly wins: number;
  readonly ties: number;
  readonly losses: number;
  /** adjustedPValue ≤ alpha. */
  readonly significant: boolean;
  readonly outcome: ComparisonOutcome;
}

/** One system and all its comparisons with the baseline, in measure order. */
export interface SystemComparison extends SystemScores {
  readonly comparisons: readonly MeasureComparison[];
}

/** How the comparison was made: enough to re-run it and to write the caption. */
export interface ComparisonSettings {
  readonly test: ComparisonTest;
  /** The test in words, e.g. `paired Student's t-test`. */
  readonly testDescription: string;
  readonly alternative: Alternative;
  readonly correction: PValueAdjustment;
  /** The family the correction runs over, in words, e.g. `3 systems × 4 measures against the baseline (12 tests)`. */
  readonly family: string;
  /** Number of hypotheses in the family. */
  readonly comparisons: number;
  /** Significance level: a comparison is significant when its adjusted p-value is ≤ alpha. */
  readonly alpha: number;
  readonly confidenceLevel: number;
  /** Seed of the randomization and bootstrap tests. */
  readonly seed: number;
  /** Random sign vectors of the randomization test (Monte Carlo; exact up to 16 queries). */
  readonly permutations: number;
  /** Resamples of the bootstrap test. */
  readonly resamples: number;
  /** How queries are aligned: every judged query counts, missing results score 0 (trec_eval -c). */
  readonly queryPolicy: string;
}

/**
 * Every pair of systems on one measure, from a test that compares them all at once (`'tukey'`). Systems are in
 * report order, the baseline first; matrices are indexed [i][j].
 */
export interface AllPairsComparison {
  readonly measure: string;
  /** The systems' names, the baseline first, then the report's systems in order. */
  readonly systems: readonly string[];
  /** meanDifference[i][j] = mean of system i − mean of system j. */
  readonly meanDifference: readonly (readonly number[])[];
  /** The family-wise p-value of each pair (1 on the diagonal). */
  readonly pValue: readonly (readonly number[])[];
}

/**
 * The result of {@link compareRuns} or {@link compareScores}: plain data (JSON-ready apart from ±Infinity effect
 * sizes, which {@link formatComparisonJson} encodes), from which every report format is rendered.
 */
export interface ComparisonReport {
  readonly kind: 'benchline-comparison';
  readonly version: 1;
  /** A title for the report (the benchmark's name), if any. */
  readonly title: string | undefined;
  readonly measures: readonly ComparisonMeasure[];
  /** The queries every per-query array is aligned with. */
  readonly queries: readonly string[];
  readonly baseline: SystemScores;
  readonly systems: readonly SystemComparison[];
  readonly settings: ComparisonSettings;
  /** Things the reader should know: queries without results, unjudged queries. */
  readonly warnings: readonly string[];
  /** Test `'tukey'` only: every pair of systems, per measure (absent for the other tests). */
  readonly allPairs?: readonly AllPairsComparison[];
}

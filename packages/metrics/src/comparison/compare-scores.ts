import { adjustPValues } from '../stats/adjust-p-values.js';
import type { PValueAdjustment } from '../stats/adjust-p-values.js';
import { bootstrapTest } from '../stats/bootstrap-test.js';
import { pairedTTest } from '../stats/paired-t-test.js';
import { randomizationTest } from '../stats/randomization-test.js';
import { signTest } from '../stats/sign-test.js';
import { randomizedTukeyHsd } from '../stats/tukey-hsd.js';
import type { Alternative, PairedTestResult } from '../stats/types.js';
import { wilcoxonSignedRank } from '../stats/wilcoxon-signed-rank.js';
import { ComparisonInputError } from './comparison-errors.js';
import { comparisonCorrections, comparisonTests } from './comparison-report.js';
import type {
  AllPairsComparison,
  ComparisonMeasure,
  ComparisonOutcome,
  ComparisonReport,
  ComparisonSettings,
  ComparisonTest,
  MeasureComparison,
  SystemComparison,
  SystemScores,
} from './comparison-report.js';

/** Statistical settings of a comparison; every field has a default. */
export interface ComparisonOptions {
  /**
   * The paired test (default `'t'`, paired Student's t). `'tukey'`: randomized Tukey HSD over all systems
   * (baseline included) per measure, `permutations` shuffles with `seed`; two-sided only, and no `correction`
   * (its p-values already hold the family-wise error over every pair of systems).
   */
  readonly test?: ComparisonTest;
  /**
   * Multiple-comparison correction over the family of every system × measure against the baseline. Default
   * `'holm'` when the family holds more than one comparison, `'none'` for a single one. With test `'tukey'` only
   * `'none'` (or leaving it out) is accepted.
   */
  readonly correction?: PValueAdjustment;
  /** Significance level (default 0.05): significant when the adjusted p-value is ≤ alpha. */
  readonly alpha?: number;
  /** Alternative hypothesis on d = system − baseline (default `'two-sided'`). */
  readonly alternative?: Alternative;
  /** Level of the confidence intervals of the mean differences (default 0.95). */
  readonly confidenceLevel?: number;
  /** Seed of the randomization and bootstrap tests (default 42). */
  readonly seed?: number;
  /** Random sign vectors of the randomization test, random shuffles of the Tukey test (default 10,000). */
  readonly permutations?: number;
  /** Resamples of the bootstrap test (default 10,000). */
  readonly resamples?: number;
  /** A title for the report (a benchmark's name). */
  readonly title?: string;
}

/** One system's per-query scores, measure name → one value per query. */
export interface ScoredSystem {
  readonly name: string;
  readonly scores: Readonly<Record<string, ArrayLike<number>>>;
  /** Judged queries the system returned nothing for (listed in the report; their scores are already in `scores`). */
  readonly queriesWithoutResults?: readonly string[];
  /** Queries the system answered that have no judgments (listed in the report). */
  readonly unjudgedQueries?: readonly string[];
}

/** Input of {@link compareScores}. */
export interface CompareScoresInput extends ComparisonOptions {
  /** The query ids; every score array holds one value per query, in this order. */
  readonly queries: readonly string[];
  /** The measures, by name (or with a description and trec_eval flags). */
  readonly measures: readonly (string | ComparisonMeasure)[];
  readonly baseline: ScoredSystem;
  readonly systems: readonly ScoredSystem[];
  /** Extra warnings to carry into the report. */
  readonly warnings?: readonly string[];
}

const testDescriptions: Readonly<Record<ComparisonTest, string>> = {
  t: "paired Student's t-test",
  randomization: "Fisher's paired randomization test",
  bootstrap: 'paired bootstrap test',
  wilcoxon: 'Wilcoxon signed-rank test',
  sign: 'sign test',
  tukey: 'randomized Tukey HSD',
};

/** The policy of {@link compareRuns}; {@link compareScores} reports it as given. */
export const queryPolicy = 'every judged query counts; a system without results for a query scores 0 on it (trec_eval -c)';

/**
 * Compares systems with a baseline on per-query scores: for each system × measure, the means, the difference and
 * its confidence interval, the chosen paired test's p-value, the p-value adjusted over the family of every
 * system × measure against the baseline (Holm by default when the family has more than one member), Cohen's d_z,
 * wins/ties/losses and whether the difference is significant at `alpha`.
 *
 * Use {@link compareRuns} to start from runs and judgments; this function is for scores from elsewhere (embedding
 * retrieval, a classifier's per-example accuracy).
 *
 * With `test: 'tukey'` (randomized Tukey HSD, Carterette 2012) every system and the baseline are compared at once,
 * per measure: each system's p-value against the baseline comes from the family of all pairs, so it is
 * family-wise already (`adjustedPValue` = `pValue`, `settings.correction` = `'none'`), and the report's
 * `allPairs` holds every pair. There is no correction across measures.
 *
 * Degenerate cases: identical scores give p = 1, effect size 0, not significant; a constant non-zero difference
 * gives an infinite effect size and, for the t-test, p = 0.
 *
 * @param input - the queries, measures, baseline and systems, and the statistical options.
 * @returns the report, plain data.
 * @throws {ComparisonInputError} for no systems, two systems with one name, a score array whose length differs
 *   from the number of queries, fewer than 2 queries, an option out of its domain, or a correction other than
 *   `'none'` or a one-sided alternative with the test `'tukey'`.
 * @throws {InvalidArgumentError} for a non-finite score (from the tests).
 */
export function compareScores(input: CompareScoresInput): ComparisonReport {
  const settings = resolveSettings(input, input.systems.length * input.measures.length, input.systems.length + 1);
  const measures = input.measures.map((measure) => (typeof measure === 'string' ? { name: measure, description: '', trecEvalFlags: '' } : measure));
  const queryCount = input.queries.length;
  if (input.systems.length === 0) throw new ComparisonInputError('no-systems', 'systems', 'a comparison needs at least one system besides the baseline');
  if (measures.length === 0) throw new ComparisonInputError('invalid-option', 'measures', 'a comparison needs at least one measure');
  if (queryCount < 2) {
    throw new ComparisonInputError('too-few-queries', 'queries', `a paired test needs at least 2 queries, found ${String(queryCount)}`);
  }
  const names = new Set<string>();
  const measureNames = new Set<string>();
  for (const measure of measures) {
    if (measureNames.has(measure.name)) throw new ComparisonInputError('duplicate-name', 'measures', `measure "${measure.name}" is listed twice`);
    measureNames.add(measure.name);
  }
  for (const system of [input.baseline, ...input.systems]) {
    if (names.has(system.name)) {
      throw new ComparisonInputError('duplicate-name', 'systems', `two systems are named "${system.name}"; give each system (and the baseline) its own name`);
    }
    names.add(system.name);
    for (const measure of measures) {
      const scores = system.scores[measure.name];
      if (scores === undefined) {
        throw new ComparisonInputError('length-mismatch', 'systems', `system "${system.name}" has no scores for measure "${measure.name}"`);
      }
      if (scores.length !== queryCount) {
        throw new ComparisonInputError(
          'length-mismatch',
          'systems',
          `system "${system.name}", measure "${measure.name}": ${String(scores.length)} per-query scores for ${String(queryCount)} queries; every system needs one score per query, in the same query order`,
        );
      }
    }
  }

  const baseline = systemScores(input.baseline, measures);
  const raw: { system: number; measure: number; result: PairedTestResult }[] = [];
  const tukey = settings.test === 'tukey' ? measures.map((measure) => allPairs(settings, measure.name, input.baseline, input.systems)) : undefined;
  input.systems.forEach((system, systemIndex) => {
    measures.forEach((measure, measureIndex) => {
      const systemValues = system.scores[measure.name] as ArrayLike<number>;
      const baselineValues = input.baseline.scores[measure.name] as ArrayLike<number>;
      let result: PairedTestResult;
      if (tukey === undefined) {
        result = runTest(settings, systemValues, baselineValues);
      } else {
        // The summary (interval, effect size, wins) as for every test; the p-value from the all-pairs family.
        const summary = pairedTTest(systemValues, baselineValues, { confidenceLevel: settings.confidenceLevel });
        const pairs = tukey[measureIndex] as AllPairsComparison;
        result = { ...summary, statistic: summary.meanDifference, pValue: (pairs.pValue[systemIndex + 1] as readonly number[])[0] as number };
      }
      raw.push({ system: systemIndex, measure: measureIndex, result });
    });
  });
  // Tukey's p-values are family-wise already: settings.correction is 'none' for it.
  const adjusted = adjustPValues(
    raw.map((entry) => entry.result.pValue),
    settings.correction,
  );
  const systems: SystemComparison[] = input.systems.map((system, systemIndex) => {
    const comparisons: MeasureComparison[] = [];
    raw.forEach((entry, index) => {
      if (entry.system !== systemIndex) return;
      const measure = measures[entry.measure] as ComparisonMeasure;
      comparisons.push(measureComparison(measure.name, entry.result, adjusted[index] as number, settings.alpha));
    });
    return { ...systemScores(system, measures), comparisons };
  });
  return {
    kind: 'benchline-comparison',
    version: 1,
    title: input.title,
    measures,
    queries: [...input.queries],
    baseline,
    systems,
    settings,
    warnings: [...(input.warnings ?? [])],
    ...(tukey === undefined ? {} : { allPairs: tukey }),
  };
}

/** Randomized Tukey HSD over the baseline and every system on one measure. */
function allPairs(settings: ComparisonSettings, measure: string, baseline: ScoredSystem, systems: readonly ScoredSystem[]): AllPairsComparison {
  const columns = [baseline, ...systems].map((system) => system.scores[measure] as ArrayLike<number>);
  const rows = Array.from({ length: (columns[0] as ArrayLike<number>).length }, (_, query) => columns.map((scores) => scores[query] as number));
  const result = randomizedTukeyHsd(rows, { permutations: settings.permutations, seed: settings.seed });
  return { measure, systems: [baseline.name, ...systems.map((system) => system.name)], meanDifference: result.statistic, pValue: result.pValue };
}

function resolveSettings(options: ComparisonOptions, comparisons: number, systemCount: number): ComparisonSettings {
  const test = options.test ?? 't';
  if (!comparisonTests.includes(test)) {
    throw new ComparisonInputError('invalid-option', 'test', `unknown test ${JSON.stringify(test)}; expected one of ${comparisonTests.join(', ')}`);
  }
  if (test === 'tukey' && options.correction !== undefined && options.correction !== 'none') {
    throw new ComparisonInputError(
      'invalid-option',
      'correction',
      `correction ${JSON.stringify(options.correction)} does not apply to the test tukey: the randomized Tukey HSD already holds the family-wise error over every pair of systems; leave the correction out or set it to none`,
    );
  }
  if (test === 'tukey' && options.alternative !== undefined && options.alternative !== 'two-sided') {
    throw new ComparisonInputError('invalid-option', 'alternative', `the test tukey is two-sided only (it compares every pair of systems in both directions), got alternative ${JSON.stringify(options.alternative)}`);
  }
  const correction = test === 'tukey' ? 'none' : (options.correction ?? (comparisons > 1 ? 'holm' : 'none'));
  if (!comparisonCorrections.includes(correction)) {
    throw new ComparisonInputError('invalid-option', 'correction', `unknown correction ${JSON.stringify(correction)}; expected one of ${comparisonCorrections.join(', ')}`);
  }
  const alpha = options.alpha ?? 0.05;
  if (!(typeof alpha === 'number' && alpha > 0 && alpha < 1)) {
    throw new ComparisonInputError('invalid-option', 'alpha', `alpha must be a number strictly between 0 and 1, got ${String(alpha)}`);
  }
  const alternative = options.alternative ?? 'two-sided';
  if (!['two-sided', 'greater', 'less'].includes(alternative)) {
    throw new ComparisonInputError('invalid-option', 'alternative', `alternative must be two-sided, greater or less, got ${JSON.stringify(alternative)}`);
  }
  const systems = comparisons;
  const pairs = (systemCount * (systemCount - 1)) / 2;
  return {
    test,
    testDescription: testDescriptions[test],
    alternative,
    correction,
    family:
      test === 'tukey'
        ? `all ${String(pairs)} pair${pairs === 1 ? '' : 's'} of the ${String(systemCount)} systems (baseline included) within each measure`
        : `every system × measure against the baseline (${String(systems)} test${systems === 1 ? '' : 's'})`,
    comparisons,
    alpha,
    confidenceLevel: options.confidenceLevel ?? 0.95,
    seed: options.seed ?? 42,
    permutations: options.permutations ?? 10_000,
    resamples: options.resamples ?? 10_000,
    queryPolicy,
  };
}

function runTest(settings: ComparisonSettings, system: ArrayLike<number>, baseline: ArrayLike<number>): PairedTestResult {
  const common = { alternative: settings.alternative, confidenceLevel: settings.confidenceLevel };
  switch (settings.test) {
    case 't':
      return pairedTTest(system, baseline, common);
    case 'randomization':
      return randomizationTest(system, baseline, { ...common, permutations: settings.permutations, seed: settings.seed });
    case 'bootstrap':
      return bootstrapTest(system, baseline, { ...common, resamples: settings.resamples, seed: settings.seed });
    case 'wilcoxon':
      return wilcoxonSignedRank(system, baseline, common);
    case 'sign':
      return signTest(system, baseline, common);
    case 'tukey':
      // Not reached: compareScores runs the Tukey test over all systems at once.
      throw new ComparisonInputError('invalid-option', 'test', 'the tukey test compares all systems at once, not one pair');
  }
}

function measureComparison(measure: string, result: PairedTestResult, adjustedPValue: number, alpha: number): MeasureComparison {
  const significant = adjustedPValue <= alpha;
  // The direction of a significant difference: the mean difference, or for a rank test with a zero mean
  // difference, the balance of wins and losses.
  const direction = result.meanDifference !== 0 ? Math.sign(result.meanDifference) : Math.sign(result.wins - result.losses);
  const outcome: ComparisonOutcome = !significant ? 'not-significant' : direction >= 0 ? 'better' : 'worse';
  return {
    measure,
    mean: result.meanSystem,
    baselineMean: result.meanBaseline,
    difference: result.meanDifference,
    relativeDifference: result.meanBaseline === 0 ? null : result.meanDifference / result.meanBaseline,
    confidenceInterval: result.confidenceInterval,
    statistic: result.statistic,
    pValue: result.pValue,
    adjustedPValue,
    effectSize: result.cohenDz,
    hedgesGz: result.hedgesGz,
    wins: result.wins,
    ties: result.ties,
    losses: result.losses,
    significant,
    outcome,
  };
}

function systemScores(system: ScoredSystem, measures: readonly ComparisonMeasure[]): SystemScores {
  const means: Record<string, number> = {};
  const perQuery: Record<string, number[]> = {};
  for (const measure of measures) {
    const values = Array.from(system.scores[measure.name] as ArrayLike<number>);
    perQuery[measure.name] = values;
    let sum = 0;
    for (const value of values) sum += value;
    means[measure.name] = values.length === 0 ? 0 : sum / values.length;
  }
  return {
    name: system.name,
    means,
    perQuery,
    queriesWithoutResults: [...(system.queriesWithoutResults ?? [])],
    unjudgedQueries: [...(system.unjudgedQueries ?? [])],
  };
}

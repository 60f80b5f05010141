import { evaluate } from '../evaluate.js';
import { parseMeasure } from '../measures/measure-names.js';
import type { MeasureSpec } from '../measures/measure-names.js';
import type { TrecEvalVersion } from '../trec-eval/options.js';
import type { Qrels, Run } from '../types.js';
import { ComparisonInputError } from './comparison-errors.js';
import type { ComparisonReport } from './comparison-report.js';
import { compareScores } from './compare-scores.js';
import type { ComparisonOptions, ScoredSystem } from './compare-scores.js';

/** The measures {@link compareRuns} reports when none are named. */
export const defaultComparisonMeasures: readonly string[] = Object.freeze(['nDCG@10', 'AP', 'RR@10', 'R@100', 'Success@1']);

/** Input of {@link compareRuns}. */
export interface CompareRunsInput extends ComparisonOptions {
  readonly qrels: Qrels;
  /** The run every system is compared with. */
  readonly baseline: Run;
  /** The systems; each run's `name` labels it in the report, so names must differ. */
  readonly systems: readonly Run[];
  /** Readable or trec_eval measure names (default {@link defaultComparisonMeasures}). */
  readonly measures?: readonly (string | MeasureSpec)[];
  /** Which trec_eval to match (default `'9.0.8'`). */
  readonly trecEvalVersion?: TrecEvalVersion;
}

const preview = (ids: readonly string[]): string => {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown}, … (${String(ids.length)} in all)` : shown;
};

/**
 * Evaluates a baseline and systems against the same judgments with the trec_eval-exact engine and compares each
 * system with the baseline (see {@link compareScores} for the statistics).
 *
 * **Query policy** (decided once, stated in the report): every query of the qrels counts; a run without results
 * for a judged query scores 0 on it (trec_eval `-c`), so a system cannot gain by skipping hard queries, and every
 * system is scored on the same queries, which a paired test needs. Queries a run answers without judgments are
 * ignored. Both are listed in the report's `warnings`.
 *
 * @param input - qrels, baseline run, system runs, measures and the statistical options.
 * @returns the report, plain data.
 * @throws {ComparisonInputError} for empty qrels, qrels sharing no query with any run (`qrels-without-overlap`),
 *   a run none of whose queries is judged (`run-for-another-query-set`), two runs with one name, fewer than 2
 *   judged queries, or an option out of its domain.
 * @throws {UnknownMeasureError} for a measure name it cannot read.
 * @throws {InvalidArgumentError} for a document ranked twice in a run or a NaN score.
 */
export function compareRuns(input: CompareRunsInput): ComparisonReport {
  const specs = (input.measures ?? defaultComparisonMeasures).map((measure) => (typeof measure === 'string' ? parseMeasure(measure) : measure));
  const judged = [...input.qrels.keys()];
  if (judged.length === 0) throw new ComparisonInputError('empty-qrels', 'qrels', 'the qrels hold no judgments');
  const runs = [input.baseline, ...input.systems];
  const judgedSet = new Set(judged);
  const answered = runs.map((run) => [...run.results].filter(([, documents]) => documents.length > 0).map(([qid]) => qid));
  const overlaps = answered.map((queries) => queries.filter((qid) => judgedSet.has(qid)).length);
  if (overlaps.every((overlap) => overlap === 0)) {
    throw new ComparisonInputError(
      'qrels-without-overlap',
      'qrels',
      `the qrels share no query with any run: the qrels judge ${String(judged.length)} queries (${preview(judged)}), the runs answer ${preview(answered[0] ?? [])}; are these the qrels of another query set or split?`,
    );
  }
  runs.forEach((run, index) => {
    if (overlaps[index] !== 0) return;
    const queries = answered[index] ?? [];
    throw new ComparisonInputError(
      'run-for-another-query-set',
      index === 0 ? 'baseline' : 'systems',
      `${index === 0 ? 'baseline' : 'run'} "${run.name}": none of its ${String(queries.length)} queries (${preview(queries)}) is judged in the qrels (${String(judged.length)} judged queries: ${preview(judged)}); is it a run for another query set?`,
    );
  });

  const warnings: string[] = [];
  const scored: ScoredSystem[] = [];
  let queries: readonly string[] = [];
  for (const run of runs) {
    const evaluation = evaluate(input.qrels, run, specs, { version: input.trecEvalVersion ?? '9.0.8', missingQueries: 'zero' });
    queries = evaluation.queries;
    const scores: Record<string, number[]> = {};
    for (const spec of specs) scores[spec.name] = evaluation.queries.map((qid) => evaluation.perQuery[qid]?.[spec.name] ?? 0);
    const missing = evaluation.judgedWithoutResults;
    const unjudged = evaluation.resultsWithoutJudgments;
    if (missing.length > 0) {
      warnings.push(`${run.name}: ${String(missing.length)} of ${String(judged.length)} judged queries ${missing.length === 1 ? 'has' : 'have'} no results (scored 0): ${preview(missing)}`);
    }
    if (unjudged.length > 0) {
      warnings.push(`${run.name}: ${String(unjudged.length)} ${unjudged.length === 1 ? 'query with results has' : 'queries with results have'} no judgments (not evaluated): ${preview(unjudged)}`);
    }
    scored.push({ name: run.name, scores, queriesWithoutResults: missing, unjudgedQueries: unjudged });
  }
  const [baseline, ...systems] = scored as [ScoredSystem, ...ScoredSystem[]];
  return compareScores({
    ...input,
    queries,
    measures: specs.map((spec) => ({ name: spec.name, description: spec.description, trecEvalFlags: spec.trecEvalFlags })),
    baseline,
    systems,
    warnings,
  });
}

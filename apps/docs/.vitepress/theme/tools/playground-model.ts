import { evaluate } from '@benchline/metrics';
import type { Evaluation, Qrels, Run } from '@benchline/metrics';

/** A document in the playground: its id and its judgment (`null`: unjudged). */
export interface JudgedDocument {
  readonly id: string;
  readonly grade: number | null;
}

/**
 * The glossary's query A: four relevant documents (d1 grade 2; d2, d4, d11 grade 1), found at ranks 3, 5 and 8,
 * d11 never retrieved; d3 and d7 judged non-relevant.
 */
export const defaultRanking: readonly JudgedDocument[] = [
  { id: 'd3', grade: 0 },
  { id: 'd7', grade: 0 },
  { id: 'd1', grade: 2 },
  { id: 'd9', grade: null },
  { id: 'd2', grade: 1 },
  { id: 'd5', grade: null },
  { id: 'd8', grade: null },
  { id: 'd4', grade: 1 },
  { id: 'd6', grade: null },
  { id: 'd10', grade: null },
];
export const defaultMissed: readonly JudgedDocument[] = [{ id: 'd11', grade: 1 }];

const queryId = 'q1';

/** The measures the playground shows at cutoff k, readable names as `@benchline/metrics` parses them. */
export function playgroundMeasures(k: number): string[] {
  return ['Success@1', 'R@1', `Success@${String(k)}`, `R@${String(k)}`, `P@${String(k)}`, 'RR', `RR@${String(k)}`, 'AP', `nDCG@${String(k)}`, 'nDCG', 'Rprec', 'Bpref', `Judged@${String(k)}`];
}

/**
 * Judgments and a run for one query from the playground's state. The engine ranks by score (ties by document
 * id), so scores decrease with the position in the list: the ranking evaluated is the one shown.
 */
export function playgroundInput(ranking: readonly JudgedDocument[], missed: readonly JudgedDocument[]): { qrels: Qrels; run: Run } {
  const judgments = new Map<string, number>();
  for (const document of [...ranking, ...missed]) if (document.grade !== null) judgments.set(document.id, document.grade);
  const results = ranking.map((document, index) => ({ docno: document.id, score: ranking.length - index }));
  return { qrels: new Map([[queryId, judgments]]), run: { name: 'playground', results: new Map([[queryId, results]]) } };
}

/** Every measure for the query, or why there is nothing to evaluate. */
export function evaluatePlayground(ranking: readonly JudgedDocument[], missed: readonly JudgedDocument[], k: number): { evaluation: Evaluation; values: Readonly<Record<string, number>> } | { reason: string } {
  if (ranking.length === 0) return { reason: 'The ranking is empty: add a document.' };
  const { qrels, run } = playgroundInput(ranking, missed);
  if ((qrels.get(queryId)?.size ?? 0) === 0) return { reason: 'No document is judged: give at least one a grade (trec_eval evaluates only judged queries).' };
  const evaluation = evaluate(qrels, run, playgroundMeasures(k));
  return { evaluation, values: evaluation.perQuery[queryId] ?? {} };
}

/** TREC recall@k and Success@k for every k from 1 to the ranking's length, for the chart. */
export function recallCurve(ranking: readonly JudgedDocument[], missed: readonly JudgedDocument[]): { k: number; measure: string; value: number }[] {
  if (ranking.length === 0) return [];
  const { qrels, run } = playgroundInput(ranking, missed);
  if ((qrels.get(queryId)?.size ?? 0) === 0) return [];
  const cutoffs = ranking.map((_document, index) => index + 1);
  const names = cutoffs.flatMap((k) => [`R@${String(k)}`, `Success@${String(k)}`, `P@${String(k)}`]);
  const values = evaluate(qrels, run, names).perQuery[queryId] ?? {};
  return cutoffs.flatMap((k) => [
    { k, measure: 'TREC recall@k', value: values[`R@${String(k)}`] ?? 0 },
    { k, measure: 'Success@k (the "R@k" of metric learning)', value: values[`Success@${String(k)}`] ?? 0 },
    { k, measure: 'P@k', value: values[`P@${String(k)}`] ?? 0 },
  ]);
}

import { InvalidArgumentError } from '../errors.js';
import type { Qrels, Run, ScoredDocument } from '../types.js';
import { sortInTrecOrder } from './ranking/trec-order.js';

/** Options of {@link oracleRun}. */
export interface OracleRunOptions {
  /** Lowest relevance level that counts as relevant (default 1, trec_eval's default `-l 1`). */
  readonly minimumRelevance?: number;
  /** Documents per query (default: all relevant ones). */
  readonly k?: number;
  /** The run's name (default `'oracle'`). */
  readonly name?: string;
}

/**
 * The oracle, the upper bound of any system on these judgments: for each query, its relevant documents ranked by
 * relevance level, highest first. The score is the relevance level itself, so equally relevant documents tie and
 * trec_eval orders them by document id descending — any order among them is ideal.
 *
 * @param qrels - the judgments.
 * @param options - relevance threshold, depth, name.
 * @returns a run with the queries that have at least one relevant document.
 * @throws {InvalidArgumentError} for a non-finite threshold or a `k` that is not a positive integer.
 */
export function oracleRun(qrels: Qrels, options: OracleRunOptions = {}): Run {
  const minimumRelevance = options.minimumRelevance ?? 1;
  if (!Number.isFinite(minimumRelevance)) {
    throw new InvalidArgumentError('minimumRelevance', `minimumRelevance must be a finite number, not ${String(minimumRelevance)}`);
  }
  const k = options.k;
  if (k !== undefined && (!Number.isSafeInteger(k) || k < 1)) {
    throw new InvalidArgumentError('k', `k must be a positive integer, not ${String(k)}`);
  }
  const results = new Map<string, readonly ScoredDocument[]>();
  for (const [queryId, judgments] of qrels) {
    const relevant: ScoredDocument[] = [];
    for (const [docno, relevance] of judgments) if (relevance >= minimumRelevance) relevant.push({ docno, score: relevance });
    if (relevant.length === 0) continue;
    const ranked = sortInTrecOrder(relevant);
    results.set(queryId, k === undefined ? ranked : ranked.slice(0, k));
  }
  return { name: options.name ?? 'oracle', results };
}

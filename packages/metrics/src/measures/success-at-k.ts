import { InvalidArgumentError } from '../errors.js';

/**
 * Success@K, also called Hit@K or R@K in computer-vision papers: 1 when at least one of the first `k`
 * documents of `ranking` is relevant, else 0. Averaged over queries it is the share of queries whose
 * top-K results contain a relevant document; R@1 is the share whose top-ranked result is relevant.
 *
 * This is not TREC's recall@K, which is the fraction of all relevant documents that appear in the top K
 * (see {@link recallAtK}).
 *
 * @param ranking - document ids, best first.
 * @param relevant - the ids judged relevant for this query.
 * @param k - cutoff, a positive integer. A ranking shorter than `k` is evaluated as it is.
 * @returns 1 or 0. An empty ranking, or no relevant documents, gives 0.
 * @throws {InvalidArgumentError} when `k` is not a positive integer.
 */
export function successAtK(ranking: readonly string[], relevant: ReadonlySet<string>, k: number): 0 | 1 {
  assertCutoff(k);
  const depth = Math.min(k, ranking.length);
  for (let rank = 0; rank < depth; rank++) {
    if (relevant.has(ranking[rank] as string)) return 1;
  }
  return 0;
}

/**
 * TREC recall@K: the fraction of the relevant documents that appear among the first `k` of `ranking`.
 *
 * @returns a number in [0, 1]; 0 when there are no relevant documents (trec_eval's convention).
 * @throws {InvalidArgumentError} when `k` is not a positive integer.
 */
export function recallAtK(ranking: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  assertCutoff(k);
  if (relevant.size === 0) return 0;
  const depth = Math.min(k, ranking.length);
  const seen = new Set<string>();
  for (let rank = 0; rank < depth; rank++) {
    const docno = ranking[rank] as string;
    if (relevant.has(docno)) seen.add(docno);
  }
  return seen.size / relevant.size;
}

function assertCutoff(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new InvalidArgumentError('k', `cutoff k must be a positive integer, got ${String(k)}`);
  }
}

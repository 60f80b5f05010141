import type { ScoredDocument } from '../../types.js';
import { compareCodePoints } from './code-point-order.js';

/**
 * Orders two results as trec_eval ranks them: higher score first, equal scores by document id descending
 * (byte order).
 */
export function compareInTrecOrder(left: ScoredDocument, right: ScoredDocument): number {
  if (left.score !== right.score) return right.score > left.score ? 1 : -1;
  return compareCodePoints(right.docno, left.docno);
}

/** A copy of `results` in trec_eval's ranking order (see {@link compareInTrecOrder}). */
export function sortInTrecOrder(results: readonly ScoredDocument[]): ScoredDocument[] {
  return [...results].sort(compareInTrecOrder);
}

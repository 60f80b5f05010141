import { createRandom } from '../_internal/random.js';
import { InvalidArgumentError } from '../errors.js';
import type { Run, ScoredDocument } from '../types.js';

/** Options of {@link randomRun}. */
export interface RandomRunOptions {
  /** Seed of the generator (a safe integer, default 0): the same seed gives the same run. */
  readonly seed?: number;
  /** Documents per query (default 1000, or the corpus size when smaller). */
  readonly k?: number;
  /** The run's name (default `'random'`). */
  readonly name?: string;
}

const fnvPrime = 0x100000001b3n;
const fnvOffset = 0xcbf29ce484222325n;
const mask64 = (1n << 64n) - 1n;

/** 53 bits of FNV-1a-64 over the seed and the query id's UTF-16 units: one independent stream per query. */
function querySeed(seed: number, queryId: string): number {
  let hash = fnvOffset;
  const text = `${String(seed)}\u0000${queryId}`;
  for (let index = 0; index < text.length; index++) {
    hash = ((hash ^ BigInt(text.charCodeAt(index))) * fnvPrime) & mask64;
  }
  return Number(hash >> 11n);
}

/**
 * The random baseline: for each query, `k` documents drawn uniformly without replacement, in a uniformly random
 * order (partial Fisher–Yates on a seeded xoshiro128** generator), scored k, k − 1, ..., 1 so that trec_eval keeps
 * the drawn order. Each query's ranking depends only on the seed and the query id, not on the other queries.
 *
 * @param documentIds - the corpus' document ids (distinct).
 * @param queries - query ids, or queries with an `id`.
 * @param options - seed, depth, name.
 * @returns a run with every query (none when the corpus is empty).
 * @throws {InvalidArgumentError} for a seed that is not a safe integer, a `k` that is not a positive integer, or a
 *   duplicate query id.
 */
export function randomRun(
  documentIds: readonly string[],
  queries: Iterable<string | { readonly id: string }>,
  options: RandomRunOptions = {},
): Run {
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('seed', `seed must be a safe integer, not ${String(seed)}`);
  const k = options.k ?? 1000;
  if (!Number.isSafeInteger(k) || k < 1) throw new InvalidArgumentError('k', `k must be a positive integer, not ${String(k)}`);
  const documentCount = documentIds.length;
  const depth = Math.min(k, documentCount);
  const order = new Uint32Array(documentCount);
  const results = new Map<string, readonly ScoredDocument[]>();
  for (const query of queries) {
    const queryId = typeof query === 'string' ? query : query.id;
    if (results.has(queryId)) throw new InvalidArgumentError('queries', `query id ${JSON.stringify(queryId)} appears twice`);
    if (depth === 0) continue;
    for (let index = 0; index < documentCount; index++) order[index] = index;
    const random = createRandom(querySeed(seed, queryId));
    const ranking: ScoredDocument[] = new Array<ScoredDocument>(depth);
    for (let position = 0; position < depth; position++) {
      const chosen = position + random.nextIndex(documentCount - position);
      const document = order[chosen]!;
      order[chosen] = order[position]!;
      order[position] = document;
      ranking[position] = { docno: documentIds[document]!, score: depth - position };
    }
    results.set(queryId, ranking);
  }
  return { name: options.name ?? 'random', results };
}

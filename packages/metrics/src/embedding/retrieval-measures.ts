import { InvalidArgumentError } from '../errors.js';
import { searchInBlocks, searchSpace, visibleGallerySize } from './nearest-neighbors.js';
import type { NearestNeighborsOptions } from './nearest-neighbors.js';

/** A class label: items with equal labels (===) are relevant to each other. */
export type EmbeddingLabel = string | number;

export interface EmbeddingRetrievalOptions extends Omit<NearestNeighborsOptions, 'k'> {
  /** Label of each query. Required unless `isRelevant` is given. */
  readonly queryLabels?: ArrayLike<EmbeddingLabel>;
  /** Label of each gallery item. Defaults to `queryLabels` when `gallery` is omitted. */
  readonly galleryLabels?: ArrayLike<EmbeddingLabel>;
  /**
   * Relevance as a predicate on (query index, gallery index), instead of label equality: for items with several
   * labels, or image–text pairs given as explicit matches. Called once per (query, gallery item) pair.
   */
  readonly isRelevant?: (queryIndex: number, galleryIndex: number) => boolean;
  /** Cutoffs K of Recall@K. Default [1, 5, 10]. */
  readonly k?: number | readonly number[];
  /** Also compute MAP@R and R-precision (retrieves R neighbours per query, R up to the largest class). Default true. */
  readonly atR?: boolean;
  /**
   * `'query'` (default): average over queries. `'class'`: average per query label first, then over labels
   * (pytorch-metric-learning's `avg_of_avgs`; needs labels).
   */
  readonly average?: 'query' | 'class';
}

/** Dataset-level results of {@link embeddingRetrieval}; per-query values in `perQuery`. */
export interface EmbeddingRetrievalResult {
  /**
   * Recall@K in the metric-learning sense (CUB, SOP, image–text R@K): the share of queries with at least one
   * relevant gallery item among their K nearest neighbours. Not TREC's recall@K.
   */
  readonly recallAtK: readonly { readonly k: number; readonly value: number }[];
  /** MAP@R (Musgrave et al. 2020), or null when `atR` is false. */
  readonly mapAtR: number | null;
  /** R-precision, or null when `atR` is false. */
  readonly rPrecision: number | null;
  readonly queryCount: number;
  /** Queries averaged: those with at least one relevant gallery item. */
  readonly evaluatedQueryCount: number;
  /** Queries with no relevant gallery item (besides themselves), left out of every average, as in PML. */
  readonly queriesWithoutRelevant: number;
  /** Neighbours retrieved per query: max(K, largest R) within the gallery. */
  readonly depth: number;
  readonly perQuery: {
    /** R: number of relevant gallery items, the query itself excluded. */
    readonly relevantCount: Int32Array;
    /** Rank (1-based) of the first relevant neighbour within `depth`; 0 when none. */
    readonly firstRelevantRank: Int32Array;
    /** AP@R per query; NaN for queries without relevant items or when `atR` is false. */
    readonly averagePrecisionAtR: Float64Array;
    /** R-precision per query; NaN likewise. */
    readonly rPrecision: Float64Array;
  };
}

/**
 * Retrieval quality of embeddings, as metric-learning and cross-modal retrieval papers report it: Recall@K (at
 * least one same-label item in the top K), and MAP@R and R-precision exactly as pytorch-metric-learning's
 * `AccuracyCalculator` defines them:
 * - R = number of gallery items relevant to the query, excluding the query itself when it is in the gallery;
 * - R-precision = (relevant items among the R nearest) / R;
 * - AP@R = (1/R) Σ_{i ≤ R} P@i · rel(i), P@i the precision at rank i (relevant items beyond rank R do not count).
 * Queries with R = 0 are left out of the averages (PML's "lone" queries) and counted in `queriesWithoutRelevant`.
 *
 * Neighbours come from the exact blocked search of {@link nearestNeighbors} (cosine by default; ties broken by the
 * lower gallery index; the full similarity matrix is never built). When the gallery is omitted, the queries are
 * the gallery and each query's own row is excluded (by index, so a duplicate vector still counts).
 *
 * Image–text retrieval with several captions per image: give each caption its image's id as label (or an
 * `isRelevant` predicate); an image query then has R = 5 relevant captions and Recall@K asks for any of them.
 *
 * @returns dataset averages and per-query values.
 * @throws {InvalidArgumentError} for malformed vectors or labels, label arrays of the wrong length, K not a
 *   positive integer, a class average without labels, or when no query has a relevant gallery item.
 */
export function embeddingRetrieval(options: EmbeddingRetrievalOptions): EmbeddingRetrievalResult {
  const name = 'embeddingRetrieval';
  const space = searchSpace(options, name);
  const queryCount = space.queries.rows;
  const galleryCount = space.gallery.rows;
  const cutoffs = normalizeCutoffs(options.k ?? [1, 5, 10], name);
  const atR = options.atR ?? true;
  const average = options.average ?? 'query';
  if (average !== 'query' && average !== 'class') {
    throw new InvalidArgumentError('average', `${name}: average must be 'query' or 'class', got ${JSON.stringify(average)}`);
  }
  const relevance = relevanceFor(options, queryCount, galleryCount, name);
  if (average === 'class' && relevance.queryLabels === undefined) {
    throw new InvalidArgumentError('average', `${name}: average 'class' needs queryLabels`);
  }

  const relevantCount = new Int32Array(queryCount);
  let largestR = 0;
  for (let query = 0; query < queryCount; query++) {
    const self = space.selfIndices[query]!;
    let count = relevance.countFor(query);
    if (self >= 0 && relevance.isRelevant(query, self)) count--;
    relevantCount[query] = count;
    largestR = Math.max(largestR, count);
  }
  const largestCutoff = cutoffs[cutoffs.length - 1]!;
  const depth = Math.min(Math.max(largestCutoff, atR ? largestR : 0), visibleGallerySize(space));

  const firstRelevantRank = new Int32Array(queryCount);
  const averagePrecisionAtR = new Float64Array(queryCount).fill(Number.NaN);
  const rPrecision = new Float64Array(queryCount).fill(Number.NaN);
  searchInBlocks(space, depth, (query, neighbors) => {
    const r = relevantCount[query]!;
    let hits = 0;
    let precisionSum = 0;
    let hitsWithinR = 0;
    for (let rank = 0; rank < neighbors.length; rank++) {
      if (!relevance.isRelevant(query, neighbors[rank]!)) continue;
      if (firstRelevantRank[query] === 0) firstRelevantRank[query] = rank + 1;
      hits++;
      if (rank < r) {
        hitsWithinR++;
        precisionSum += hits / (rank + 1);
      }
    }
    if (atR && r > 0) {
      averagePrecisionAtR[query] = precisionSum / r;
      rPrecision[query] = hitsWithinR / r;
    }
  });

  const evaluated: number[] = [];
  for (let query = 0; query < queryCount; query++) if (relevantCount[query]! > 0) evaluated.push(query);
  if (evaluated.length === 0) {
    throw new InvalidArgumentError(
      'queryLabels',
      `${name}: no query has a relevant gallery item (besides itself), so no measure is defined`,
    );
  }
  const mean = (valueOf: (query: number) => number): number =>
    average === 'query' ? meanOver(evaluated, valueOf) : classMean(evaluated, relevance.queryLabels!, valueOf);
  return {
    recallAtK: cutoffs.map((k) => ({
      k,
      value: mean((query) => {
        const rank = firstRelevantRank[query]!;
        return rank > 0 && rank <= k ? 1 : 0;
      }),
    })),
    mapAtR: atR ? mean((query) => averagePrecisionAtR[query]!) : null,
    rPrecision: atR ? mean((query) => rPrecision[query]!) : null,
    queryCount,
    evaluatedQueryCount: evaluated.length,
    queriesWithoutRelevant: queryCount - evaluated.length,
    depth,
    perQuery: { relevantCount, firstRelevantRank, averagePrecisionAtR, rPrecision },
  };
}

function normalizeCutoffs(k: number | readonly number[], name: string): number[] {
  const list = typeof k === 'number' ? [k] : [...k];
  if (list.length === 0) throw new InvalidArgumentError('k', `${name}: k must list at least one cutoff`);
  for (const cutoff of list) {
    if (!Number.isSafeInteger(cutoff) || cutoff < 1) {
      throw new InvalidArgumentError('k', `${name}: every cutoff K must be a positive integer, got ${String(cutoff)}`);
    }
  }
  return [...new Set(list)].sort((left, right) => left - right);
}

interface Relevance {
  readonly queryLabels: ArrayLike<EmbeddingLabel> | undefined;
  isRelevant(query: number, item: number): boolean;
  /** Relevant gallery items of a query, its own row included. */
  countFor(query: number): number;
}

function relevanceFor(options: EmbeddingRetrievalOptions, queryCount: number, galleryCount: number, name: string): Relevance {
  const queryLabels = options.queryLabels;
  if (queryLabels !== undefined) assertLabels(queryLabels, queryCount, 'queryLabels', name);
  const predicate = options.isRelevant;
  if (predicate !== undefined) {
    if (typeof predicate !== 'function') {
      throw new InvalidArgumentError('isRelevant', `${name}: isRelevant must be a function (query index, gallery index)`);
    }
    return {
      queryLabels,
      isRelevant: (query, item) => predicate(query, item) === true,
      countFor: (query) => {
        let count = 0;
        for (let item = 0; item < galleryCount; item++) if (predicate(query, item) === true) count++;
        return count;
      },
    };
  }
  if (queryLabels === undefined) {
    throw new InvalidArgumentError('queryLabels', `${name}: give queryLabels (and galleryLabels) or an isRelevant predicate`);
  }
  let galleryLabels = options.galleryLabels;
  if (galleryLabels === undefined) {
    if (options.gallery !== undefined) {
      throw new InvalidArgumentError('galleryLabels', `${name}: a separate gallery needs galleryLabels`);
    }
    galleryLabels = queryLabels;
  }
  assertLabels(galleryLabels, galleryCount, 'galleryLabels', name);
  const counts = new Map<EmbeddingLabel, number>();
  for (let item = 0; item < galleryCount; item++) {
    const label = galleryLabels[item]!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const gallery = galleryLabels;
  return {
    queryLabels,
    isRelevant: (query, item) => queryLabels[query] === gallery[item],
    countFor: (query) => counts.get(queryLabels[query]!) ?? 0,
  };
}

function assertLabels(labels: ArrayLike<EmbeddingLabel>, count: number, argument: string, name: string): void {
  if (labels === null || typeof labels !== 'object' || labels.length !== count) {
    throw new InvalidArgumentError(
      argument,
      `${name}: ${argument} must hold one label per vector (${count}), got ${labels === null || typeof labels !== 'object' ? String(labels) : labels.length}`,
    );
  }
  for (let index = 0; index < count; index++) {
    const label = labels[index];
    if (typeof label === 'number' ? Number.isNaN(label) : typeof label !== 'string') {
      throw new InvalidArgumentError(
        argument,
        `${name}: ${argument}[${index}] must be a string or a number (not NaN), got ${String(label)}`,
      );
    }
  }
}

function meanOver(queries: readonly number[], valueOf: (query: number) => number): number {
  let sum = 0;
  for (const query of queries) sum += valueOf(query);
  return sum / queries.length;
}

function classMean(
  queries: readonly number[],
  labels: ArrayLike<EmbeddingLabel>,
  valueOf: (query: number) => number,
): number {
  const perClass = new Map<EmbeddingLabel, { sum: number; count: number }>();
  for (const query of queries) {
    const label = labels[query]!;
    const entry = perClass.get(label) ?? { sum: 0, count: 0 };
    entry.sum += valueOf(query);
    entry.count++;
    perClass.set(label, entry);
  }
  let sum = 0;
  for (const { sum: classSum, count } of perClass.values()) sum += classSum / count;
  return sum / perClass.size;
}

import { InvalidArgumentError } from '../errors.js';
import { toDenseMatrix } from './embedding-matrix.js';
import type { DenseMatrix, EmbeddingMatrix } from './embedding-matrix.js';

/**
 * How vectors are compared: `'cosine'` similarity, `'dot'` product (both larger = closer), or `'l2'`, the
 * Euclidean distance (smaller = closer; reported as the negated squared distance so that every score is "larger is
 * better").
 */
export type Similarity = 'cosine' | 'dot' | 'l2';

export interface NearestNeighborsOptions {
  readonly queries: EmbeddingMatrix;
  /** The vectors searched. Omitted: the queries themselves, each query's own row excluded. */
  readonly gallery?: EmbeddingMatrix;
  /** Vector dimension; required when a matrix is one flat Float32Array. */
  readonly dimension?: number;
  /** Default `'cosine'`. */
  readonly similarity?: Similarity;
  /** Neighbours per query, a positive integer (capped at the number of gallery vectors a query can see). */
  readonly k: number;
  /**
   * For each query, the gallery index that is the query itself and must not be returned, or −1. Defaults to the
   * identity when `gallery` is omitted and to none otherwise. Exclusion is by index: another gallery vector equal to
   * the query is a legitimate neighbour.
   */
  readonly selfIndices?: ArrayLike<number>;
  /** Queries scored against the whole gallery at a time (memory: blockSize × k entries). Default 256. */
  readonly blockSize?: number;
}

/** The k nearest gallery vectors of every query, best first. */
export interface NearestNeighbors {
  /** Neighbours per query: min(k, gallery size − excluded). */
  readonly k: number;
  readonly queryCount: number;
  /** indices[query × k + rank]: gallery index of the neighbour at `rank` (0 = best). */
  readonly indices: Int32Array;
  /** scores[query × k + rank]: its similarity (cosine, dot, or −squared L2 distance). */
  readonly scores: Float64Array;
}

/** The validated inputs of a search, shared with the retrieval measures. */
export interface SearchSpace {
  readonly queries: DenseMatrix;
  readonly gallery: DenseMatrix;
  readonly similarity: Similarity;
  /** −1 when the query has no self in the gallery. */
  readonly selfIndices: Int32Array;
  readonly blockSize: number;
}

const similarities: readonly Similarity[] = ['cosine', 'dot', 'l2'];

/** Validates the options common to {@link nearestNeighbors} and the retrieval measures. */
export function searchSpace(options: Omit<NearestNeighborsOptions, 'k'>, functionName: string): SearchSpace {
  const queries = toDenseMatrix(options.queries, options.dimension, `${functionName}: queries`);
  const gallery =
    options.gallery === undefined ? queries : toDenseMatrix(options.gallery, options.dimension, `${functionName}: gallery`);
  if (gallery.dimension !== queries.dimension) {
    throw new InvalidArgumentError(
      'gallery',
      `${functionName}: queries have dimension ${queries.dimension} but gallery vectors ${gallery.dimension}`,
    );
  }
  const similarity = options.similarity ?? 'cosine';
  if (!similarities.includes(similarity)) {
    throw new InvalidArgumentError(
      'similarity',
      `${functionName}: similarity must be 'cosine', 'dot' or 'l2', got ${JSON.stringify(similarity)}`,
    );
  }
  const selfIndices = new Int32Array(queries.rows).fill(-1);
  if (options.selfIndices !== undefined) {
    if (options.selfIndices.length !== queries.rows) {
      throw new InvalidArgumentError(
        'selfIndices',
        `${functionName}: selfIndices has ${options.selfIndices.length} entries for ${queries.rows} queries`,
      );
    }
    for (let query = 0; query < queries.rows; query++) {
      const self = options.selfIndices[query]!;
      if (!Number.isInteger(self) || self < -1 || self >= gallery.rows) {
        throw new InvalidArgumentError(
          'selfIndices',
          `${functionName}: selfIndices[${query}] must be −1 or a gallery index below ${gallery.rows}, got ${String(self)}`,
        );
      }
      selfIndices[query] = self;
    }
  } else if (options.gallery === undefined) {
    for (let query = 0; query < queries.rows; query++) selfIndices[query] = query;
  }
  const blockSize = options.blockSize ?? 256;
  if (!Number.isSafeInteger(blockSize) || blockSize < 1) {
    throw new InvalidArgumentError('blockSize', `${functionName}: blockSize must be a positive integer, got ${String(blockSize)}`);
  }
  if (similarity === 'cosine') {
    assertNonZeroRows(queries, `${functionName}: queries`);
    if (gallery !== queries) assertNonZeroRows(gallery, `${functionName}: gallery`);
  }
  return { queries, gallery, similarity, selfIndices, blockSize };
}

function assertNonZeroRows(matrix: DenseMatrix, name: string): void {
  for (let row = 0; row < matrix.rows; row++) {
    let squares = 0;
    for (let component = 0; component < matrix.dimension; component++) {
      const value = matrix.values[row * matrix.dimension + component]!;
      squares += value * value;
    }
    if (squares === 0) {
      throw new InvalidArgumentError(name, `${name}: row ${row} is the zero vector, whose cosine similarity is undefined`);
    }
  }
}

/**
 * Exact k-nearest-neighbour search, by cosine, dot product or L2 distance, without materialising the
 * query × gallery similarity matrix: queries are taken `blockSize` at a time against the whole gallery, each query
 * keeping a bounded heap of its k best. Ties in score are broken by the lower gallery index (as a stable sort
 * would), so results are deterministic.
 *
 * Scores are computed in double precision from the float32 components (products of two float32 are exact in
 * double).
 *
 * @returns neighbour indices and scores, best first, `k` per query.
 * @throws {InvalidArgumentError} for malformed matrices (see {@link EmbeddingMatrix}), mismatched dimensions, a zero
 *   vector under cosine similarity, bad `selfIndices`, or a `k` that is not a positive integer.
 */
export function nearestNeighbors(options: NearestNeighborsOptions): NearestNeighbors {
  const space = searchSpace(options, 'nearestNeighbors');
  if (!Number.isSafeInteger(options.k) || options.k < 1) {
    throw new InvalidArgumentError('k', `nearestNeighbors: k must be a positive integer, got ${String(options.k)}`);
  }
  const k = Math.min(options.k, visibleGallerySize(space));
  const indices = new Int32Array(space.queries.rows * k);
  const scores = new Float64Array(space.queries.rows * k);
  searchInBlocks(space, k, (query, blockIndices, blockScores) => {
    indices.set(blockIndices, query * k);
    scores.set(blockScores, query * k);
  });
  return { k, queryCount: space.queries.rows, indices, scores };
}

/** The number of gallery vectors every query can retrieve (one fewer when some query has a self). */
export function visibleGallerySize(space: SearchSpace): number {
  return space.gallery.rows - (space.selfIndices.some((self) => self >= 0) ? 1 : 0);
}

/**
 * Runs the blocked search and hands each query's ranked neighbours (best first, at most `depth`) to `visit`.
 * The arrays passed to `visit` are reused: copy what must outlive the call.
 */
export function searchInBlocks(
  space: SearchSpace,
  depth: number,
  visit: (query: number, indices: Int32Array, scores: Float64Array) => void,
): void {
  const { queries, gallery, similarity, selfIndices, blockSize } = space;
  const dimension = queries.dimension;
  const unrolledEnd = dimension - (dimension % 4);
  const queryValues = queries.values;
  const galleryValues = gallery.values;
  const inverseQueryNorms = similarity === 'cosine' ? inverseNorms(queries) : undefined;
  const inverseGalleryNorms =
    similarity === 'cosine' ? (gallery === queries ? inverseQueryNorms! : inverseNorms(gallery)) : undefined;
  const block = Math.min(blockSize, queries.rows);
  const heaps = new BlockHeaps(block, depth);
  const { scores: heapScores, indices: heapIndices, sizes: heapSizes } = heaps;
  const order = new Int32Array(depth);
  const rankedIndices = new Int32Array(depth);
  const rankedScores = new Float64Array(depth);
  // Gallery rows are taken a tile at a time so that they stay in cache while every query of the block visits them.
  const tile = Math.max(1, Math.floor(16384 / dimension));

  for (let blockStart = 0; blockStart < queries.rows; blockStart += block) {
    const blockEnd = Math.min(queries.rows, blockStart + block);
    heapSizes.fill(0);
    for (let tileStart = 0; tileStart < gallery.rows; tileStart += tile) {
      const tileEnd = Math.min(gallery.rows, tileStart + tile);
      for (let query = blockStart; query < blockEnd; query++) {
        const slot = query - blockStart;
        const self = selfIndices[query]!;
        const queryOffset = query * dimension;
        for (let item = tileStart; item < tileEnd; item++) {
          if (item === self) continue;
          const itemOffset = item * dimension;
          let score: number;
          // Four independent accumulators: the additions overlap in the CPU instead of waiting on each other.
          let sum0 = 0;
          let sum1 = 0;
          let sum2 = 0;
          let sum3 = 0;
          let component = 0;
          if (similarity === 'l2') {
            for (; component < unrolledEnd; component += 4) {
              const difference0 = queryValues[queryOffset + component]! - galleryValues[itemOffset + component]!;
              const difference1 = queryValues[queryOffset + component + 1]! - galleryValues[itemOffset + component + 1]!;
              const difference2 = queryValues[queryOffset + component + 2]! - galleryValues[itemOffset + component + 2]!;
              const difference3 = queryValues[queryOffset + component + 3]! - galleryValues[itemOffset + component + 3]!;
              sum0 += difference0 * difference0;
              sum1 += difference1 * difference1;
              sum2 += difference2 * difference2;
              sum3 += difference3 * difference3;
            }
            for (; component < dimension; component++) {
              const difference = queryValues[queryOffset + component]! - galleryValues[itemOffset + component]!;
              sum0 += difference * difference;
            }
            score = -(sum0 + sum1 + (sum2 + sum3));
          } else {
            for (; component < unrolledEnd; component += 4) {
              sum0 += queryValues[queryOffset + component]! * galleryValues[itemOffset + component]!;
              sum1 += queryValues[queryOffset + component + 1]! * galleryValues[itemOffset + component + 1]!;
              sum2 += queryValues[queryOffset + component + 2]! * galleryValues[itemOffset + component + 2]!;
              sum3 += queryValues[queryOffset + component + 3]! * galleryValues[itemOffset + component + 3]!;
            }
            for (; component < dimension; component++) {
              sum0 += queryValues[queryOffset + component]! * galleryValues[itemOffset + component]!;
            }
            const sum = sum0 + sum1 + (sum2 + sum3);
            score = similarity === 'cosine' ? sum * inverseQueryNorms![query]! * inverseGalleryNorms![item]! : sum;
          }
          // Most candidates lose to a full heap's worst entry: reject them without a call.
          if (heapSizes[slot] === depth && score < heapScores[slot * depth]!) continue;
          heaps.offer(slot, score, item);
        }
      }
    }
    for (let query = blockStart; query < blockEnd; query++) {
      const slot = query - blockStart;
      const heapBase = slot * depth;
      const size = heapSizes[slot]!;
      for (let position = 0; position < size; position++) order[position] = heapBase + position;
      const used = order.subarray(0, size);
      used.sort((left, right) => heapScores[right]! - heapScores[left]! || heapIndices[left]! - heapIndices[right]!);
      for (let rank = 0; rank < size; rank++) {
        rankedIndices[rank] = heapIndices[used[rank]!]!;
        rankedScores[rank] = heapScores[used[rank]!]!;
      }
      visit(query, rankedIndices.subarray(0, size), rankedScores.subarray(0, size));
    }
  }
}

function inverseNorms(matrix: DenseMatrix): Float64Array {
  const result = new Float64Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) {
    let squares = 0;
    for (let component = 0; component < matrix.dimension; component++) {
      const value = matrix.values[row * matrix.dimension + component]!;
      squares += value * value;
    }
    result[row] = 1 / Math.sqrt(squares);
  }
  return result;
}

/** Whether (scoreA, indexA) ranks below (scoreB, indexB): lower score, or equal score and higher index. */
function isWorse(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && indexA > indexB);
}

/** One bounded min-heap per query of a block (worst kept entry at the root), in two flat typed arrays. */
class BlockHeaps {
  readonly scores: Float64Array;
  readonly indices: Int32Array;
  readonly sizes: Int32Array;

  constructor(
    slots: number,
    readonly depth: number,
  ) {
    this.scores = new Float64Array(slots * depth);
    this.indices = new Int32Array(slots * depth);
    this.sizes = new Int32Array(slots);
  }

  /** Offers a candidate to the heap of `slot`; kept if the heap is not full or it beats the worst entry. */
  offer(slot: number, score: number, index: number): void {
    const base = slot * this.depth;
    const size = this.sizes[slot]!;
    const { scores, indices } = this;
    if (size < this.depth) {
      let position = size;
      while (position > 0) {
        const parent = (position - 1) >> 1;
        if (!isWorse(score, index, scores[base + parent]!, indices[base + parent]!)) break;
        scores[base + position] = scores[base + parent]!;
        indices[base + position] = indices[base + parent]!;
        position = parent;
      }
      scores[base + position] = score;
      indices[base + position] = index;
      this.sizes[slot] = size + 1;
      return;
    }
    if (!isWorse(scores[base]!, indices[base]!, score, index)) return;
    let position = 0;
    for (;;) {
      const left = 2 * position + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && isWorse(scores[base + right]!, indices[base + right]!, scores[base + left]!, indices[base + left]!)) {
        child = right;
      }
      if (!isWorse(scores[base + child]!, indices[base + child]!, score, index)) break;
      scores[base + position] = scores[base + child]!;
      indices[base + position] = indices[base + child]!;
      position = child;
    }
    scores[base + position] = score;
    indices[base + position] = index;
  }
}

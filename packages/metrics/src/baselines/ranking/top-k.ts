/**
 * Whether candidate `left` ranks below `right` in trec_eval's order: lower score, or equal score and an id that
 * sorts earlier (trec_eval breaks ties by document id descending).
 */
function ranksBelow(left: number, right: number, scores: Float64Array, tieRanks: Uint32Array): boolean {
  const leftScore = scores[left]!;
  const rightScore = scores[right]!;
  return leftScore < rightScore || (leftScore === rightScore && tieRanks[left]! < tieRanks[right]!);
}

function siftDown(heap: Uint32Array, size: number, scores: Float64Array, tieRanks: Uint32Array): void {
  let parent = 0;
  const item = heap[0]!;
  while (true) {
    let child = 2 * parent + 1;
    if (child >= size) break;
    if (child + 1 < size && ranksBelow(heap[child + 1]!, heap[child]!, scores, tieRanks)) child++;
    if (!ranksBelow(heap[child]!, item, scores, tieRanks)) break;
    heap[parent] = heap[child]!;
    parent = child;
  }
  heap[parent] = item;
}

function siftUp(heap: Uint32Array, position: number, scores: Float64Array, tieRanks: Uint32Array): void {
  let child = position;
  const item = heap[child]!;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!ranksBelow(item, heap[parent]!, scores, tieRanks)) break;
    heap[child] = heap[parent]!;
    child = parent;
  }
  heap[child] = item;
}

/** The candidates to rank and how to order them. */
export interface TopKInput {
  /** Candidate indices (documents), in any order; only the first `count` are read. */
  readonly candidates: Uint32Array;
  readonly count: number;
  /** Score of each index. */
  readonly scores: Float64Array;
  /** Tie-break rank of each index: among equal scores, the higher rank comes first. */
  readonly tieRanks: Uint32Array;
}

/**
 * The `k` best candidates, best first, through a bounded min-heap (O(n log k)): score descending, ties broken by
 * `tieRanks` descending, a total order, so the result does not depend on the candidates' order.
 *
 * @param input - candidates, scores and tie-break ranks.
 * @param k - how many to keep (a positive integer); fewer are returned when there are fewer candidates.
 * @returns candidate indices, best first.
 */
export function selectTopK(input: TopKInput, k: number): Uint32Array {
  const { candidates, count, scores, tieRanks } = input;
  const size = Math.min(k, count);
  const heap = new Uint32Array(size);
  if (size === 0) return heap;
  for (let index = 0; index < size; index++) {
    heap[index] = candidates[index]!;
    siftUp(heap, index, scores, tieRanks);
  }
  for (let index = size; index < count; index++) {
    const candidate = candidates[index]!;
    if (ranksBelow(heap[0]!, candidate, scores, tieRanks)) {
      heap[0] = candidate;
      siftDown(heap, size, scores, tieRanks);
    }
  }
  // Pop the heap: the worst remaining goes to the end each time, leaving the array best first.
  for (let end = size - 1; end > 0; end--) {
    const worst = heap[0]!;
    heap[0] = heap[end]!;
    siftDown(heap, end, scores, tieRanks);
    heap[end] = worst;
  }
  return heap;
}

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
  /** Tie-break rank of each index: among equal scores, the higher rank comes first. Ranks are distinct. */
  readonly tieRanks: Uint32Array;
}

/** Below this ratio of k to the candidate count, a bounded heap beats selecting and sorting. */
const heapRatio = 16;

/**
 * The `k` best candidates, best first: score descending, ties broken by `tieRanks` descending, a total order, so
 * the result does not depend on the candidates' order.
 *
 * For small k a bounded min-heap (O(n log k)). Otherwise quickselect finds the k-th best score (O(n)), and the
 * candidates at or above it are sorted by an in-place quicksort on typed arrays: no comparator call per
 * comparison (V8's `TypedArray.prototype.sort` is about 30 µs per 1,000 doubles even without one).
 *
 * @param input - candidates, scores and tie-break ranks.
 * @param k - how many to keep (a positive integer); fewer are returned when there are fewer candidates.
 * @returns candidate indices, best first.
 */
export function selectTopK(input: TopKInput, k: number): Uint32Array {
  if (k * heapRatio < input.count) return selectWithHeap(input, k);
  return selectAndSort(input, k);
}

/** The value that would sit at `position` if `values[0..count)` were sorted ascending (reorders `values`). */
function quickselect(values: Float64Array, count: number, position: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    // Median of three as the pivot keeps sorted and reversed inputs linear.
    const first = values[low]!;
    const second = values[middle]!;
    const third = values[high]!;
    const pivot = first < second ? (second < third ? second : first < third ? third : first) : first < third ? first : second < third ? third : second;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! < pivot) left++;
      while (values[right]! > pivot) right--;
      if (left <= right) {
        const swap = values[left]!;
        values[left] = values[right]!;
        values[right] = swap;
        left++;
        right--;
      }
    }
    if (position <= right) high = right;
    else if (position >= left) low = left;
    else return values[position]!;
  }
  return values[position]!;
}

/** Whether entry `left` of the parallel arrays comes before entry `right`: higher score, then higher tie rank. */
function comesFirst(scores: Float64Array, ties: Uint32Array, left: number, right: number): boolean {
  const leftScore = scores[left]!;
  const rightScore = scores[right]!;
  return leftScore > rightScore || (leftScore === rightScore && ties[left]! > ties[right]!);
}

function swapEntries(arrays: { scores: Float64Array; ties: Uint32Array; indices: Uint32Array }, left: number, right: number): void {
  const { scores, ties, indices } = arrays;
  const score = scores[left]!;
  scores[left] = scores[right]!;
  scores[right] = score;
  const tie = ties[left]!;
  ties[left] = ties[right]!;
  ties[right] = tie;
  const index = indices[left]!;
  indices[left] = indices[right]!;
  indices[right] = index;
}

/** Sorts the parallel arrays' entries [low, high] best first (quicksort, insertion sort below 16 entries). */
function sortEntries(arrays: { scores: Float64Array; ties: Uint32Array; indices: Uint32Array }, low: number, high: number): void {
  const { scores, ties } = arrays;
  while (high - low > 16) {
    const middle = (low + high) >>> 1;
    // Median of three moved to `high` as the pivot.
    if (comesFirst(scores, ties, middle, low)) swapEntries(arrays, middle, low);
    if (comesFirst(scores, ties, high, low)) swapEntries(arrays, high, low);
    if (comesFirst(scores, ties, middle, high)) swapEntries(arrays, middle, high);
    let store = low;
    for (let index = low; index < high; index++) {
      if (comesFirst(scores, ties, index, high)) swapEntries(arrays, index, store++);
    }
    swapEntries(arrays, store, high);
    // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
    if (store - low < high - store) {
      sortEntries(arrays, low, store - 1);
      low = store + 1;
    } else {
      sortEntries(arrays, store + 1, high);
      high = store - 1;
    }
  }
  for (let index = low + 1; index <= high; index++) {
    for (let position = index; position > low && comesFirst(scores, ties, position, position - 1); position--) {
      swapEntries(arrays, position, position - 1);
    }
  }
}

/**
 * Scratch arrays of {@link selectAndSort}, grown on demand and reused: allocating four typed arrays per query costs
 * more than the selection itself. Safe to share because selection is synchronous.
 */
const scratch = {
  values: new Float64Array(0),
  scores: new Float64Array(0),
  ties: new Uint32Array(0),
  indices: new Uint32Array(0),
};

function ensureScratch(count: number): void {
  if (scratch.values.length >= count) return;
  const capacity = Math.max(count, scratch.values.length * 2);
  scratch.values = new Float64Array(capacity);
  scratch.scores = new Float64Array(capacity);
  scratch.ties = new Uint32Array(capacity);
  scratch.indices = new Uint32Array(capacity);
}

function selectAndSort(input: TopKInput, k: number): Uint32Array {
  const { candidates, count, scores, tieRanks } = input;
  ensureScratch(count);
  let threshold = -Infinity;
  if (count > k) {
    const values = scratch.values;
    for (let index = 0; index < count; index++) values[index] = scores[candidates[index]!]!;
    threshold = quickselect(values, count, count - k);
  }
  const selectedScores = scratch.scores;
  const selectedTies = scratch.ties;
  const selectedIndices = scratch.indices;
  let selected = 0;
  for (let index = 0; index < count; index++) {
    const candidate = candidates[index]!;
    const score = scores[candidate]!;
    if (score < threshold) continue;
    selectedScores[selected] = score;
    selectedTies[selected] = tieRanks[candidate]!;
    selectedIndices[selected++] = candidate;
  }
  sortEntries(scratch, 0, selected - 1);
  return selectedIndices.slice(0, Math.min(k, selected));
}

function selectWithHeap(input: TopKInput, k: number): Uint32Array {
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

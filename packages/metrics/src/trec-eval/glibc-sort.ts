/**
 * glibc's `qsort`, reproduced for the comparisons trec_eval makes that are not a total order.
 *
 * trec_eval sorts with `qsort` and comparators that are not always consistent: scores compared with `>` and
 * `<` say nothing about a NaN (so a NaN "ties" with every score and falls through to the document ids),
 * gains compared as `(int)(g1 - g2)` call 0.5 and 1.2 equal but 0.5 and 1.9 different. With such a comparator
 * the result depends on the sorting algorithm. glibc (up to 2.36 at least, the C library of the reference
 * builds) sorts with a top-down merge sort (`msort.c`): split at n/2, sort both halves, merge taking from the
 * left half while `compare(left, right) <= 0`. Given the same comparator results it always produces the same
 * order, which this function reproduces. (glibc falls back to quicksort only when the array exceeds a quarter
 * of the physical memory or `malloc` fails: not reproduced.)
 */
export function glibcMergeSort<Item>(items: Item[], compare: (left: Item, right: Item) => number): Item[] {
  sortRange({ items, scratch: new Array<Item>(items.length), compare }, 0, items.length);
  return items;
}

/** {@link glibcMergeSort} of an index array in place, with a comparator over the indices. */
export function glibcMergeSortIndices(indices: Int32Array, compare: (left: number, right: number) => number): Int32Array {
  sortRange({ items: indices, scratch: new Int32Array(indices.length), compare }, 0, indices.length);
  return indices;
}

interface Sequence<Item> {
  [index: number]: Item;
}

interface SortState<Item> {
  readonly items: Sequence<Item>;
  readonly scratch: Sequence<Item>;
  readonly compare: (left: Item, right: Item) => number;
}

function sortRange<Item>(state: SortState<Item>, start: number, count: number): void {
  if (count <= 1) return;
  const { items, scratch, compare } = state;
  let leftCount = count >>> 1;
  let rightCount = count - leftCount;
  sortRange(state, start, leftCount);
  sortRange(state, start + leftCount, rightCount);
  let left = start;
  let right = start + leftCount;
  let written = 0;
  while (leftCount > 0 && rightCount > 0) {
    if (compare(items[left] as Item, items[right] as Item) <= 0) {
      scratch[written++] = items[left++] as Item;
      leftCount--;
    } else {
      scratch[written++] = items[right++] as Item;
      rightCount--;
    }
  }
  while (leftCount > 0) {
    scratch[written++] = items[left++] as Item;
    leftCount--;
  }
  // What is left of the right half is already in place.
  for (let index = 0; index < written; index++) items[start + index] = scratch[index] as Item;
}

/**
 * C's conversion of a double to `int` on x86-64 (`cvttsd2si`): truncation toward zero, and the "integer
 * indefinite" value −2³¹ for NaN and for values outside the range of `int`.
 */
export function doubleToCInt(value: number): number {
  if (!(value > -2147483649 && value < 2147483648)) return -2147483648;
  return Math.trunc(value);
}

/**
 * C's conversion of a double to `long` on x86-64 (`cvttsd2si` with a 64-bit result): truncation toward zero,
 * −2⁶³ for NaN and for values outside the range of `long`. Also what glibc's `lround` returns out of range.
 */
export function doubleToCLong(value: number): number {
  if (!(value > -9223372036854775808 && value < 9223372036854775808)) return -9223372036854775808;
  return Math.trunc(value);
}

/** C's `lround`: halves away from zero, −2⁶³ out of range. */
export function cLround(value: number): number {
  if (!(value > -9223372036854775808 && value < 9223372036854775808)) return -9223372036854775808;
  const truncated = Math.trunc(value);
  const fraction = value - truncated;
  if (fraction >= 0.5) return truncated + 1;
  if (fraction <= -0.5) return truncated - 1;
  return truncated;
}

/**
 * The machinery of the sign-flip (randomization) distribution of Σ σ_q d_q, σ_q = ±1.
 *
 * Queries are taken eight at a time: for each group of eight, a table holds the 256 sums Σ ±d_q, one per sign
 * pattern (bit j set = query 8g + j keeps its sign). A random sign vector is then a string of random bytes, and
 * its sum is one table look-up per eight queries instead of eight additions and eight coin flips. Each entry is
 * summed in query order, so a pattern and its complement give exactly opposite sums, and the all-plus pattern
 * gives exactly the observed sum: ties with the observed statistic are not lost to rounding.
 */

/** Queries per table (one byte of signs). */
export const groupSize = 8;
/** Entries per table. */
export const patternsPerGroup = 256;

/**
 * Builds the tables for `differences`, padded with zero differences to a multiple of `groupsMultiple` groups.
 *
 * @returns `groups` tables of 256 entries each, laid out one after the other.
 */
export function buildSignFlipTables(differences: ArrayLike<number>, groupsMultiple = 1): { tables: Float64Array; groups: number } {
  const neededGroups = Math.ceil(differences.length / groupSize);
  const groups = Math.max(groupsMultiple, Math.ceil(neededGroups / groupsMultiple) * groupsMultiple);
  const tables = new Float64Array(groups * patternsPerGroup);
  for (let group = 0; group < groups; group++) {
    const first = group * groupSize;
    for (let pattern = 0; pattern < patternsPerGroup; pattern++) {
      let sum = 0;
      for (let bit = 0; bit < groupSize; bit++) {
        const query = first + bit;
        const difference = query < differences.length ? differences[query]! : 0;
        sum += (pattern >>> bit) & 1 ? difference : -difference;
      }
      tables[group * patternsPerGroup + pattern] = sum;
    }
  }
  return { tables, groups };
}

/**
 * All 2^m sums Σ ±d_q over `differences` (m ≤ 24), indexed by sign pattern (bit q set = query q keeps its sign).
 * Pattern 2^m − 1 is the observed sum.
 */
export function allSignFlipSums(differences: ArrayLike<number>): Float64Array {
  const count = differences.length;
  const { tables, groups } = buildSignFlipTables(differences);
  const patterns = 2 ** count;
  const sums = new Float64Array(patterns);
  for (let pattern = 0; pattern < patterns; pattern++) {
    let sum = 0;
    for (let group = 0; group < groups; group++) {
      sum += tables[group * patternsPerGroup + ((pattern >>> (group * groupSize)) & 255)]!;
    }
    sums[pattern] = sum;
  }
  return sums;
}

/** Index of the first element of the ascending `sorted` that is ≥ `value`. */
export function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first element of the ascending `sorted` that is > `value`. */
export function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

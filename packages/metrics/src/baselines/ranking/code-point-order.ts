/**
 * Maps a UTF-16 code unit so that comparing mapped units orders strings by code point, which is also UTF-8 byte
 * order (trec_eval's `strcmp`): surrogates (U+D800–U+DFFF, parts of code points above U+FFFF) must sort after
 * U+E000–U+FFFF, where plain `<` on strings puts them before.
 */
function codePointKey(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Compares two strings by Unicode code point, i.e. as their UTF-8 bytes compare.
 *
 * @returns a negative number when `left` sorts first, 0 when equal, a positive number otherwise.
 */
export function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftUnit = left.charCodeAt(index);
    const rightUnit = right.charCodeAt(index);
    if (leftUnit !== rightUnit) return codePointKey(leftUnit) - codePointKey(rightUnit);
  }
  return left.length - right.length;
}

/**
 * The position of each id in ascending code-point order, so that ties can be broken by comparing two integers.
 *
 * @param ids - distinct ids.
 * @returns `order[i]` = how many ids sort before `ids[i]`.
 */
export function codePointRanks(ids: readonly string[]): Uint32Array {
  const indices = Array.from(ids.keys()).sort((left, right) => compareCodePoints(ids[left]!, ids[right]!));
  const ranks = new Uint32Array(ids.length);
  indices.forEach((index, position) => {
    ranks[index] = position;
  });
  return ranks;
}


import { describe, expect, it } from 'vitest';
import { codePointRanks, compareCodePoints } from './code-point-order.js';
import { selectTopK } from './top-k.js';

/** The reference order, by a plain full sort. */
function bruteForce(candidates: number[], scores: Float64Array, tieRanks: Uint32Array, k: number): number[] {
  return [...candidates]
    .sort((left, right) => scores[right]! - scores[left]! || tieRanks[right]! - tieRanks[left]!)
    .slice(0, k);
}

describe('selectTopK', () => {
  it('matches a full sort for every k, on both the heap and the sorting path, with many ties', () => {
    let state = 12345;
    const next = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    for (const universe of [1, 7, 200, 3000]) {
      const scores = new Float64Array(universe);
      for (let index = 0; index < universe; index++) scores[index] = Math.floor(next() * 20) / 4 - (next() < 0.1 ? 0 : 1);
      const tieRanks = new Uint32Array(Array.from({ length: universe }, (_, index) => index).sort(() => next() - 0.5));
      const candidates = Array.from({ length: universe }, (_, index) => index).filter(() => next() < 0.7);
      for (const k of [1, 2, 5, 16, 100, 1000, 5000]) {
        const selected = selectTopK(
          { candidates: Uint32Array.from(candidates), count: candidates.length, scores, tieRanks },
          k,
        );
        expect(Array.from(selected), `n=${universe} k=${k}`).toEqual(bruteForce(candidates, scores, tieRanks, k));
      }
    }
  });

  it('returns nothing when there are no candidates', () => {
    const empty = new Uint32Array(0);
    expect(selectTopK({ candidates: empty, count: 0, scores: new Float64Array(0), tieRanks: empty }, 10)).toHaveLength(0);
  });
});

describe('code point order', () => {
  it('orders strings as their UTF-8 bytes (trec_eval strcmp), not as UTF-16 units', () => {
    const ids = ['b', 'a', '\u{1F600}', '\uFF21', 'aa', ''];
    const sorted = [...ids].sort(compareCodePoints);
    expect(sorted).toEqual(['', 'a', 'aa', 'b', '\uFF21', '\u{1F600}']);
    const bytes = (text: string): string => Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
    expect(sorted.map(bytes)).toEqual(sorted.map(bytes).sort());
    expect(Array.from(codePointRanks(ids))).toEqual([3, 1, 5, 4, 2, 0]);
  });
});

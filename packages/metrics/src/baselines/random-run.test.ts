import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { randomRun } from './random-run.js';

const documents = Array.from({ length: 50 }, (_, index) => `d${String(index)}`);

describe('randomRun', () => {
  it('draws k distinct documents per query, scored so that trec_eval keeps the drawn order', () => {
    const run = randomRun(documents, ['q1', 'q2'], { k: 10 });
    expect(run.name).toBe('random');
    for (const results of run.results.values()) {
      expect(results).toHaveLength(10);
      expect(new Set(results.map((result) => result.docno)).size).toBe(10);
      expect(results.map((result) => result.score)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    }
  });

  it('is reproducible from the seed, differs across seeds and queries, and ignores the other queries', () => {
    const first = randomRun(documents, ['q1', 'q2'], { seed: 7, k: 20 });
    const again = randomRun(documents, [{ id: 'q2' }], { seed: 7, k: 20 });
    const otherSeed = randomRun(documents, ['q2'], { seed: 8, k: 20 });
    expect(again.results.get('q2')).toEqual(first.results.get('q2'));
    expect(otherSeed.results.get('q2')).not.toEqual(first.results.get('q2'));
    expect(first.results.get('q1')).not.toEqual(first.results.get('q2'));
  });

  it('is uniform: every document reaches the first rank about equally often', () => {
    const queries = Array.from({ length: 5000 }, (_, index) => `q${String(index)}`);
    const run = randomRun(documents.slice(0, 5), queries, { k: 1 });
    const counts = new Map<string, number>();
    for (const results of run.results.values()) counts.set(results[0]!.docno, (counts.get(results[0]!.docno) ?? 0) + 1);
    // Expected 1000 each; 5 standard deviations of a binomial(5000, 0.2) are about 141.
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(141);
    expect(counts.size).toBe(5);
  });

  it('returns the whole corpus shuffled when k exceeds it, and nothing for an empty corpus', () => {
    expect(randomRun(documents, ['q'], { k: 1000 }).results.get('q')).toHaveLength(50);
    expect(randomRun([], ['q']).results.size).toBe(0);
  });

  it('rejects a bad seed, k or a repeated query', () => {
    expect(() => randomRun(documents, ['q'], { seed: 0.5 })).toThrow(InvalidArgumentError);
    expect(() => randomRun(documents, ['q'], { k: -1 })).toThrow(/k must be a positive integer/);
    expect(() => randomRun(documents, ['q', 'q'])).toThrow(/query id "q" appears twice/);
  });
});

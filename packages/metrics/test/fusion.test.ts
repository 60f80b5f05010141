import { describe, expect, it } from 'vitest';
import { fuse, InvalidArgumentError } from '../src/index.js';
import type { Run, ScoredDocument } from '../src/index.js';

function run(name: string, lists: Record<string, Record<string, number>>): Run {
  return {
    name,
    results: new Map(
      Object.entries(lists).map(([queryId, scores]) => [
        queryId,
        Object.entries(scores).map(([docno, score]): ScoredDocument => ({ docno, score })),
      ]),
    ),
  };
}

function scoresOf(fused: Run, queryId: string): Record<string, number> {
  return Object.fromEntries((fused.results.get(queryId) ?? []).map((result) => [result.docno, result.score]));
}

// Two rankings of one query: A ranks a > b > c, B ranks c > a > d (document order inside the lists is shuffled on
// purpose: fusion must rank by score, not by position). Expected values are the definitions worked by hand.
const runA = run('A', { q1: { c: 1, a: 3, b: 2 } });
const runB = run('B', { q1: { d: 5, c: 20, a: 10 } });

describe('fuse', () => {
  it('RRF with k = 60 sums 1/(60 + rank) over the runs (Cormack et al. 2009)', () => {
    const fused = fuse([runA, runB]);
    expect(fused.name).toBe('rrf');
    const scores = scoresOf(fused, 'q1');
    expect(scores.a).toBeCloseTo(1 / 61 + 1 / 62, 15);
    expect(scores.b).toBeCloseTo(1 / 62, 15);
    expect(scores.c).toBeCloseTo(1 / 63 + 1 / 61, 15);
    expect(scores.d).toBeCloseTo(1 / 63, 15);
    expect(fused.results.get('q1')!.map((result) => result.docno)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('RRF takes k and per-run weights', () => {
    const scores = scoresOf(fuse([runA, runB], { rrfK: 10, weights: [2, 1] }), 'q1');
    expect(scores.a).toBeCloseTo(2 / 11 + 1 / 12, 15);
    expect(scores.d).toBeCloseTo(1 / 13, 15);
  });

  it('CombSUM with min-max normalisation (ranx default): (s − min)/(max − min) summed', () => {
    const scores = scoresOf(fuse([runA, runB], { method: 'combsum' }), 'q1');
    // A: a 1, b 0.5, c 0.  B: c 1, a (10 − 5)/15 = 1/3, d 0.
    expect(scores.a).toBeCloseTo(1 + 1 / 3, 15);
    expect(scores.b).toBeCloseTo(0.5, 15);
    expect(scores.c).toBeCloseTo(1, 15);
    expect(scores.d).toBeCloseTo(0, 15);
  });

  it('CombMNZ multiplies the sum by the number of runs that retrieved the document', () => {
    const scores = scoresOf(fuse([runA, runB], { method: 'combmnz', normalization: 'min-max' }), 'q1');
    expect(scores.a).toBeCloseTo(2 * (1 + 1 / 3), 15);
    expect(scores.b).toBeCloseTo(0.5, 15);
    expect(scores.c).toBeCloseTo(2 * 1, 15);
  });

  it('z-score uses the population standard deviation (ranx zmuv)', () => {
    const scores = scoresOf(fuse([runA], { method: 'combsum', normalization: 'z-score' }), 'q1');
    // A: mean 2, population σ = sqrt(2/3).
    const deviation = Math.sqrt(2 / 3);
    expect(scores.a).toBeCloseTo(1 / deviation, 15);
    expect(scores.b).toBeCloseTo(0, 15);
    expect(scores.c).toBeCloseTo(-1 / deviation, 15);
  });

  it('rank normalisation gives 1 − (r − 1)/n', () => {
    const scores = scoresOf(fuse([runA, runB], { method: 'combsum', normalization: 'rank' }), 'q1');
    expect(scores.a).toBeCloseTo(1 + 2 / 3, 15);
    expect(scores.b).toBeCloseTo(2 / 3, 15);
    expect(scores.c).toBeCloseTo(1 / 3 + 1, 15);
    expect(scores.d).toBeCloseTo(1 / 3, 15);
  });

  it('raw scores with normalization none, weighted (ranx wsum)', () => {
    const scores = scoresOf(fuse([runA, runB], { method: 'combsum', normalization: 'none', weights: [1, 0.5] }), 'q1');
    expect(scores.a).toBe(3 + 5);
    expect(scores.d).toBe(2.5);
  });

  it('a constant list normalises to 0 instead of dividing by zero', () => {
    const flat = run('flat', { q1: { x: 2, y: 2 } });
    expect(scoresOf(fuse([flat], { method: 'combsum' }), 'q1')).toEqual({ x: 0, y: 0 });
    expect(scoresOf(fuse([flat], { method: 'combsum', normalization: 'z-score' }), 'q1')).toEqual({ x: 0, y: 0 });
  });

  it('ranks ties by document id descending, as trec_eval, for RRF ranks and the output', () => {
    const tied = run('tied', { q1: { a: 1, b: 1, c: 1 } });
    const fused = fuse([tied]);
    expect(fused.results.get('q1')!.map((result) => result.docno)).toEqual(['c', 'b', 'a']);
    expect(scoresOf(fused, 'q1').c).toBeCloseTo(1 / 61, 15);
  });

  it('keeps queries present in only some runs and truncates to k', () => {
    const fused = fuse([runA, run('C', { q2: { z: 1, y: 2 } })], { k: 1, name: 'mine' });
    expect(fused.name).toBe('mine');
    expect([...fused.results.keys()]).toEqual(['q1', 'q2']);
    expect(fused.results.get('q1')!.map((result) => result.docno)).toEqual(['a']);
    expect(fused.results.get('q2')!.map((result) => result.docno)).toEqual(['y']);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => fuse([])).toThrow(/at least one run/);
    expect(() => fuse([runA, runB], { weights: [1] })).toThrow(/1 weights for 2 runs/);
    expect(() => fuse([runA], { normalization: 'min-max' })).toThrow(/RRF fuses ranks/);
    expect(() => fuse([runA], { k: 0 })).toThrow(InvalidArgumentError);
    expect(() => fuse([run('dup', { q1: { a: 1 } }), { name: 'twice', results: new Map([['q1', [{ docno: 'a', score: 1 }, { docno: 'a', score: 2 }]]]) }])).toThrow(
      /run 2 \(twice\), query "q1": document "a" is retrieved twice/,
    );
    expect(() => fuse([run('nan', { q1: { a: Number.NaN } })])).toThrow(/has score NaN/);
    expect(() => fuse([runA], { method: 'combmax' as 'rrf' })).toThrow(/unknown fusion method "combmax"/);
  });
});

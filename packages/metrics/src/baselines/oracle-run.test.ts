import { describe, expect, it } from 'vitest';
import { oracleRun } from './oracle-run.js';

const qrels = new Map([
  ['q1', new Map([['a', 1], ['b', 3], ['c', 0], ['d', 2], ['e', -1]])],
  ['q2', new Map([['x', 0]])],
]);

describe('oracleRun', () => {
  it('ranks the relevant documents by relevance level and leaves out the rest', () => {
    const run = oracleRun(qrels);
    expect(run.name).toBe('oracle');
    expect(run.results.get('q1')).toEqual([
      { docno: 'b', score: 3 },
      { docno: 'd', score: 2 },
      { docno: 'a', score: 1 },
    ]);
    expect(run.results.has('q2')).toBe(false);
  });

  it('takes a relevance threshold and a depth', () => {
    expect(oracleRun(qrels, { minimumRelevance: 2 }).results.get('q1')!.map((result) => result.docno)).toEqual(['b', 'd']);
    expect(oracleRun(qrels, { k: 1 }).results.get('q1')!.map((result) => result.docno)).toEqual(['b']);
    expect(oracleRun(qrels, { minimumRelevance: 0 }).results.get('q2')).toEqual([{ docno: 'x', score: 0 }]);
    expect(() => oracleRun(qrels, { k: 1.5 })).toThrow(/k must be a positive integer/);
  });
});

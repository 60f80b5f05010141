import { describe, expect, it } from 'vitest';
import { bm25Index, englishAnalyzer, fuse, InvalidArgumentError } from '../src/index.js';
import type { CorpusDocument } from '../src/index.js';

const corpus: CorpusDocument[] = [
  { id: 'd1', title: 'Wing flutter', text: 'flutter of a swept wing at high speed' },
  { id: 'd2', title: 'Heat transfer', text: 'heat transfer in a laminar boundary layer', extra: { text_zh: '层流边界层中的传热' } },
  { id: 'd3', title: 'Boundary layers', text: 'the boundary layer on a flat plate', extra: { text_zh: '平板上的边界层' } },
  { id: 'd4', title: '', text: 'nothing related here' },
];

/** Lucene's BM25 for one query term, from the formula in BM25.md (k1 = 0.9, b = 0.4). */
function luceneTermScore(parameters: { N: number; n: number; f: number; dl: number; avgdl: number }): number {
  const { N, n, f, dl, avgdl } = parameters;
  return Math.log(1 + (N - n + 0.5) / (n + 0.5)) * (f / (f + 0.9 * (1 - 0.4 + (0.4 * dl) / avgdl)));
}

describe('bm25Index', () => {
  it('indexes title and text together with the English analyzer by default', () => {
    const index = bm25Index(corpus);
    expect(index.configuration).toMatchObject({ variant: 'lucene', k1: 0.9, b: 0.4, documentCount: 4 });
    expect(index.configuration.fields).toEqual([
      expect.objectContaining({ source: 'title+text', analyzer: 'english(unicode,lucene-stop,porter)', weight: 1 }),
    ]);
    // Lengths after analysis: d1 7 (wing flutter flutter swept wing high speed), d2 7, d3 6, d4 3 → avgdl 23/4.
    const ranking = index.searchText('fluttering wings');
    expect(ranking.map((result) => result.docno)).toEqual(['d1']);
    const expected =
      luceneTermScore({ N: 4, n: 1, f: 2, dl: 7, avgdl: 23 / 4 }) + luceneTermScore({ N: 4, n: 1, f: 2, dl: 7, avgdl: 23 / 4 });
    expect(ranking[0]!.score).toBeCloseTo(expected, 12);
  });

  it('breaks ties by document id descending and cuts at k', () => {
    const index = bm25Index(
      [
        { id: 'a', text: 'x' },
        { id: 'c', text: 'x' },
        { id: 'b', text: 'x' },
      ],
      { analyzer: 'whitespace' },
    );
    expect(index.searchText('x').map((result) => result.docno)).toEqual(['c', 'b', 'a']);
    expect(index.searchText('x', 2).map((result) => result.docno)).toEqual(['c', 'b']);
  });

  it('searches many queries into a Run, leaving out queries without results and optionally the query itself', () => {
    const index = bm25Index(corpus);
    const run = index.search(
      [
        { id: 'd3', text: 'boundary layer' },
        { id: 'q2', text: 'unknownword' },
      ],
      { removeQueryId: true, name: 'bm25-flat' },
    );
    expect(run.name).toBe('bm25-flat');
    expect([...run.results.keys()]).toEqual(['d3']);
    expect(run.results.get('d3')!.map((result) => result.docno)).toEqual(['d2']);
    const fromMap = index.search(new Map([['q', 'boundary layer']]), { k: 1 });
    expect(fromMap.results.get('q')!.map((result) => result.docno)).toEqual(['d3']);
  });

  it('indexes any string field with its own analyzer, and fuses two fields with RRF', () => {
    const chinese = bm25Index(corpus, { fields: [{ source: 'text_zh', analyzer: 'cjk' }] });
    expect(chinese.searchText('边界层').map((result) => result.docno)).toEqual(['d3', 'd2']);
    const english = bm25Index(corpus);
    const queries = [{ id: 'q', text: 'boundary layer 边界层' }];
    const fused = fuse([english.search(queries, { name: 'en' }), chinese.search(queries, { name: 'zh' })]);
    expect(fused.results.get('q')!.map((result) => result.docno)).toEqual(['d3', 'd2']);
  });

  it('sums weighted per-field scores in multi-field mode', () => {
    const title = bm25Index(corpus, { fields: [{ source: 'title' }] });
    const text = bm25Index(corpus, { fields: [{ source: 'text' }] });
    const both = bm25Index(corpus, { fields: [{ source: 'title', weight: 2 }, { source: 'text' }] });
    const score = (index: typeof title, id: string): number => index.scoreAll('boundary layer')[index.documentIds.indexOf(id)]!;
    expect(score(both, 'd3')).toBeCloseTo(2 * score(title, 'd3') + score(text, 'd3'), 12);
  });

  it('scores every document, 0 for those without a query term', () => {
    const scores = bm25Index(corpus).scoreAll('heat');
    expect(scores).toHaveLength(4);
    expect(scores[1]).toBeGreaterThan(0);
    expect([scores[0], scores[2], scores[3]]).toEqual([0, 0, 0]);
  });

  it('accepts an analyzer object and an empty corpus', () => {
    const index = bm25Index(corpus, { analyzer: englishAnalyzer({ stem: false }) });
    expect(index.searchText('plates')).toEqual([]);
    expect(index.searchText('plate').map((result) => result.docno)).toEqual(['d3']);
    expect(bm25Index([]).search([{ id: 'q', text: 'x' }]).results.size).toBe(0);
  });

  it('rejects bad input with clear errors', () => {
    expect(() => bm25Index([{ id: 'a', text: '' }, { id: 'a', text: '' }])).toThrow(/document id "a" appears twice \(documents 1 and 2\)/);
    expect(() => bm25Index(corpus, { b: 2 })).toThrow(/b must be between 0 and 1/);
    expect(() => bm25Index(corpus, { k1: -1 })).toThrow(InvalidArgumentError);
    expect(() => bm25Index(corpus, { variant: 'bm42' as 'lucene' })).toThrow(/unknown BM25 variant "bm42"/);
    expect(() => bm25Index(corpus, { fields: [] })).toThrow(/at least one field/);
    expect(() => bm25Index([{ id: 'a', text: '', extra: { year: 1999 } }], { fields: [{ source: 'year' }] })).toThrow(
      /document "a": field "year" must hold a string/,
    );
    expect(() => bm25Index([{ id: 'a', text: null as unknown as string }])).toThrow(/document "a": field "text" must hold a string to be indexed, found null/);
    const index = bm25Index(corpus);
    expect(() => index.searchText('x', 0)).toThrow(/k must be a positive integer/);
    expect(() => index.search(['heat'] as unknown as { id: string; text: string }[])).toThrow(/query 1: expected a string id and a string text, found id of type undefined/);
    expect(() => index.search([{ id: 'q', text: 3 as unknown as string }])).toThrow(/found id "q" with text of type number/);
    expect(() => index.search([{ id: 'q', text: 'a' }, { id: 'q', text: 'b' }])).toThrow(/query id "q" appears twice/);
  });
});

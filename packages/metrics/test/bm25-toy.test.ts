import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bm25Index, whitespaceAnalyzer } from '../src/index.js';
import type { Bm25Options } from '../src/index.js';

// Known answers: ../shared/reference/bm25/bm25_toy.json, written by bm25_ref.py (cross-checked there against
// rank_bm25 and bm25s). Every configuration in the file is tested; one this test cannot map fails it.
const referenceFile = fileURLToPath(new URL('../../../../shared/reference/bm25/bm25_toy.json', import.meta.url));
const available = existsSync(referenceFile);
if (!available && process.env.CI) throw new Error(`CI needs the shared reference data: ${referenceFile} is missing`);

interface ToyReference {
  readonly corpus: Record<string, string>;
  readonly queries: Record<string, string>;
  readonly avgdl: number;
  readonly doc_len: Record<string, number>;
  readonly df: Record<string, number>;
  readonly scores: Record<string, Record<string, Record<string, number>>>;
}

/** The options reproducing one configuration of the reference file, read from its name. */
function optionsFor(configuration: string): Bm25Options {
  const rankBm25 = /^rank_bm25\.BM25Okapi k1=([\d.]+) b=([\d.]+) epsilon=([\d.]+)$/.exec(configuration);
  if (rankBm25) {
    return { variant: 'rank-bm25', k1: Number(rankBm25[1]), b: Number(rankBm25[2]), epsilon: Number(rankBm25[3]) };
  }
  const match = /^(lucene|robertson|atire|bm25l|bm25\+|classic_lucene_idf)_k([\d.]+)_b([\d.]+)(?:_d([\d.]+))? \((.+)\)$/.exec(
    configuration,
  );
  if (!match) throw new Error(`unrecognised configuration ${configuration}`);
  const [, name, k1, b, delta, description] = match;
  const variant = name === 'classic_lucene_idf' ? 'classic' : (name as 'lucene' | 'robertson' | 'atire' | 'bm25l' | 'bm25+');
  const options: Bm25Options = { variant, k1: Number(k1), b: Number(b) };
  if (delta === undefined) return options;
  if (description!.startsWith('bm25s')) return { ...options, delta: Number(delta), scoreAbsentTerms: true };
  if (description!.includes('matched terms only')) return { ...options, delta: Number(delta), scoreAbsentTerms: false };
  throw new Error(`unrecognised BM25L/BM25+ flavour in ${configuration}`);
}

describe.skipIf(!available)('BM25 on the toy corpus of bm25_toy.json', () => {
  const reference = available ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as ToyReference) : undefined;
  const corpus = Object.entries(reference?.corpus ?? {}).map(([id, text]) => ({ id, text }));
  const configurations = Object.keys(reference?.scores ?? {});

  it('covers all 11 configurations of the reference file', () => {
    expect(configurations).toHaveLength(11);
  });

  it.each(configurations)('reproduces every score of %s to 1e-6', (configuration) => {
    const index = bm25Index(corpus, { ...optionsFor(configuration), analyzer: whitespaceAnalyzer() });
    expect(index.configuration.fields[0]!.averageLength).toBeCloseTo(reference!.avgdl, 12);
    let compared = 0;
    for (const [queryId, expectedScores] of Object.entries(reference!.scores[configuration]!)) {
      const scores = index.scoreAll(reference!.queries[queryId]!);
      for (const [documentId, expected] of Object.entries(expectedScores)) {
        const actual = scores[index.documentIds.indexOf(documentId)]!;
        expect(Math.abs(actual - expected), `${queryId} ${documentId}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-6);
        compared++;
      }
    }
    expect(compared).toBe(15);
  });

  it('ranks by score descending and returns only documents that contain a query term', () => {
    const index = bm25Index(corpus, { analyzer: whitespaceAnalyzer() });
    const expected = reference!.scores['lucene_k0.9_b0.4 (Anserini/Pyserini default, exact dl)']!;
    const run = index.search(
      Object.entries(reference!.queries).map(([id, text]) => ({ id, text })),
      { name: 'toy' },
    );
    expect(run.name).toBe('toy');
    for (const [queryId, scores] of Object.entries(expected)) {
      const ranking = Object.entries(scores)
        .filter(([, score]) => score > 0)
        .sort(([leftId, left], [rightId, right]) => right - left || (leftId < rightId ? 1 : -1))
        .map(([documentId]) => documentId);
      expect(run.results.get(queryId)!.map((result) => result.docno)).toEqual(ranking);
    }
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bm25Index, evaluate } from '../src/index.js';
import { loadBeirDataset } from '../src/node/index.js';

// Known answers: ../shared/reference/bm25/bm25_classic_baselines.json (bm25_classic_eval.py: Lucene-formula BM25,
// [a-z0-9]+ tokens, Lucene's 33 stopwords, no stemming, title + "\n" + text, top 1000, ties by docid descending;
// trec_eval semantics). The run goes through this package's evaluation engine, as users' runs do.
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const referenceFile = `${shared}reference/bm25/bm25_classic_baselines.json`;
const available = existsSync(referenceFile) && existsSync(`${shared}data/cranfield/beir`);
if (!available && process.env.CI) throw new Error(`CI needs the shared reference data under ${shared}`);

interface ClassicReference {
  readonly results: Record<string, Record<string, number>>;
}

describe.skipIf(!available)('BM25 on Cranfield and CISI (bm25_classic_baselines.json)', () => {
  const reference = available ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as ClassicReference) : { results: {} };
  const settings = Object.keys(reference.results);

  it('covers the four settings of the reference file', () => {
    expect(settings).toEqual(['cranfield k1=0.9 b=0.4', 'cranfield k1=1.2 b=0.75', 'cisi k1=0.9 b=0.4', 'cisi k1=1.2 b=0.75']);
  });

  it.each(settings)('%s: every measure matches to the 6 decimals of the reference', async (setting) => {
    const match = /^(\w+) k1=([\d.]+) b=([\d.]+)$/.exec(setting);
    expect(match).not.toBeNull();
    const [, dataset, k1, b] = match!;
    const { corpus, queries, qrels } = await loadBeirDataset(`${shared}data/${dataset}/beir`);
    const index = bm25Index(corpus, { analyzer: 'english-no-stem', k1: Number(k1), b: Number(b) });
    const run = index.search(queries, { k: 1000 });
    const { n_queries_evaluated: queryCount, ...expected } = reference.results[setting]!;
    expect(Object.keys(expected).sort()).toEqual(['AP', 'P@10', 'R@1', 'R@100', 'RR@10', 'Success@1', 'Success@10', 'nDCG@10']);
    // The reference sorts scores as doubles, as trec_eval 10.0 does (9.0.8 compares them as floats).
    const evaluation = evaluate(qrels, run, Object.keys(expected), { version: '10.0' });
    expect(evaluation.queryCount).toBe(queryCount);
    for (const [measure, value] of Object.entries(expected)) {
      const measured = evaluation.aggregate[measure]!;
      expect(Math.abs(measured - value), `${measure}: ${measured} vs ${value}`).toBeLessThanOrEqual(5e-7);
    }
  }, 60_000);
});

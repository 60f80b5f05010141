import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bm25Index } from '../src/index.js';
import type { Qrels, Run } from '../src/index.js';
import { loadBeirDataset } from '../src/node/index.js';

// Known answers: ../shared/reference/bm25/bm25_classic_baselines.json (bm25_classic_eval.py: Lucene-formula BM25,
// [a-z0-9]+ tokens, Lucene's 33 stopwords, no stemming, title + "\n" + text, top 1000, ties by docid descending).
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const referenceFile = `${shared}reference/bm25/bm25_classic_baselines.json`;
const available = existsSync(referenceFile) && existsSync(`${shared}data/cranfield/beir`);
if (!available && process.env.CI) throw new Error(`CI needs the shared reference data under ${shared}`);

interface ClassicReference {
  readonly results: Record<string, Record<string, number>>;
}

/**
 * The measures of the reference file, with its stated semantics (trec_eval's: mean over queries with at least one
 * judgment above 0; nDCG with the grade as linear gain; AP over the whole ranking; R@k is TREC recall; Success@k
 * is 1 when a relevant document is in the top k).
 * TODO(evaluation engine): replace with the package's `evaluate` once it is exported.
 */
function evaluateLikeReference(run: Run, qrels: Qrels): Record<string, number> {
  const sums: Record<string, number> = {};
  let queryCount = 0;
  const add = (measure: string, value: number): void => {
    sums[measure] = (sums[measure] ?? 0) + value;
  };
  for (const [queryId, judgments] of qrels) {
    const relevantCount = [...judgments.values()].filter((grade) => grade > 0).length;
    if (relevantCount === 0) continue;
    queryCount++;
    const ranked = (run.results.get(queryId) ?? []).map((result) => result.docno);
    const hits: number[] = ranked.map((documentId) => ((judgments.get(documentId) ?? 0) > 0 ? 1 : 0));
    const gains = ranked.map((documentId) => Math.max(judgments.get(documentId) ?? 0, 0));
    const ideal = [...judgments.values()].filter((grade) => grade > 0).sort((left, right) => right - left);
    const dcg = (values: number[], depth: number): number =>
      values.slice(0, depth).reduce((sum, gain, rank) => sum + gain / Math.log2(rank + 2), 0);
    const hitsWithin = (depth: number): number => hits.slice(0, depth).reduce((sum, hit) => sum + hit, 0);
    add('nDCG@10', dcg(gains, 10) / dcg(ideal, 10));
    add('P@10', hitsWithin(10) / 10);
    add('R@1', hitsWithin(1) / relevantCount);
    add('R@100', hitsWithin(100) / relevantCount);
    add('Success@1', hitsWithin(1) > 0 ? 1 : 0);
    add('Success@10', hitsWithin(10) > 0 ? 1 : 0);
    const firstHit = hits.slice(0, 10).indexOf(1);
    add('RR@10', firstHit === -1 ? 0 : 1 / (firstHit + 1));
    let found = 0;
    let precisionSum = 0;
    hits.forEach((hit, rank) => {
      if (hit === 1) precisionSum += ++found / (rank + 1);
    });
    add('AP', precisionSum / relevantCount);
  }
  return Object.fromEntries([
    ['n_queries_evaluated', queryCount],
    ...Object.entries(sums).map(([measure, sum]) => [measure, sum / queryCount] as const),
  ]);
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
    const measured = evaluateLikeReference(run, qrels);
    const expected = reference.results[setting]!;
    expect(Object.keys(measured).sort()).toEqual(Object.keys(expected).sort());
    for (const [measure, value] of Object.entries(expected)) {
      expect(Math.abs(measured[measure]! - value), `${measure}: ${measured[measure]} vs ${value}`).toBeLessThanOrEqual(5e-7);
    }
  });
});

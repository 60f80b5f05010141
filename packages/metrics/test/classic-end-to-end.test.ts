import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bm25Index, evaluate, formatTrecRunText, fuse, oracleRun, pairedTTest, parseTrecRun, randomRun } from '../src/index.js';
import { loadBeirDataset } from '../src/node/index.js';

// The whole path a user takes on a real collection: BEIR folder → BM25 baseline → an "improved" system built by
// fusion → evaluation → paired significance test, with the random floor and the oracle ceiling around them.
const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const available = existsSync(`${shared}data/cranfield/beir`) && existsSync(`${shared}data/cisi/beir`);
if (!available && process.env.CI) throw new Error(`CI needs the shared data under ${shared}data`);

describe.skipIf(!available)('Cranfield and CISI end to end', () => {
  it.each(['cranfield', 'cisi'])('%s: BM25, RRF fusion, random and oracle runs are evaluated and compared', async (name) => {
    const { corpus, queries, qrels } = await loadBeirDataset(`${shared}data/${name}/beir`);
    const baseline = bm25Index(corpus).search(queries, { name: 'bm25' });
    const titleBoosted = bm25Index(corpus, { fields: [{ source: 'title', weight: 2 }, { source: 'text' }] }).search(queries, { name: 'bm25-fields' });
    const fused = fuse([baseline, titleBoosted], { name: 'rrf' });
    const measures = ['nDCG@10', 'AP', 'R@100'];

    const baselineScores = evaluate(qrels, baseline, measures);
    const fusedScores = evaluate(qrels, fused, measures);
    const oracleScores = evaluate(qrels, oracleRun(qrels), measures);
    const randomScores = evaluate(qrels, randomRun(corpus.map((document) => document.id), queries, { seed: 3, k: 100 }), measures);

    // Every judged query has results; the oracle is perfect on every query; random is far below BM25.
    expect(baselineScores.judgedWithoutResults).toEqual([]);
    for (const queryId of oracleScores.queries) {
      expect(oracleScores.perQuery[queryId]!['nDCG@10']).toBeCloseTo(1, 12);
      expect(oracleScores.perQuery[queryId]!.AP).toBeCloseTo(1, 12);
    }
    expect(baselineScores.aggregate['nDCG@10']!).toBeGreaterThan(0.25);
    expect(randomScores.aggregate['nDCG@10']!).toBeLessThan(0.05);

    // The comparison: per-query nDCG@10 of the fused system against the baseline, query by query.
    expect(fusedScores.queries).toEqual(baselineScores.queries);
    const system = fusedScores.queries.map((queryId) => fusedScores.perQuery[queryId]!['nDCG@10']!);
    const reference = baselineScores.queries.map((queryId) => baselineScores.perQuery[queryId]!['nDCG@10']!);
    const test = pairedTTest(system, reference);
    expect(test.n).toBe(baselineScores.queryCount);
    expect(test.meanDifference).toBeCloseTo(fusedScores.aggregate['nDCG@10']! - baselineScores.aggregate['nDCG@10']!, 12);
    expect(test.pValue).toBeGreaterThan(0);
    expect(test.pValue).toBeLessThanOrEqual(1);

    // A run written as a TREC file and read back evaluates the same.
    const roundTrip = parseTrecRun(formatTrecRunText(fused));
    expect(evaluate(qrels, roundTrip, measures).aggregate).toEqual(fusedScores.aggregate);
  }, 60_000);
});

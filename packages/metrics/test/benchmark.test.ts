import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BenchmarkSpecError,
  bm25Index,
  compareRuns,
  evaluate,
  fuse,
  pairedTTest,
  parseBenchmarkSpec,
  runBenchmark,
} from '../src/index.js';
import type { Run } from '../src/index.js';
import { loadBeirDataset } from '../src/node/index.js';
import { sharedFolder } from './shared-reference.js';

const minimal = (extra: Record<string, unknown> = {}): string => JSON.stringify({ dataset: 'data/toy', systems: [{ name: 'dense', type: 'run', path: 'dense.run' }], ...extra });

describe('parseBenchmarkSpec', () => {
  it('fills in every default so the comparison re-runs exactly', () => {
    const spec = parseBenchmarkSpec(minimal(), { source: 'bench.json' });
    expect(spec).toMatchObject({
      dataset: { kind: 'path', path: 'data/toy' },
      split: 'test',
      measures: ['nDCG@10', 'AP', 'RR@10', 'R@100', 'Success@1'],
      trecEvalVersion: '9.0.8',
      queries: 'judged',
      depth: 1000,
      test: 't',
      correction: undefined,
      alpha: 0.05,
      alternative: 'two-sided',
      seed: 42,
      baseline: { type: 'bm25', name: 'bm25', variant: 'lucene', k1: 0.9, b: 0.4, analyzer: 'english', fields: [{ source: ['title', 'text'], weight: 1 }] },
      systems: [{ type: 'run', name: 'dense', path: 'dense.run' }],
    });
    expect(parseBenchmarkSpec(minimal({ dataset: 'concept-search' })).dataset).toEqual({ kind: 'builtin', name: 'concept-search' });
  });

  it('expands cutoffs and applies the relevance threshold', () => {
    const spec = parseBenchmarkSpec(minimal({ measures: ['nDCG', 'R', 'Rprec', 'P@5'], cutoffs: [10, 100], relevanceLevel: 2 }));
    expect(spec.measures).toEqual(['nDCG(rel=2)@10', 'nDCG(rel=2)@100', 'R(rel=2)@10', 'R(rel=2)@100', 'Rprec(rel=2)', 'P(rel=2)@5']);
  });

  it('reads BM25 fields, fusions of inline systems and references, random and oracle runs, host systems', () => {
    const spec = parseBenchmarkSpec(
      JSON.stringify({
        dataset: { builtin: 'concept-search' },
        baseline: { name: 'bm25', type: 'bm25', analyzer: 'cjk' },
        systems: [
          { name: 'fields', type: 'bm25', fields: [{ source: ['title_en', 'text_en'], analyzer: 'english' }, { source: 'text_zh', analyzer: 'cjk', weight: 0.5 }] },
          { name: 'rrf', type: 'fusion', runs: ['bm25', 'fields', { type: 'bm25', k1: 1.2, b: 0.75 }], weights: [1, 1, 0.5] },
          { name: 'floor', type: 'random' },
          { name: 'glossary', type: 'glossary-search' },
        ],
      }),
      { hostSystemTypes: ['glossary-search'] },
    );
    expect(spec.systems[0]).toMatchObject({ fields: [{ source: ['title_en', 'text_en'], analyzer: 'english', weight: 1 }, { source: ['text_zh'], analyzer: 'cjk', weight: 0.5 }] });
    expect(spec.systems[1]).toMatchObject({ type: 'fusion', method: 'rrf', runs: [{ type: 'reference', name: 'bm25' }, { type: 'reference', name: 'fields' }, { type: 'bm25', name: 'rrf/3', k1: 1.2 }] });
    expect(spec.systems[3]).toEqual({ type: 'host', hostType: 'glossary-search', name: 'glossary', parameters: {} });
  });

  it.each([
    [minimal({ measures: ['nDCG@10', 'nDCG@ten'] }), 'bench.json: field "measures[1]": expected a measure name such as nDCG@10, AP, RR@10, R@100 or Success@1, found "nDCG@ten" (cannot read measure "nDCG@ten"'],
    [minimal({ alpha: 5 }), 'bench.json: field "alpha": expected a number > 0 < 1, found 5'],
    [minimal({ test: 'student' }), 'bench.json: field "test": expected one of t, randomization, bootstrap, wilcoxon, sign, tukey, found "student"'],
    [minimal({ sytems: [] }), 'bench.json: field "sytems": expected one of the fields'],
    [JSON.stringify({ dataset: 'x', systems: [{ name: 'a', type: 'bm26' }] }), 'bench.json: field "systems[0].type": expected one of bm25, run, fusion, random, oracle, found "bm26"'],
    [JSON.stringify({ dataset: 'x', systems: [{ name: 'f', type: 'fusion', runs: ['bm25', 'nope'] }] }), 'bench.json: field "systems[0].runs[1]": expected the name of the baseline or of a system (bm25, f), found "nope"'],
    [JSON.stringify({ dataset: 'x', systems: [{ name: 'f', type: 'fusion', runs: ['bm25', 'bm25'], weights: [1] }] }), 'bench.json: field "systems[0].weights": expected one weight per fused run (2), found 1 weight'],
    [JSON.stringify({ dataset: 'x', systems: [{ name: 'bm25', type: 'random' }] }), 'bench.json: field "systems[0].name": expected a name no other system has, found "bm25"'],
    [JSON.stringify({ dataset: 'x', systems: [{ name: 'a', type: 'bm25', b: 1.5 }] }), 'bench.json: field "systems[0].b": expected a number ≥ 0 ≤ 1, found 1.5'],
    [JSON.stringify({ systems: [{ name: 'a', type: 'random' }] }), 'bench.json: field "dataset": expected an object, found nothing'],
    ['{\n  "dataset": "x",\n  "systems": [,]\n}', 'bench.json line 3: expected JSON text, found'],
  ])('names the file and the field: %s', (text, message) => {
    let caught: unknown;
    try {
      parseBenchmarkSpec(text, { source: 'bench.json' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BenchmarkSpecError);
    expect((caught as Error).message.startsWith(message), (caught as Error).message).toBe(true);
  });
});

const classicReference = `${sharedFolder}reference/bm25/bm25_classic_baselines.json`;
const classicAvailable = existsSync(classicReference) && existsSync(`${sharedFolder}data/cranfield/beir`) && existsSync(`${sharedFolder}data/cisi/beir`);

describe.skipIf(!classicAvailable)('Cranfield and CISI end to end: BM25 → evaluate → compare with a fused system', () => {
  const reference = classicAvailable ? (JSON.parse(readFileSync(classicReference, 'utf8')) as { results: Record<string, Record<string, number>> }) : { results: {} };

  it.each(['cranfield', 'cisi'])('%s: the spec reproduces the reference BM25 and compares an RRF fusion with it', async (name) => {
    const dataset = await loadBeirDataset(`${sharedFolder}data/${name}/beir`);
    const measures = ['nDCG@10', 'AP', 'RR@10', 'R@100', 'Success@1'];
    const spec = parseBenchmarkSpec(
      JSON.stringify({
        name: `${name}: fusion against BM25`,
        dataset: `${sharedFolder}data/${name}/beir`,
        measures,
        trecEvalVersion: '10.0',
        baseline: { name: 'bm25', type: 'bm25', analyzer: 'english-no-stem' },
        systems: [
          { name: 'bm25-classic', type: 'bm25', analyzer: 'english-no-stem', k1: 1.2, b: 0.75 },
          { name: 'rrf', type: 'fusion', runs: ['bm25', 'bm25-classic', { type: 'bm25', analyzer: 'english-no-stem', fields: [{ source: 'title' }, { source: 'text' }] }] },
        ],
      }),
    );
    const { report, runs } = await runBenchmark(spec, { dataset });

    // The baseline's means are the reference BM25's (bm25_classic_baselines.json), to its 6 decimals.
    const expected = reference.results[`${name} k1=0.9 b=0.4`]!;
    const expectedClassic = reference.results[`${name} k1=1.2 b=0.75`]!;
    expect(report.queries).toHaveLength(expected.n_queries_evaluated!);
    for (const measure of measures) {
      expect(Math.abs(report.baseline.means[measure]! - expected[measure]!), measure).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(report.systems[0]!.means[measure]! - expectedClassic[measure]!), measure).toBeLessThanOrEqual(5e-7);
    }

    // The fused system is exactly what fuse() of the three runs gives, and its test is pairedTTest on the
    // evaluation engine's per-query values.
    const judged = dataset.queries.filter((query) => dataset.qrels.has(query.id));
    const fields = bm25Index(dataset.corpus, { analyzer: 'english-no-stem', fields: [{ source: 'title' }, { source: 'text' }] }).search(judged);
    const fused = fuse([runs.get('bm25')!, runs.get('bm25-classic')!, fields], { k: 1000 });
    const fusedEvaluation = evaluate(dataset.qrels, fused, ['nDCG@10'], { version: '10.0', missingQueries: 'zero' });
    const baselineEvaluation = evaluate(dataset.qrels, runs.get('bm25')!, ['nDCG@10'], { version: '10.0', missingQueries: 'zero' });
    const rrf = report.systems[1]!;
    expect(rrf.means['nDCG@10']).toBeCloseTo(fusedEvaluation.aggregate['nDCG@10']!, 14);
    const perQuery = (evaluation: typeof fusedEvaluation): number[] => evaluation.queries.map((query) => evaluation.perQuery[query]!['nDCG@10']!);
    const t = pairedTTest(perQuery(fusedEvaluation), perQuery(baselineEvaluation));
    const comparison = rrf.comparisons[0]!;
    expect(comparison.pValue).toBeCloseTo(t.pValue, 14);
    expect(comparison.effectSize).toBeCloseTo(t.cohenDz, 14);
    // Holm over 2 systems × 5 measures: the adjusted p is at least the raw p and at most 10 times it.
    expect(report.settings.comparisons).toBe(10);
    expect(comparison.adjustedPValue).toBeGreaterThanOrEqual(comparison.pValue);
    expect(comparison.adjustedPValue).toBeLessThanOrEqual(Math.min(1, 10 * comparison.pValue) + 1e-15);

    // compareRuns on the same runs gives the same report.
    const direct = compareRuns({ qrels: dataset.qrels, baseline: runs.get('bm25')!, systems: [runs.get('bm25-classic')!, runs.get('rrf')!], measures, trecEvalVersion: '10.0', title: spec.name! });
    expect(direct).toEqual(report);
  }, 60_000);

  it('reads run files through the reader it is given and rejects a run for another query set', async () => {
    const dataset = await loadBeirDataset(`${sharedFolder}data/cranfield/beir`);
    const spec = parseBenchmarkSpec(JSON.stringify({ dataset: 'x/', measures: ['AP'], systems: [{ name: 'other', type: 'run', path: 'other.run' }] }));
    const otherSet: Run = { name: 'whatever', results: new Map([['9001', [{ docno: '1', score: 1 }]]]) };
    await expect(runBenchmark(spec, { dataset, readRun: () => Promise.resolve(otherSet) })).rejects.toThrow('run "other": none of its 1 queries (9001) is judged in the qrels');
    await expect(runBenchmark(spec, { dataset })).rejects.toThrow('runBenchmark needs a readRun function');
  }, 60_000);
});

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const cranfield = `${shared}data/cranfield/beir`;
const available = existsSync(cranfield);
if (!available && process.env.CI !== undefined) throw new Error(`CI needs the shared data under ${shared}`);

const folder = mkdtempSync(join(tmpdir(), 'benchline-bench-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function cli(args: string[], cwd = folder): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ cwd, env: { XDG_CACHE_HOME: join(folder, 'cache') } });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

interface Comparison {
  measure: string;
  mean: number;
  baselineMean: number;
  difference: number;
  pValue: number;
  adjustedPValue: number;
  significant: boolean;
  outcome: string;
  wins: number;
  losses: number;
}
interface BenchJson {
  title: string;
  measures: { name: string }[];
  queries: string[];
  baseline: { name: string; means: Record<string, number> };
  systems: { name: string; means: Record<string, number>; comparisons: Comparison[] }[];
  settings: { test: string; correction: string; alpha: number; comparisons: number };
  benchmark: { spec: { dataset: unknown; systems: unknown[] }; timings: Record<string, number> };
}

describe('benchline bench with no arguments: the built-in concept-search benchmark', () => {
  it('prints the table, the caption and a verdict; the CombSUM of the glossary search and CJK BM25 beats BM25 significantly with Success@1 ≥ 0.9', async () => {
    const table = await cli(['bench']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^Benchline concept search \(built-in\): 4 systems against the baseline bm25, 243 queries/);
    expect(table.stdout).toMatch(/^glossary\+bm25-cjk\s+0\.9\d{3}▲/m);
    expect(table.stdout).toContain('Verdict (Success@1, against bm25):');
    expect(table.stdout).toMatch(/glossary\+bm25-cjk: Success@1 0\.9\d\d vs 0\.8\d\d .*: significantly better/);
    expect(table.stderr).toMatch(/the built-in concept-search benchmark: 243 queries, 5 runs built and compared in \d+ ms/);

    const json = await cli(['bench', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as BenchJson;
    expect(report.measures.map((measure) => measure.name)).toEqual(['Success@1', 'nDCG@10', 'RR@10', 'R@10']);
    expect(report.settings).toMatchObject({ test: 't', correction: 'holm', alpha: 0.05, comparisons: 16 });
    const stronger = report.systems.find((system) => system.name === 'glossary+bm25-cjk')!;
    const success = stronger.comparisons[0]!;
    expect(success.measure).toBe('Success@1');
    expect(success.mean).toBeGreaterThanOrEqual(0.9);
    expect(success.significant).toBe(true);
    expect(success.outcome).toBe('better');
    expect(stronger.comparisons.every((comparison) => comparison.outcome === 'better')).toBe(true);
    // The baseline's Success@1 is the share of queries whose first result is relevant: an integer count / 243.
    expect(Number.isInteger(Math.round(report.baseline.means['Success@1']! * 243 * 1e9) / 1e9)).toBe(true);
    expect(report.benchmark.timings).toHaveProperty('bm25');
  }, 60_000);

  it('prints its spec, which re-runs the same comparison from a file', async () => {
    const printed = await cli(['bench', '--print-spec']);
    expect(printed.code).toBe(0);
    writeFileSync(join(folder, 'concept-search.json'), printed.stdout);
    const fromFile = await cli(['bench', '--spec', 'concept-search.json', '--json']);
    const builtIn = await cli(['bench', '--json']);
    expect(fromFile.code).toBe(0);
    const strip = (text: string): unknown => {
      const { benchmark: _benchmark, ...report } = JSON.parse(text) as BenchJson;
      return report;
    };
    expect(strip(fromFile.stdout)).toEqual(strip(builtIn.stdout));
  }, 60_000);

  it('gives a clear error and exit 2 for a spec naming an unknown measure, conflicting flags, or a dataset not downloaded', async () => {
    const spec = JSON.parse((await cli(['bench', '--print-spec'])).stdout) as Record<string, unknown>;
    writeFileSync(join(folder, 'bad.json'), JSON.stringify({ ...spec, measures: ['Success@1', 'nDGC@10'] }, null, 2));
    const bad = await cli(['bench', '--spec', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: bad\.json: field "measures\[1\]": expected a measure name such as nDCG@10, AP, RR@10, R@100 or Success@1, found "nDGC@10" \(cannot read measure "nDGC@10": unknown measure "nDGC"/);
    const conflict = await cli(['bench', '--spec', 'bad.json', '--dataset', 'x/']);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toBe('error: --spec describes the dataset, the baseline and the systems; leave out --dataset\n');
    const notDownloaded = await cli(['bench', '--dataset', 'scifact']);
    expect(notDownloaded.code).toBe(2);
    expect(notDownloaded.stderr).toBe(`error: dataset "scifact" is not downloaded yet (cache: ${join(folder, 'cache', 'benchline')}); run: benchline dataset get scifact\n`);
    const systemsWithoutData = await cli(['bench', '--system', 'a.run']);
    expect(systemsWithoutData.code).toBe(2);
  }, 60_000);
});

describe.skipIf(!available)('benchline bench --dataset cranfield --json', () => {
  it('builds BM25, the default fusion of BM25 variants, evaluates, compares, and writes every run', async () => {
    const result = await cli(['bench', '--dataset', cranfield, '--json', '--save-runs', 'runs']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as BenchJson;
    expect(report.baseline.name).toBe('bm25');
    expect(report.systems.map((system) => system.name)).toEqual(['rrf-bm25-variants']);
    expect(report.queries).toHaveLength(225);
    expect(report.settings.comparisons).toBe(5);
    for (const comparison of report.systems[0]!.comparisons) {
      expect(comparison.difference).toBeCloseTo(comparison.mean - comparison.baselineMean, 12);
      expect(comparison.pValue).toBeGreaterThan(0);
      expect(comparison.pValue).toBeLessThanOrEqual(1);
    }
    expect(report.benchmark.spec.dataset).toEqual({ kind: 'path', path: cranfield });
    // The saved baseline run, compared by `benchline compare`, gives the same numbers.
    const runs = join(folder, 'runs');
    expect(readFileSync(join(runs, 'bm25.run'), 'utf8').split('\n')[0]).toMatch(/^\d+ Q0 \d+ 1 [\d.]+ bm25$/);
    const compared = await cli(['compare', '--qrels', `${cranfield}/qrels/test.tsv`, '--baseline', join(runs, 'bm25.run'), join(runs, 'rrf-bm25-variants.run'), '--json']);
    expect(compared.code).toBe(0);
    const direct = JSON.parse(compared.stdout) as BenchJson;
    expect(direct.baseline.means).toEqual(report.baseline.means);
    expect(direct.systems[0]!.comparisons.map((comparison) => comparison.pValue)).toEqual(report.systems[0]!.comparisons.map((comparison) => comparison.pValue));
  }, 120_000);

  it('compares run files given with --system against BM25 built from the dataset', async () => {
    const runs = join(folder, 'runs');
    const result = await cli(['bench', '--dataset', cranfield, '--system', join(runs, 'rrf-bm25-variants.run'), '-m', 'AP', '--test', 'randomization', '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| **bm25** (baseline) |');
    expect(result.stdout).toContain("Fisher's paired randomization test (10000 random sign flips, seed 42)");
  }, 120_000);
});

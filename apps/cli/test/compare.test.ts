import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const shared = fileURLToPath(new URL('../../../../shared/', import.meta.url));
const available = existsSync(`${shared}data/cranfield/beir`) && existsSync(`${shared}reference/bm25/bm25_classic_baselines.json`);
if (!available && process.env.CI !== undefined) throw new Error(`CI needs the shared data under ${shared}`);

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ cwd });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

interface JsonReport {
  baseline: { name: string; means: Record<string, number> };
  systems: { name: string; means: Record<string, number>; comparisons: { measure: string; pValue: number; adjustedPValue: number; difference: number; mean: number; baselineMean: number; significant: boolean }[] }[];
  settings: { test: string; correction: string; comparisons: number };
  queries: string[];
}

const folder = mkdtempSync(join(tmpdir(), 'benchline-compare-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.skipIf(!available)('Cranfield and CISI end to end through the CLI: bm25 → fuse → compare', () => {
  const reference = available ? (JSON.parse(readFileSync(`${shared}reference/bm25/bm25_classic_baselines.json`, 'utf8')) as { results: Record<string, Record<string, number>> }) : { results: {} };

  it.each(['cranfield', 'cisi'])('%s', async (name) => {
    const work = join(folder, name);
    rmSync(work, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(work));
    const dataset = `${shared}data/${name}/beir`;
    const common = ['--dataset', dataset, '--analyzer', 'english-no-stem'];
    expect((await cli(['bm25', ...common, '--out', 'bm25.run'], work)).code).toBe(0);
    expect((await cli(['bm25', ...common, '--k1', '1.2', '--b', '0.75', '--name', 'classic', '--out', 'classic.run'], work)).code).toBe(0);
    const fused = await cli(['fuse', 'bm25.run', 'classic.run', '--method', 'rrf', '--out', 'rrf.run'], work);
    expect(fused.code).toBe(0);
    expect(fused.stderr).toMatch(/^rrf: fused 2 runs over \d+ queries into /);
    // No temporary file is left beside the outputs.
    expect(readdirSync(work).sort()).toEqual(['bm25.run', 'classic.run', 'rrf.run']);

    const measures = ['-m', 'nDCG@10,AP,RR@10,R@100,Success@1'];
    const result = await cli(['compare', '--qrels', `${dataset}/qrels/test.tsv`, '--baseline', 'bm25.run', 'classic.run', 'rrf.run', ...measures, '--trec-eval-version', '10.0', '--json'], work);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    // The BM25 runs written by the CLI reproduce bm25_classic_baselines.json through compare's evaluation.
    const expected = reference.results[`${name} k1=0.9 b=0.4`]!;
    const expectedClassic = reference.results[`${name} k1=1.2 b=0.75`]!;
    expect(report.queries).toHaveLength(expected.n_queries_evaluated!);
    for (const measure of ['nDCG@10', 'AP', 'RR@10', 'R@100', 'Success@1']) {
      expect(Math.abs(report.baseline.means[measure]! - expected[measure]!), measure).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(report.systems[0]!.means[measure]! - expectedClassic[measure]!), measure).toBeLessThanOrEqual(5e-7);
    }
    expect(report.baseline.name).toBe('bm25.run');
    expect(report.systems.map((system) => system.name)).toEqual(['classic.run', 'rrf.run']);
    expect(report.settings).toMatchObject({ test: 't', correction: 'holm', comparisons: 10 });
    for (const system of report.systems) {
      for (const comparison of system.comparisons) {
        expect(comparison.difference).toBeCloseTo(comparison.mean - comparison.baselineMean, 12);
        expect(comparison.adjustedPValue).toBeGreaterThanOrEqual(comparison.pValue);
        expect(comparison.significant).toBe(comparison.adjustedPValue <= 0.05);
      }
    }

    // The same comparison as a terminal table marks significant cells, and as LaTeX/HTML/CSV files.
    const table = await cli(['compare', '--qrels', `${dataset}/qrels/test.tsv`, '--baseline', 'bm25.run', 'classic.run', 'rrf.run', ...measures, '--trec-eval-version', '10.0'], work);
    expect(table.stdout).toMatch(/^bm25\.run \(baseline\)/m);
    const significant = report.systems.flatMap((system) => system.comparisons.filter((comparison) => comparison.significant));
    expect((table.stdout.match(/▲|▼/g) ?? []).length).toBeGreaterThanOrEqual(significant.length);
    for (const format of ['latex', 'html', 'csv', 'markdown']) {
      const written = await cli(['compare', '--qrels', `${dataset}/qrels/test.tsv`, '--baseline', 'bm25.run', 'classic.run', 'rrf.run', '--format', format, '--out', `report.${format}`], work);
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      expect(written.stderr).toContain(`wrote the ${format} report to`);
    }
    expect(readFileSync(join(work, 'report.latex'), 'utf8')).toContain('\\toprule');
    expect((readFileSync(join(work, 'report.html'), 'utf8').match(/<svg /g) ?? []).length).toBe(2 * 5);
    expect(readFileSync(join(work, 'report.csv'), 'utf8').split('\n')[0]).toMatch(/^system,role,measure,mean,/);
  }, 120_000);
});

describe('benchline compare on bad inputs: one line, exit 2', () => {
  const work = join(folder, 'bad');
  const qrels = 'q1 0 d1 1\nq1 0 d2 0\nq2 0 d3 1\nq3 0 d4 1\n';
  const run = (queries: string[], name: string): string => queries.map((query, index) => `${query} Q0 d${String(index + 1)} 1 ${String(10 - index)} ${name}\n`).join('');
  const setup = async (): Promise<void> => {
    await import('node:fs/promises').then((fs) => fs.mkdir(work, { recursive: true }));
    writeFileSync(join(work, 'qrels.txt'), qrels);
    writeFileSync(join(work, 'other-qrels.txt'), 'x1 0 d1 1\nx2 0 d1 1\n');
    writeFileSync(join(work, 'base.run'), run(['q1', 'q2', 'q3'], 'base'));
    writeFileSync(join(work, 'sys.run'), run(['q1', 'q2', 'q3'], 'sys').replace(/d1 1 10/, 'd2 1 10'));
    writeFileSync(join(work, 'other-set.run'), run(['p1', 'p2'], 'other'));
  };

  it.each([
    [['--qrels', 'qrels.txt', '--baseline', 'base.run', 'other-set.run'], 'error: run "other-set.run": none of its 2 queries (p1, p2) is judged in the qrels (3 judged queries: q1, q2, q3); is it a run for another query set?'],
    [['--qrels', 'other-qrels.txt', '--baseline', 'base.run', 'sys.run'], 'error: the qrels share no query with any run'],
    [['--qrels', 'qrels.txt', '--baseline', 'base.run', 'sys.run', '-m', 'nDCG@ten'], 'error: cannot read measure "nDCG@ten"'],
    [['--qrels', 'qrels.txt', '--baseline', 'base.run', 'sys.run', '--alpha', '2'], 'error: --alpha expects a number strictly between 0 and 1, got "2"'],
    [['--qrels', 'qrels.txt', '--baseline', 'base.run', 'sys.run', '--test', 'z'], "error: option '--test <test>' argument 'z' is invalid"],
  ])('compare %j', async (args, message) => {
    await setup();
    const result = await cli(['compare', ...args], work);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(message), result.stderr).toBe(true);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('fuse rejects weights that do not match the runs, and bm25 a dataset folder without qrels', async () => {
    await setup();
    const weights = await cli(['fuse', 'base.run', 'sys.run', '--weights', '1,2,3'], work);
    expect(weights.code).toBe(2);
    expect(weights.stderr).toBe('error: --weights has 3 weights for 2 runs; give one weight per run, in the order of the runs\n');
    const bm25 = await cli(['bm25', '--dataset', '.'], work);
    expect(bm25.code).toBe(2);
    expect(bm25.stderr).toMatch(/^error: .*expected a BEIR dataset folder with corpus\.jsonl, found no corpus\.jsonl\n$/);
  });
});

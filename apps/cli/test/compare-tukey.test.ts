import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ cwd });
  const code = await runCli(args, io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

interface JsonReport {
  settings: { test: string; correction: string; family: string; permutations: number; seed: number };
  systems: { name: string; comparisons: { pValue: number; adjustedPValue: number }[] }[];
  allPairs: { measure: string; systems: string[]; pValue: number[][] }[];
}

const work = mkdtempSync(join(tmpdir(), 'benchline-compare-tukey-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// 12 queries, each with one relevant document among d1…d4; a run ranks the relevant one at `rank[query]`.
const queries = Array.from({ length: 12 }, (_, index) => `q${String(index + 1)}`);
function runFile(name: string, ranks: readonly number[]): string {
  return queries
    .flatMap((query, index) => {
      const relevant = ranks[index]!;
      const others = ['x1', 'x2', 'x3'];
      const order = [...others.slice(0, relevant - 1), `${query}-rel`, ...others.slice(relevant - 1)];
      return order.map((document, position) => `${query} Q0 ${document} ${String(position + 1)} ${String(10 - position)} ${name}\n`);
    })
    .join('');
}

beforeAll(() => {
  writeFileSync(join(work, 'qrels.txt'), queries.map((query) => `${query} 0 ${query}-rel 1\n`).join(''));
  writeFileSync(join(work, 'base.run'), runFile('base', [3, 4, 2, 3, 4, 3, 2, 4, 3, 4, 3, 2]));
  writeFileSync(join(work, 'good.run'), runFile('good', [1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 2, 1]));
  writeFileSync(join(work, 'same.run'), runFile('same', [3, 4, 2, 3, 4, 3, 2, 4, 3, 4, 3, 2]));
});

describe('benchline compare --test tukey', () => {
  it('reports each system against the baseline from the all-pairs randomized Tukey HSD, with every pair in JSON', async () => {
    const result = await cli(['compare', '--qrels', 'qrels.txt', '--baseline', 'base.run', 'good.run', 'same.run', '-m', 'RR@10', '--test', 'tukey', '--permutations', '3000', '--json'], work);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.settings).toMatchObject({ test: 'tukey', correction: 'none', permutations: 3000, seed: 42 });
    expect(report.settings.family).toBe('all 3 pairs of the 3 systems (baseline included) within each measure');
    const pairs = report.allPairs[0]!;
    expect(pairs.systems).toEqual(['base.run', 'good.run', 'same.run']);
    // good.run against the baseline: the table's p-value is the all-pairs one, and no correction is added.
    expect(report.systems[0]!.comparisons[0]!.pValue).toBe(pairs.pValue[1]![0]);
    expect(report.systems[0]!.comparisons[0]!.adjustedPValue).toBe(pairs.pValue[1]![0]);
    expect(pairs.pValue[1]![0]).toBeLessThan(0.01);
    // same.run is the baseline again: p = 1.
    expect(report.systems[1]!.comparisons[0]!.pValue).toBe(1);
  });

  it('says in the table that the p-values are family-wise and adds the matrix of all pairs', async () => {
    const result = await cli(['compare', '--qrels', 'qrels.txt', '--baseline', 'base.run', 'good.run', 'same.run', '-m', 'RR@10', '--test', 'tukey', '--permutations', '2000'], work);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('so no further correction is applied');
    expect(result.stdout).toContain('RR@10: p-values of every pair of systems (randomized Tukey HSD, family-wise; * when p ≤ 0.05)');
  });

  it.each([
    [['--correction', 'holm'], 'error: --correction holm does not apply to --test tukey: the randomized Tukey HSD already holds the family-wise error over every pair of systems; leave --correction out or give none\n'],
    [['--alternative', 'greater'], 'error: --test tukey is two-sided only (it compares every pair of systems in both directions); leave --alternative out\n'],
  ])('refuses %j with one line and exit 2', async (extra, message) => {
    const result = await cli(['compare', '--qrels', 'qrels.txt', '--baseline', 'base.run', 'good.run', '--test', 'tukey', ...extra], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('accepts --correction none', async () => {
    const result = await cli(['compare', '--qrels', 'qrels.txt', '--baseline', 'base.run', 'good.run', '-m', 'RR@10', '--test', 'tukey', '--correction', 'none', '--permutations', '500', '--json'], work);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).settings.correction).toBe('none');
  });
});

describe('benchline bench --test tukey', () => {
  it('runs the built-in benchmark with the randomized Tukey HSD in place of the spec\'s Holm correction', async () => {
    const result = await cli(['bench', '--test', 'tukey', '-m', 'Success@1', '--json'], work);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.settings).toMatchObject({ test: 'tukey', correction: 'none' });
    expect(report.allPairs[0]!.systems).toHaveLength(report.systems.length + 1);
    for (const [index, system] of report.systems.entries()) expect(system.comparisons[0]!.pValue).toBe(report.allPairs[0]!.pValue[index + 1]![0]);
  });
  it('refuses --correction holm with --test tukey', async () => {
    const result = await cli(['bench', '--test', 'tukey', '--correction', 'holm'], work);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --correction holm does not apply to --test tukey/);
  });
});

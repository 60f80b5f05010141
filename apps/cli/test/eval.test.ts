import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const fixtures = fileURLToPath(new URL('../../../../shared/reference/trec_eval/fixtures/', import.meta.url));
const missing = !existsSync(fixtures);
if (missing && process.env.CI !== undefined) throw new Error(`CI needs the trec_eval fixtures under ${fixtures}`);

async function evalCommand(args: string[], cwd = fixtures): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ cwd });
  const code = await runCli(['eval', ...args], io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe.skipIf(missing)('benchline eval', () => {
  it('shows several runs side by side with trec_eval’s numbers (out.test.a) and names what it evaluated', async () => {
    const result = await evalCommand(['--qrels', 'qrels.test', 'results.test', 'results.trunc', '-m', 'AP', '-m', 'R@1000', '-m', 'Success@1', '-m', 'nDCG@10']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^run\s+AP\s+R@1000\s+Success@1\s+nDCG@10$/);
    expect(lines[2]).toMatch(/^results\.test\s+0\.1785\s+0\.5997\s+0\.3333\s+0\.3016$/);
    expect(lines[3]).toMatch(/^results\.trunc\s+/);
    expect(result.stdout).toContain('R@1000: TREC recall@1000: fraction of the relevant documents found in the top 1000 (not Success@1000) [trec_eval -m recall.1000]');
    expect(result.stdout).toContain('Success@1: Success@1 (hit rate)');
    expect(result.stderr).toBe('results.trunc: 1 judged query has no results (left out of the means, as trec_eval does; --missing-queries zero counts them as 0)\n');
  });

  it('writes JSON with per-query values, and CSV and markdown tables', async () => {
    const json = await evalCommand(['--qrels', 'qrels.test', 'results.test', '-m', 'RR@10', '--per-query', '--json']);
    const parsed = JSON.parse(json.stdout) as { runs: { aggregate: Record<string, number>; perQuery: Record<string, Record<string, number>> }[]; measures: { name: string; trecEval: string }[] };
    expect(parsed.measures[0]).toMatchObject({ name: 'RR@10', trecEval: '-M 10 -m recip_rank' });
    expect(Object.keys(parsed.runs[0]?.perQuery ?? {})).toEqual(['301', '302', '303']);
    const csv = await evalCommand(['--qrels', 'qrels.test', 'results.test', '-m', 'P@5', '--format', 'csv']);
    expect(csv.stdout).toBe('run,P@5\nresults.test,0.2667\n');
    const markdown = await evalCommand(['--qrels', 'qrels.test', 'results.test', '-m', 'P@5', '--format', 'markdown']);
    expect(markdown.stdout.startsWith('| run | P@5 |\n|---|--:|\n| results.test | 0.2667 |\n')).toBe(true);
  });

  it('exits 2 with one line for an unknown measure', async () => {
    const result = await evalCommand(['--qrels', 'qrels.test', 'results.test', '-m', 'nDCG@ten']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: cannot read measure "nDCG@ten": expected a name like nDCG@10, P(rel=2)@5, RR@10 or a trec_eval name like ndcg_cut.10\n');
  });
});

describe('benchline eval on malformed files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'benchline-eval-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names the file, line, expectation and finding, exit 2, no stack trace', async () => {
    writeFileSync(join(folder, 'qrels.txt'), 'q1 0 d1 1\n');
    writeFileSync(join(folder, 'run.txt'), 'q1 Q0 d1 1 0.5 r\nq1 Q0 d2 2 high r\n');
    const result = await evalCommand(['--qrels', 'qrels.txt', 'run.txt'], folder);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${join(folder, 'run.txt')} line 2: expected a numeric score in field 5, found "high"\n`);
  });
});

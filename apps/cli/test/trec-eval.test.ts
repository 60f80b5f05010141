import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const fixtures = fileURLToPath(new URL('../../../../shared/reference/trec_eval/fixtures/', import.meta.url));
const missing = !existsSync(fixtures);
if (missing && process.env.CI !== undefined) throw new Error(`${fixtures} is missing; CI needs ../shared`);

async function trecEval(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = memoryIo({ cwd: fixtures });
  const code = await runCli(['trec-eval', ...args], io);
  return { code, stdout: io.stdout.text(), stderr: io.stderr.text() };
}

describe.skipIf(missing)('benchline trec-eval', () => {
  it('prints out.test byte for byte with the default (official) measures, 9.0.8 by default', async () => {
    const result = await trecEval(['qrels.test', 'results.test']);
    expect(result).toEqual({ code: 0, stdout: readFileSync(`${fixtures}v9.0.8/out.test`, 'utf8'), stderr: '' });
  });

  it('reads combined flags (-mP.5, -l2, -qc) and options after the files, and --trec-eval-version 10.0', async () => {
    const result = await trecEval(['--trec-eval-version', '10.0', '-m', 'all_trec', '-mrelstring.20', '-q', 'qrels.rel_level', 'results.test', '-l2']);
    expect(result.stdout).toBe(readFileSync(`${fixtures}out.test.aql`, 'utf8'));
    const combined = await trecEval(['--trec-eval-version=10.0', '-qcmall_trec', '-M100', 'qrels.test', 'results.trunc']);
    expect(combined.stdout).toBe(readFileSync(`${fixtures}out.test.aqcM`, 'utf8'));
  });

  it('exits 4 in 10.0 on a judged topic missing from the run, after printing the topics before it', async () => {
    const result = await trecEval(['--trec-eval-version', '10.0', '-q', '-m', 'map', 'qrels.test', 'results.trunc']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('map                   \t301\t0.0324\n');
    expect(result.stderr).toBe("trec_eval: result qid '302' not found in qrels\nerror: topic 302 is judged in qrels.test but has no results in the run; trec_eval 10.0 stops here (use -c to count it as 0, or --trec-eval-version 9.0.8 to skip it)\n");
  });

  it('exits 1 with trec_eval’s message for an illegal measure, and says which version has it', async () => {
    const result = await trecEval(['-m', 'rbp', 'qrels.test', 'results.test']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("trec_eval: illegal measure 'rbp'\nerror: measure \"rbp\" exists only in trec_eval 10.0; add --trec-eval-version 10.0\n");
  });

  it('exits 1 with the usage text for an unknown flag or a missing file name', async () => {
    const unknown = await trecEval(['-x', 'qrels.test', 'results.test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("trec_eval: invalid option -- 'x'\nUsage: trec_eval [-h] [-q] {-m measure}* trec_rel_file trec_top_file\n");
    const one = await trecEval(['qrels.test']);
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('trec-eval expects two file names, <qrels> <run>, got 1: qrels.test');
  });

  it('exits 2 for a missing file, naming it, and for a bad --trec-eval-version', async () => {
    const result = await trecEval(['qrels.test', 'no-such.run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("trec_eval.get_results: Cannot read results file 'no-such.run'\ntrec_eval: Quit in file 'no-such.run'\nerror: no-such.run: no such file or directory\n");
    const version = await trecEval(['--trec-eval-version', '11', 'qrels.test', 'results.test']);
    expect(version).toMatchObject({ code: 2, stderr: 'error: --trec-eval-version must be 9.0.8 or 10.0, got "11"\n' });
  });

  it('accepts a run whose topics are not on consecutive lines (trec_eval sorts the lines), with no internal error', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = mkdtempSync(join(tmpdir(), 'benchline-trec-eval-order-'));
    try {
      writeFileSync(join(folder, 'qrels'), '1 0 a 1\n2 0 b 1\n');
      writeFileSync(join(folder, 'run'), '1 Q0 a 1 1 r\n2 Q0 b 1 1 r\n1 Q0 c 2 0.5 r\n');
      const io = memoryIo({ cwd: folder });
      const code = await runCli(['trec-eval', '-m', 'map', 'qrels', 'run'], io);
      // trec_eval 9.0.8 and 10.0 built from source print exactly this line.
      expect({ code, stdout: io.stdout.text(), stderr: io.stderr.text() }).toEqual({ code: 0, stdout: 'map                   \tall\t1.0000\n', stderr: '' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows its help with -h and --help, and the version trec_eval reports with -v', async () => {
    const help = await trecEval(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: benchline trec-eval [--trec-eval-version 9.0.8|10.0] [trec_eval flags] <qrels> <run>');
    expect((await trecEval(['-h'])).stdout).toContain('Exit codes are trec_eval');
    expect((await trecEval(['-v'])).stderr).toBe('trec_eval version 9.0.7\n');
  });
});

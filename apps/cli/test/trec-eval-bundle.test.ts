import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('../../../../shared/reference/trec_eval/fixtures/', import.meta.url));
const missing = !existsSync(fixtures);
if (missing && process.env.CI !== undefined) throw new Error(`CI needs the trec_eval fixtures under ${fixtures}`);

async function bundled(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bundle, 'trec-eval', ...args], { cwd: fixtures, env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

// The bundled CLI splits large runs at a topic boundary and reads the second half in a worker thread running the
// same file; a tiny threshold makes the fixtures take that path.
describe.skipIf(missing)('benchline trec-eval, bundled, with the run split over two threads', () => {
  const parallel = { BENCHLINE_TREC_EVAL_PARALLEL_MIN_BYTES: '1' };
  let folder = '';
  beforeAll(() => {
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`pnpm --filter benchline build\` first (turbo does it before test)`);
    folder = mkdtempSync(join(tmpdir(), 'benchline-trec-eval-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives out.test.aq and out.test.aqc byte for byte', async () => {
    expect(await bundled(['--trec-eval-version', '10.0', '-q', '-m', 'all_trec', 'qrels.test', 'results.test'], parallel)).toEqual({ code: 0, stdout: readFileSync(`${fixtures}out.test.aq`, 'utf8'), stderr: '' });
    expect((await bundled(['-q', '-c', '-m', 'all_trec', 'qrels.test', 'results.trunc'], parallel)).stdout).toBe(readFileSync(`${fixtures}v9.0.8/out.test.aqc`, 'utf8'));
  });

  it('numbers a malformed line in the second half from the start of the file', async () => {
    const lines = readFileSync(`${fixtures}results.test`, 'utf8').split('\n');
    lines[1400] = '303 Q0 broken';
    writeFileSync(join(folder, 'broken.run'), lines.join('\n'));
    const result = await bundled(['qrels.test', join(folder, 'broken.run')], parallel);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`trec_eval.get_results: Malformed line 1401\ntrec_eval: Quit in file '${join(folder, 'broken.run')}'\nerror: ${join(folder, 'broken.run')} line 1401: expected 6 whitespace-separated fields`);
  });

  it('falls back to one thread when a topic appears on both sides of the split', async () => {
    const lines = readFileSync(`${fixtures}results.test`, 'utf8').split('\n').filter((line) => line !== '');
    // Move a line of topic 301 to the end: its lines are no longer consecutive.
    const moved = [...lines.slice(1), lines[0] as string];
    writeFileSync(join(folder, 'moved.run'), `${moved.join('\n')}\n`);
    expect((await bundled(['-q', '-m', 'all_trec', 'qrels.test', join(folder, 'moved.run')], parallel)).stdout).toBe(readFileSync(`${fixtures}v9.0.8/out.test.aq`, 'utf8'));
  });

  it('reads the whole run again when a topic repeats inside the worker thread’s part', async () => {
    const lines = readFileSync(`${fixtures}results.test`, 'utf8').split('\n').filter((line) => line !== '');
    // Topics 301, 302, 303 have 500 lines each; the worker reads from topic 303 on. A line of 302 in the middle of
    // 303 makes 303 repeat within the worker's part (and 302 appear in both parts).
    const topic302 = lines.slice(500, 1000);
    const topic303 = lines.slice(1000);
    const reordered = [...lines.slice(0, 500), ...topic302.slice(1), ...topic303.slice(0, 250), topic302[0] as string, ...topic303.slice(250)];
    writeFileSync(join(folder, 'repeated.run'), `${reordered.join('\n')}\n`);
    const result = await bundled(['--trec-eval-version', '10.0', '-q', '-m', 'all_trec', 'qrels.test', join(folder, 'repeated.run')], parallel);
    expect(result).toEqual({ code: 0, stdout: readFileSync(`${fixtures}out.test.aq`, 'utf8'), stderr: '' });
  });
});

describe.skipIf(missing)('benchline trec-eval, bundled, reading the run from standard input', () => {
  it('reads "-" as standard input in 10.0, as trec_eval does', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(process.execPath, [bundle, 'trec-eval', '--trec-eval-version', '10.0', 'qrels.test', '-'], { cwd: fixtures, input: readFileSync(`${fixtures}results.test`), encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(`${fixtures}out.test`, 'utf8'));
  });
});

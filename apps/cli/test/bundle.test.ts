import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));

// The published CLI is one file with everything inlined: it must work with no node_modules around it.
describe('the bundled executable, copied alone to an empty folder', () => {
  let folder = '';
  let copy = '';
  beforeAll(async () => {
    await stat(bundle).catch(() => {
      throw new Error(`${bundle} is missing: run \`pnpm --filter benchline build\` first (turbo does it before test)`);
    });
    folder = await mkdtemp(join(tmpdir(), 'benchline-bundle-'));
    copy = join(folder, 'cli.mjs');
    await copyFile(bundle, copy);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('prints help and exits 0', async () => {
    const { stdout } = await run(process.execPath, [copy, '--help'], { cwd: folder });
    expect(stdout).toContain('Usage: benchline');
  });

  it('runs a command that uses a workspace package', async () => {
    const { stdout } = await run(process.execPath, [copy, 'lora', 'params', '--rows', '10000', '--cols', '20000', '--rank', '8'], { cwd: folder });
    expect(stdout).toContain('240,000');
  });

  it('exits 2 on a usage error', async () => {
    const failure = await run(process.execPath, [copy, 'no-such-command'], { cwd: folder }).then(
      () => undefined,
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("unknown command 'no-such-command'");
  });
});

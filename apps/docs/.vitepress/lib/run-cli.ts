import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The built `benchline` the docs depend on (turbo builds it first). */
export function cliPath(docsRoot: string): string {
  const require = createRequire(join(docsRoot, 'package.json'));
  const manifestPath = require.resolve('benchline/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = manifest.bin?.benchline;
  if (bin === undefined) throw new Error(`${manifestPath}: expected a "bin.benchline" entry, found none`);
  const entry = join(dirname(manifestPath), bin);
  if (!existsSync(entry)) {
    throw new Error(`${entry}: the CLI is not built; run "pnpm --filter benchline... build" (or "pnpm turbo run build --filter=@benchline/docs") first`);
  }
  return entry;
}

/**
 * Runs `benchline <args>` in `cwd` without colours and returns what it printed on stdout, so a guide can show the
 * real output of the command it describes.
 *
 * @throws {Error} with the command line, the exit code and stderr when the command fails.
 */
export async function runCli(docsRoot: string, args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [cliPath(docsRoot), ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, maxBuffer: 4 * 1024 * 1024 });
    return stdout.trimEnd();
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    throw new Error(`benchline ${args.join(' ')} failed (exit ${String(failure.code)}): ${failure.stderr ?? String(error)}`, { cause: error });
  }
}

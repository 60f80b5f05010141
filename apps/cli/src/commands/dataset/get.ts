import { resolve } from 'node:path';
import { DatasetDownloadError, datasetSource, downloadDataset, findCachedDataset, knownDatasetNames, resolveCacheDirectory } from '@benchline/metrics/node';
import type { DownloadProgress } from '@benchline/metrics/node';
import { CliError, ExitCode, usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { formatTable } from '../../output/format.js';
import { createProgress } from '../../output/progress.js';
import type { Progress } from '../../output/progress.js';
import type { DatasetGetFlags } from './register.js';

const phaseLabels: Readonly<Record<DownloadProgress['phase'], string>> = { download: 'downloading', verify: 'checking md5', unpack: 'unpacking' };

/** A progress bar per phase, on a terminal only (createProgress draws nothing elsewhere). */
function progressReporter(io: CliIo, name: string): { report: (progress: DownloadProgress) => void; stop: () => void } {
  let phase: DownloadProgress['phase'] | undefined;
  let bar: Progress | undefined;
  return {
    report(progress) {
      if (progress.phase !== phase || bar === undefined) {
        bar?.stop();
        phase = progress.phase;
        bar = progress.totalBytes === undefined ? undefined : createProgress(io, { total: progress.totalBytes, label: `${name}: ${phaseLabels[progress.phase]}` });
      }
      bar?.update(progress.bytes);
    },
    stop() {
      bar?.stop();
    },
  };
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `benchline dataset get <name|url>`: downloads, checks and unpacks into the cache; prints the folder on stdout. */
export async function datasetGetCommand(nameOrUrl: string, flags: DatasetGetFlags, io: CliIo): Promise<void> {
  if (flags.md5 !== undefined && !/^[0-9a-fA-F]{32}$/.test(flags.md5)) throw usageError(`--md5 expects 32 hexadecimal digits, got "${flags.md5}"`);
  if (datasetSource(nameOrUrl) === undefined) {
    throw usageError(`unknown dataset "${nameOrUrl}": expected a BEIR name (${knownDatasetNames.join(', ')}) or the http(s) URL of a zip`);
  }
  const cacheDir = resolveCacheDirectory({ cacheDir: flags.cacheDir === undefined ? undefined : resolve(io.cwd, flags.cacheDir), env: io.env });
  const progress = progressReporter(io, nameOrUrl);
  let result;
  try {
    result = await downloadDataset(nameOrUrl, { cacheDir, force: flags.force, onProgress: progress.report, ...(flags.md5 === undefined ? {} : { md5: flags.md5 }) });
  } catch (error) {
    // The network or the archive failed the work, not the user's command line: exit 1.
    if (error instanceof DatasetDownloadError) throw new CliError(error.message, ExitCode.workFailed, { cause: error });
    if (error instanceof TypeError) throw new CliError(`${nameOrUrl}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`, ExitCode.workFailed, { cause: error });
    throw error;
  } finally {
    progress.stop();
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout.write(`${result.folder}\n`);
  io.stderr.write(
    result.fromCache
      ? `${result.name}: already in the cache (${result.folder}); --force downloads it again\n`
      : `${result.name}: downloaded ${megabytes(result.bytes)}, ${result.checksumVerified ? `md5 ${result.md5} verified` : `md5 ${result.md5} (no published checksum to verify; pass --md5)`}, unpacked to ${result.folder}\n`,
  );
}

/** `benchline dataset list`: the known names and which are cached. */
export async function datasetListCommand(flags: { cacheDir?: string; json: boolean }, io: CliIo): Promise<void> {
  const cacheDir = resolveCacheDirectory({ cacheDir: flags.cacheDir === undefined ? undefined : resolve(io.cwd, flags.cacheDir), env: io.env });
  const rows = await Promise.all(
    knownDatasetNames.map(async (name) => {
      const source = datasetSource(name);
      return { name, cached: (await findCachedDataset(name, { cacheDir })) ?? null, url: source?.url ?? '', md5: source?.md5 ?? '' };
    }),
  );
  if (flags.json) {
    io.stdout.write(`${JSON.stringify({ cacheDir, datasets: rows }, null, 2)}\n`);
    return;
  }
  io.stdout.write(formatTable(rows.map((row) => [row.name, row.cached ?? '-', row.md5]), { header: ['dataset', 'cached', 'published md5'] }));
  io.stderr.write(`cache: ${cacheDir}\n`);
}

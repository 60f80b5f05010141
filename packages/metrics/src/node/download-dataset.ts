import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFolder, datasetMarkerFileName, datasetSource, knownDatasetNames, resolveCacheDirectory } from './dataset-cache.js';
import type { CacheDirectoryOptions } from './dataset-cache.js';
import { DatasetDownloadError, extractZipSafely } from './zip-extract.js';

/** What {@link downloadDataset} is doing, for a progress bar. */
export interface DownloadProgress {
  readonly phase: 'download' | 'verify' | 'unpack';
  /** Bytes done in this phase (for `download`, including bytes resumed from an earlier attempt). */
  readonly bytes: number;
  /** The phase's total when known (the server's length; the archive's declared size). */
  readonly totalBytes: number | undefined;
}

/** Options of {@link downloadDataset}. */
export interface DownloadDatasetOptions extends CacheDirectoryOptions {
  /** The expected md5 of the zip (hex). Default: the published one for a known BEIR dataset; none for other URLs. */
  readonly md5?: string;
  /** Refuse a download larger than this many bytes (default 8 GiB; BEIR's largest zips are about 1 GB). */
  readonly maxDownloadBytes?: number;
  /** Refuse an archive that unpacks to more than this many bytes (default 32 GiB). */
  readonly maxUncompressedBytes?: number;
  /** Refuse an archive with more entries than this (default 100,000). */
  readonly maxEntries?: number;
  /** Resume attempts after a broken connection within this call (default 3). A later call resumes as well. */
  readonly retries?: number;
  /** Download and unpack again even when the dataset is cached. */
  readonly force?: boolean;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** The fetch to use (default the global one). */
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}

/** The result of {@link downloadDataset}. */
export interface DownloadedDataset {
  readonly name: string;
  /** The unpacked dataset: the folder holding `corpus.jsonl` (BEIR zips hold one top folder, which becomes this). */
  readonly folder: string;
  readonly url: string;
  /** The md5 of the downloaded zip (the recorded one when served from the cache). */
  readonly md5: string;
  /** Whether the md5 was checked against a known value. */
  readonly checksumVerified: boolean;
  readonly fromCache: boolean;
  /** Size of the zip. */
  readonly bytes: number;
}

interface PartialDownloadRecord {
  readonly url: string;
  readonly validator: string | undefined;
}

const defaults = { maxDownloadBytes: 8 * 1024 ** 3, maxUncompressedBytes: 32 * 1024 ** 3, maxEntries: 100_000, retries: 3 };

async function fileSize(path: string): Promise<number> {
  return (await stat(path).catch(() => undefined))?.size ?? 0;
}

async function md5Of(path: string, onProgress: ((bytes: number) => void) | undefined): Promise<string> {
  const hash = createHash('md5');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
    onProgress?.(bytes);
  }
  return hash.digest('hex');
}

/**
 * Downloads the zip at `url` into `partPath`, resuming an earlier partial download with an HTTP Range request when
 * the server allows it (and the file has not changed: `If-Range` with its ETag or Last-Modified), restarting from
 * zero otherwise. A broken connection is retried `retries` times; the partial file is kept so a later call resumes.
 */
async function fetchToFile(url: string, partPath: string, options: Required<Pick<DownloadDatasetOptions, 'maxDownloadBytes' | 'retries'>> & DownloadDatasetOptions): Promise<void> {
  const recordPath = `${partPath}.json`;
  const fetchFunction = options.fetch ?? globalThis.fetch;
  let lastError: unknown;
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    const record = await readFile(recordPath, 'utf8')
      .then((text) => JSON.parse(text) as PartialDownloadRecord)
      .catch(() => undefined);
    let offset = record?.url === url ? await fileSize(partPath) : 0;
    if (offset === 0) await unlink(partPath).catch(() => undefined);
    const headers: Record<string, string> = {};
    if (offset > 0) {
      headers.Range = `bytes=${String(offset)}-`;
      if (record?.validator !== undefined) headers['If-Range'] = record.validator;
    }
    let response: Response;
    try {
      response = await fetchFunction(url, { headers, redirect: 'follow', ...(options.signal === undefined ? {} : { signal: options.signal }) });
    } catch (error) {
      lastError = error;
      continue;
    }
    if (response.status === 416) {
      // The partial file does not fit the server's file (it changed, or the part is complete but unrecorded): restart.
      await response.body?.cancel();
      await unlink(partPath).catch(() => undefined);
      await unlink(recordPath).catch(() => undefined);
      lastError = new Error('the server refused to resume (416)');
      continue;
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new DatasetDownloadError('http', `${url}: the server answered ${String(response.status)} ${response.statusText}`);
    }
    let total: number | undefined;
    if (response.status === 206) {
      const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
      if (range === null || Number(range[1]) !== offset) {
        // A range we did not ask for: start again rather than splice the wrong bytes.
        await response.body?.cancel();
        await unlink(partPath).catch(() => undefined);
        lastError = new Error(`unexpected Content-Range ${response.headers.get('content-range') ?? '(none)'}`);
        continue;
      }
      total = range[3] === '*' ? undefined : Number(range[3]);
    } else {
      offset = 0;
      const length = response.headers.get('content-length');
      total = length === null ? undefined : Number(length);
    }
    if (total !== undefined && total > options.maxDownloadBytes) {
      await response.body?.cancel();
      await unlink(partPath).catch(() => undefined);
      await unlink(recordPath).catch(() => undefined);
      throw new DatasetDownloadError('too-large', `${url}: ${String(total)} bytes, more than the limit of ${String(options.maxDownloadBytes)} bytes`);
    }
    const validator = response.headers.get('etag') ?? response.headers.get('last-modified') ?? undefined;
    await writeFile(recordPath, JSON.stringify({ url, validator } satisfies PartialDownloadRecord));
    const handle = await open(partPath, offset === 0 ? 'w' : 'a');
    let received = offset;
    try {
      options.onProgress?.({ phase: 'download', bytes: received, totalBytes: total });
      if (response.body === null) throw new Error('the response has no body');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        received += chunk.length;
        if (received > options.maxDownloadBytes) {
          await handle.close();
          await unlink(partPath).catch(() => undefined);
          await unlink(recordPath).catch(() => undefined);
          throw new DatasetDownloadError('too-large', `${url}: more than the limit of ${String(options.maxDownloadBytes)} bytes`);
        }
        await handle.write(chunk);
        options.onProgress?.({ phase: 'download', bytes: received, totalBytes: total });
      }
    } catch (error) {
      if (error instanceof DatasetDownloadError) throw error;
      // The connection broke: keep what arrived, resume on the next attempt.
      lastError = error;
      await handle.close().catch(() => undefined);
      continue;
    }
    await handle.close();
    if (total !== undefined && received !== total) {
      lastError = new Error(`the connection closed after ${String(received)} of ${String(total)} bytes`);
      continue;
    }
    await unlink(recordPath).catch(() => undefined);
    return;
  }
  if (options.signal?.aborted === true) throw options.signal.reason;
  const kept = await fileSize(partPath);
  throw new DatasetDownloadError(
    'interrupted',
    `${url}: the download failed ${options.retries === 0 ? 'once' : `${String(options.retries + 1)} times`} (${lastError instanceof Error ? lastError.message : String(lastError)}); ${kept > 0 ? `${String(kept)} bytes are kept and the next attempt resumes from there` : 'run it again'}`,
    { cause: lastError },
  );
}

/**
 * Downloads a BEIR dataset zip, checks it and unpacks it into the cache, treating everything it receives as untrusted.
 *
 * - `nameOrUrl`: a BEIR name (`scifact`, `nfcorpus`...: {@link knownDatasetNames}, fetched from the BEIR authors'
 *   server and checked against the md5 their README publishes) or the `http(s)` URL of a zip (checked when `md5`
 *   is given).
 * - The zip goes to `<cache>/downloads/<name>.zip.part`; an interrupted download resumes (HTTP Range, `If-Range`)
 *   or restarts cleanly, here or in a later call; downloads over `maxDownloadBytes` stop.
 * - It is unpacked with {@link extractZipSafely} (no absolute paths, `..`, symbolic links; `maxUncompressedBytes`
 *   counted on the inflated bytes) into a temporary folder beside the target, marked complete, then renamed into
 *   place, so `<cache>/datasets/<name>` is either absent or complete: never half unpacked.
 * - A dataset already in the cache is returned without network access unless `force`.
 *
 * @param nameOrUrl - a known BEIR name or a URL.
 * @param options - cache folder, md5, limits, progress, fetch.
 * @returns where the dataset is and what was checked.
 * @throws {DatasetDownloadError} `unknown-dataset`, `http`, `interrupted`, `too-large`, `checksum`,
 *   `unsafe-archive` or `bad-archive`.
 */
export async function downloadDataset(nameOrUrl: string, options: DownloadDatasetOptions = {}): Promise<DownloadedDataset> {
  const source = datasetSource(nameOrUrl);
  if (source === undefined) {
    throw new DatasetDownloadError('unknown-dataset', `unknown dataset "${nameOrUrl}": expected a BEIR name (${knownDatasetNames.join(', ')}) or the http(s) URL of a zip`);
  }
  const expectedMd5 = (options.md5 ?? source.md5)?.toLowerCase();
  if (expectedMd5 !== undefined && !/^[0-9a-f]{32}$/.test(expectedMd5)) throw new DatasetDownloadError('checksum', `md5 "${options.md5 ?? ''}" is not 32 hexadecimal digits`);
  const cacheDir = resolveCacheDirectory(options);
  const target = datasetFolder(cacheDir, source.name);
  const markerPath = join(target, datasetMarkerFileName);
  const cached = await readFile(markerPath, 'utf8')
    .then((text) => JSON.parse(text) as { md5: string; bytes: number; checksumVerified: boolean })
    .catch(() => undefined);
  if (cached !== undefined && options.force !== true) {
    return { name: source.name, folder: target, url: source.url, md5: cached.md5, checksumVerified: cached.checksumVerified, fromCache: true, bytes: cached.bytes };
  }
  const limits = {
    maxDownloadBytes: options.maxDownloadBytes ?? defaults.maxDownloadBytes,
    maxUncompressedBytes: options.maxUncompressedBytes ?? defaults.maxUncompressedBytes,
    maxEntries: options.maxEntries ?? defaults.maxEntries,
    retries: options.retries ?? defaults.retries,
  };
  const downloads = join(cacheDir, 'downloads');
  await mkdir(downloads, { recursive: true });
  await mkdir(join(cacheDir, 'datasets'), { recursive: true });
  const partPath = join(downloads, `${source.name}.zip.part`);
  await fetchToFile(source.url, partPath, { ...options, ...limits });

  const bytes = await fileSize(partPath);
  const md5 = await md5Of(partPath, (done) => options.onProgress?.({ phase: 'verify', bytes: done, totalBytes: bytes }));
  if (expectedMd5 !== undefined && md5 !== expectedMd5) {
    await unlink(partPath).catch(() => undefined);
    throw new DatasetDownloadError('checksum', `${source.url}: md5 ${md5} differs from the expected ${expectedMd5}; the download was deleted`);
  }

  const temporary = join(cacheDir, 'datasets', `.${source.name}.unpacking-${randomBytes(6).toString('hex')}`);
  await mkdir(temporary);
  try {
    await extractZipSafely(partPath, temporary, {
      ...limits,
      label: `${source.name}.zip`,
      onProgress: (done, declared) => options.onProgress?.({ phase: 'unpack', bytes: done, totalBytes: declared }),
    });
    // BEIR zips hold one folder named after the dataset; that folder is the dataset.
    const top = await readdir(temporary, { withFileTypes: true });
    const root = top.length === 1 && top[0]?.isDirectory() === true ? join(temporary, top[0].name) : temporary;
    await writeFile(join(root, datasetMarkerFileName), `${JSON.stringify({ name: source.name, url: source.url, md5, checksumVerified: expectedMd5 !== undefined, bytes, unpackedAt: new Date().toISOString() }, null, 2)}\n`);
    // An earlier incomplete folder (no marker) is replaced; a complete one is replaced only when forced.
    await rm(target, { recursive: true, force: true });
    await rename(root, target);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
  await unlink(partPath).catch(() => undefined);
  return { name: source.name, folder: target, url: source.url, md5, checksumVerified: expectedMd5 !== undefined, fromCache: false, bytes };
}

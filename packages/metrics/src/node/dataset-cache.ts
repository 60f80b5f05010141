import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { knownBeirDatasets } from '../benchmark/beir-datasets.js';

/** Where Benchline caches downloads. */
export interface CacheDirectoryOptions {
  /** An explicit cache folder; wins over the environment. */
  readonly cacheDir?: string | undefined;
  /** The environment to read `XDG_CACHE_HOME` from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The file that marks a dataset folder as completely unpacked. */
export const datasetMarkerFileName = '.benchline-dataset.json';

/** Every BEIR name {@link downloadDataset} knows, in the BEIR README's order. */
export const knownDatasetNames: readonly string[] = Object.freeze([...knownBeirDatasets.keys()]);

/**
 * The cache folder: `cacheDir` when given, else `$XDG_CACHE_HOME/benchline` when that variable holds an absolute
 * path (the XDG Base Directory rule: a relative value is ignored), else `~/.cache/benchline`.
 */
export function resolveCacheDirectory(options: CacheDirectoryOptions = {}): string {
  if (options.cacheDir !== undefined) return options.cacheDir;
  const xdg = (options.env ?? process.env).XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'benchline');
  return join(homedir(), '.cache', 'benchline');
}

/** What a dataset argument names: its cache name, its URL and its published md5 when known. */
export interface DatasetSource {
  readonly name: string;
  readonly url: string;
  readonly md5: string | undefined;
}

/**
 * Reads a dataset argument: a known BEIR name (`scifact`) or an `http(s)://` URL of a zip. The cache name of a URL is
 * its file name without `.zip`, reduced to letters, digits, `.`, `_` and `-`.
 *
 * @returns the name, URL and md5 (a known dataset's published one, also when its URL is given), or undefined for an
 *   unknown name.
 */
export function datasetSource(nameOrUrl: string): DatasetSource | undefined {
  if (/^https?:\/\//i.test(nameOrUrl)) {
    const known = [...knownBeirDatasets.values()].find((dataset) => dataset.url === nameOrUrl);
    if (known !== undefined) return { name: known.name, url: known.url, md5: known.md5 };
    const path = new URL(nameOrUrl).pathname;
    const fileName = path.slice(path.lastIndexOf('/') + 1).replace(/\.zip$/i, '');
    const name = fileName.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'dataset';
    return { name, url: nameOrUrl, md5: undefined };
  }
  const known = knownBeirDatasets.get(nameOrUrl);
  return known === undefined ? undefined : { name: known.name, url: known.url, md5: known.md5 };
}

/** The folder a dataset is unpacked to: `<cache>/datasets/<name>`. */
export function datasetFolder(cacheDir: string, name: string): string {
  return join(cacheDir, 'datasets', name);
}

/**
 * The folder of a completely unpacked cached dataset, or undefined when it is not cached (a folder without the
 * completion marker, left by an older or interrupted program, does not count).
 *
 * @param nameOrUrl - a known BEIR name, a URL, or the cache name of a dataset downloaded from a URL.
 */
export async function findCachedDataset(nameOrUrl: string, options: CacheDirectoryOptions = {}): Promise<string | undefined> {
  const name = datasetSource(nameOrUrl)?.name ?? nameOrUrl;
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) return undefined;
  const folder = datasetFolder(resolveCacheDirectory(options), name);
  const marker = await stat(join(folder, datasetMarkerFileName)).catch(() => undefined);
  return marker?.isFile() === true ? folder : undefined;
}

import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { MetricsError } from '../errors.js';

/** Why a download or an archive was refused. */
export type DatasetProblem =
  | 'unknown-dataset'
  | 'http'
  | 'interrupted'
  | 'too-large'
  | 'checksum'
  | 'unsafe-archive'
  | 'bad-archive';

/**
 * A dataset could not be downloaded or unpacked: an HTTP error, a connection that kept breaking, a file over the
 * size limit, a checksum mismatch, an archive entry that would land outside the target folder (absolute path,
 * `..`, symbolic link), or a corrupt zip. `problem` says which.
 */
export class DatasetDownloadError extends MetricsError {
  override readonly name = 'DatasetDownloadError';
  readonly problem: DatasetProblem;

  constructor(problem: DatasetProblem, message: string, options?: { cause?: unknown }) {
    super('invalid_argument', message, options);
    this.problem = problem;
  }
}

/** Limits of {@link extractZipSafely}. */
export interface ExtractZipOptions {
  /** Stop when the unpacked bytes (as inflated, not as declared) would exceed this. */
  readonly maxUncompressedBytes: number;
  /** Refuse archives with more entries than this. */
  readonly maxEntries: number;
  /** Called with the unpacked bytes so far and the declared total. */
  readonly onProgress?: (bytes: number, declaredTotal: number) => void;
  /** A name for the archive in error messages (default its path). */
  readonly label?: string;
}

const fileTypeMask = 0o170000;
const symbolicLinkType = 0o120000;
const regularFileType = 0o100000;
const directoryType = 0o040000;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: true, decodeStrings: true }, (error, zip) => {
      if (error !== null || zip === undefined) reject(error ?? new Error('no zip'));
      else resolvePromise(zip);
    });
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolvePromise, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error !== null || stream === undefined) reject(error ?? new Error('no stream'));
      else resolvePromise(stream);
    });
  });
}

/**
 * Where an entry would land, or the reason it must not be unpacked. Entry names are untrusted: an absolute path,
 * a drive letter, a `..` segment or a backslash could write outside the target folder.
 */
function entryDestination(target: string, name: string): string {
  const segments = name.split('/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || isAbsolute(name)) throw new Error(`an absolute path`);
  if (name.includes('\\')) throw new Error('a backslash in the name');
  if (segments.includes('..')) throw new Error('a ".." segment');
  if (name.includes('\0')) throw new Error('a NUL character in the name');
  const destination = resolve(target, name);
  if (destination !== target && !destination.startsWith(`${target}${sep}`)) throw new Error('a path outside the target folder');
  return destination;
}

/**
 * Unpacks a zip archive into `target` (an existing, empty folder), treating it as untrusted input: entries with an
 * absolute path, a `..` segment or a backslash, symbolic links and other special files are refused; the unpacked
 * size is counted on the inflated bytes (a lying header cannot hide a zip bomb) and checked against
 * `maxUncompressedBytes`; entry sizes are checked against their headers (yauzl's `validateEntrySizes`); an entry
 * listed twice is refused. On error the caller removes `target`: files unpacked so far are left there.
 *
 * @param zipPath - the archive.
 * @param target - the folder to unpack into (absolute).
 * @param options - limits and progress.
 * @returns the number of files and bytes unpacked.
 * @throws {DatasetDownloadError} `unsafe-archive`, `too-large` or `bad-archive`.
 */
export async function extractZipSafely(zipPath: string, target: string, options: ExtractZipOptions): Promise<{ files: number; bytes: number }> {
  const label = options.label ?? zipPath;
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    throw archiveError(label, error);
  }
  if (zip.entryCount > options.maxEntries) {
    zip.close();
    throw new DatasetDownloadError('too-large', `${label}: ${String(zip.entryCount)} entries, more than the limit of ${String(options.maxEntries)}`);
  }
  let unpacked = 0;
  let declared = 0;
  let files = 0;
  const written = new Set<string>();
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const fail = (error: unknown): void => {
        zip.close();
        reject(error instanceof DatasetDownloadError ? error : archiveError(label, error));
      };
      zip.on('error', fail);
      zip.on('end', () => resolvePromise());
      zip.on('entry', (entry: Entry) => {
        void (async () => {
          const name = entry.fileName;
          let destination: string;
          try {
            destination = entryDestination(target, name);
          } catch (error) {
            throw new DatasetDownloadError('unsafe-archive', `${label}: refused entry ${JSON.stringify(name)}: ${error instanceof Error ? error.message : String(error)} would land outside ${target}`);
          }
          const type = (entry.externalFileAttributes >>> 16) & fileTypeMask;
          const isDirectory = name.endsWith('/');
          if (type === symbolicLinkType) throw new DatasetDownloadError('unsafe-archive', `${label}: refused entry ${JSON.stringify(name)}: a symbolic link (it could point outside ${target})`);
          if (type !== 0 && type !== regularFileType && type !== directoryType) {
            throw new DatasetDownloadError('unsafe-archive', `${label}: refused entry ${JSON.stringify(name)}: a special file (mode ${type.toString(8)}), not a regular file or folder`);
          }
          if (isDirectory) {
            await mkdir(destination, { recursive: true });
            zip.readEntry();
            return;
          }
          if (written.has(destination)) throw new DatasetDownloadError('unsafe-archive', `${label}: entry ${JSON.stringify(name)} is listed twice`);
          written.add(destination);
          declared += entry.uncompressedSize;
          if (declared > options.maxUncompressedBytes) {
            throw new DatasetDownloadError('too-large', `${label}: unpacks to more than the limit of ${String(options.maxUncompressedBytes)} bytes (declared sizes)`);
          }
          await mkdir(dirname(destination), { recursive: true });
          const input = await openEntry(zip, entry);
          const counter = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              unpacked += chunk.length;
              if (unpacked > options.maxUncompressedBytes) {
                callback(new DatasetDownloadError('too-large', `${label}: unpacks to more than the limit of ${String(options.maxUncompressedBytes)} bytes (stopped at entry ${JSON.stringify(name)})`));
                return;
              }
              options.onProgress?.(unpacked, declared);
              callback(null, chunk);
            },
          });
          // 'wx': never follow or overwrite something already there.
          await pipeline(input, counter, createWriteStream(destination, { flags: 'wx' }));
          files++;
          zip.readEntry();
        })().catch(fail);
      });
      zip.readEntry();
    });
  } catch (error) {
    throw error instanceof DatasetDownloadError ? error : archiveError(label, error);
  }
  return { files, bytes: unpacked };
}

function archiveError(label: string, error: unknown): DatasetDownloadError {
  if (error instanceof DatasetDownloadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // yauzl validates names itself before we see them: report those as refused entries.
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(message)) {
    return new DatasetDownloadError('unsafe-archive', `${label}: refused entry: ${message} (it would land outside the target folder)`, { cause: error });
  }
  return new DatasetDownloadError('bad-archive', `${label}: not a readable zip archive: ${message}`, { cause: error });
}

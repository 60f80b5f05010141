import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A file being written under a temporary name in its final folder; `commit()` flushes it to disk and renames it
 * over the target in one step, `abort()` deletes it. Readers of the target therefore see the old file or the
 * complete new one, never a half-written one (a crash leaves only a `.<name>.<random>.tmp` file behind).
 */
export interface AtomicFile {
  /** The final path. */
  readonly path: string;
  /** The temporary path being written. */
  readonly temporaryPath: string;
  /** Appends bytes (sequential writes). */
  write(bytes: Uint8Array): Promise<void>;
  /** fsync, close, rename over `path`. */
  commit(): Promise<void>;
  /** Close and delete the temporary file; safe to call after a failure, and a no-op after `commit`. */
  abort(): Promise<void>;
}

/** Node's `write` accepts at most 2 GiB − 1 per call. */
const maximumWriteChunk = 1 << 30;

/**
 * Opens a temporary file next to `path` (same folder, so the final rename is atomic on one file system).
 *
 * @throws the file system's error when the folder does not exist or is not writable.
 */
export async function createAtomicFile(path: string): Promise<AtomicFile> {
  const temporaryPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle: FileHandle = await open(temporaryPath, 'wx');
  let state: 'open' | 'committed' | 'aborted' = 'open';
  return {
    path,
    temporaryPath,
    async write(bytes) {
      for (let offset = 0; offset < bytes.byteLength; ) {
        const length = Math.min(maximumWriteChunk, bytes.byteLength - offset);
        const { bytesWritten } = await handle.write(bytes, offset, length);
        offset += bytesWritten;
      }
    },
    async commit() {
      if (state !== 'open') throw new Error(`${path}: the temporary file was already ${state}`);
      await handle.sync();
      await handle.close();
      state = 'committed';
      try {
        await rename(temporaryPath, path);
      } catch (error) {
        await unlink(temporaryPath).catch(() => undefined);
        throw error;
      }
    },
    async abort() {
      if (state !== 'open') return;
      state = 'aborted';
      await handle.close().catch(() => undefined);
      await unlink(temporaryPath).catch(() => undefined);
    },
  };
}

/**
 * Writes a whole file atomically: to a temporary file in the same folder, flushed, then renamed over `path`.
 *
 * @throws the file system's error; the target is then unchanged and no temporary file is left.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const file = await createAtomicFile(path);
  try {
    await file.write(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}

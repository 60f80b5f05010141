import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes text to `path` atomically: into a temporary file in the same folder, renamed over `path` only once every
 * chunk is written, so a reader never sees half a file and an error leaves any earlier file untouched. Chunks are
 * streamed (a run of millions of lines is never one string).
 *
 * @param path - the file to write.
 * @param chunks - the text, as one string or a sequence of pieces.
 */
export async function writeTextAtomically(path: string, chunks: string | Iterable<string>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${String(process.pid)}.${Math.random().toString(36).slice(2)}.tmp`);
  const stream = createWriteStream(temporary, { encoding: 'utf8' });
  try {
    await once(stream, 'open');
    let buffered = '';
    for (const chunk of typeof chunks === 'string' ? [chunks] : chunks) {
      buffered += chunk;
      if (buffered.length >= 1 << 16) {
        if (!stream.write(buffered)) await once(stream, 'drain');
        buffered = '';
      }
    }
    stream.end(buffered);
    await once(stream, 'finish');
    await rename(temporary, path);
  } catch (error) {
    stream.destroy();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** Labels for files: the base name, or the path as given when two files share a base name. */
export function uniqueLabels(paths: readonly string[]): string[] {
  const names = paths.map((path) => basename(path));
  return names.map((name, index) => (names.indexOf(name) === names.lastIndexOf(name) ? name : (paths[index] as string)));
}

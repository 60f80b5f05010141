import { SafetensorsFormatError } from '../errors.js';
import type { SafetensorsLayout, TensorCollection } from '../safetensors/write.js';
import { serializeSafetensors } from '../safetensors/write.js';
import { createAtomicFile, writeFileAtomic } from './atomic-file.js';

/**
 * A safetensors file written tensor by tensor in the layout's order: the header goes first, then each tensor's
 * bytes as they come, so only one tensor needs to be in memory. The file appears at its path only on `commit()`.
 */
export interface SafetensorsStreamWriter {
  readonly path: string;
  /** The tensors, in the order `write` must receive them. */
  readonly layout: SafetensorsLayout;
  /** The name `write` expects next, or undefined when all were written. */
  readonly next: string | undefined;
  /**
   * Appends the next tensor's bytes (in one piece, or several pieces that add up to its size).
   *
   * @throws {SafetensorsFormatError} when `name` is not the next tensor or the bytes overrun it.
   */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Publishes the file (fsync + rename).
   *
   * @throws {SafetensorsFormatError} when some tensors were not written; the target is then untouched.
   */
  commit(): Promise<void>;
  /** Deletes the temporary file. */
  abort(): Promise<void>;
}

/**
 * Starts writing a safetensors file atomically with a layout from `planSafetensorsLayout` (the reference writer's
 * order) or `layoutFromEntries` (an existing file's order).
 */
export async function createSafetensorsWriter(path: string, layout: SafetensorsLayout): Promise<SafetensorsStreamWriter> {
  const file = await createAtomicFile(path);
  try {
    await file.write(layout.prefix);
  } catch (error) {
    await file.abort();
    throw error;
  }
  let index = 0;
  let writtenOfCurrent = 0;
  const skipEmpty = (): void => {
    while (index < layout.entries.length && layout.entries[index]!.end === layout.entries[index]!.begin) index++;
  };
  skipEmpty();
  return {
    path,
    layout,
    get next() {
      return layout.entries[index]?.name;
    },
    async write(name, bytes) {
      const entry = layout.entries[index];
      if (entry === undefined || entry.name !== name) {
        const expected = layout.entries.find((candidate) => candidate.name === name);
        throw new SafetensorsFormatError('InvalidOffset', `${path}: tensor ${JSON.stringify(name)} written out of order; expected ${entry === undefined ? 'no more tensors' : JSON.stringify(entry.name)}${expected === undefined ? ' (and it is not in the layout)' : ''}`, { file: path, tensor: name });
      }
      const size = entry.end - entry.begin;
      if (writtenOfCurrent + bytes.byteLength > size) {
        throw new SafetensorsFormatError('TensorInvalidInfo', `${path}: tensor ${JSON.stringify(name)} takes ${String(size)} bytes, got ${String(writtenOfCurrent + bytes.byteLength)}`, { file: path, tensor: name });
      }
      await file.write(bytes);
      writtenOfCurrent += bytes.byteLength;
      if (writtenOfCurrent === size) {
        index++;
        writtenOfCurrent = 0;
        skipEmpty();
      }
    },
    async commit() {
      if (index < layout.entries.length) {
        await file.abort();
        throw new SafetensorsFormatError('MetadataIncompleteBuffer', `${path}: tensor ${JSON.stringify(layout.entries[index]!.name)} and ${String(layout.entries.length - index - 1)} after it were never written; the file was not created`, { file: path });
      }
      await file.commit();
    },
    abort: () => file.abort(),
  };
}

/**
 * Writes tensors to a safetensors file atomically, byte-identical to the reference writer (`save_file`).
 *
 * @throws {SafetensorsFormatError} for tensors whose bytes do not match their shape; nothing is written then.
 */
export async function writeSafetensorsFile(path: string, tensors: TensorCollection, options: { metadata?: Readonly<Record<string, string>> } = {}): Promise<void> {
  await writeFileAtomic(path, serializeSafetensors(tensors, options));
}

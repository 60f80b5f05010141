import type { FileHandle } from 'node:fs/promises';
import { open, readFile } from 'node:fs/promises';
import type { SafetensorsEntry, SafetensorsHeader } from '../safetensors/header.js';
import { formatError, parseSafetensorsHeader, readHeaderLength } from '../safetensors/header.js';
import type { SafetensorsFile } from '../safetensors/read.js';
import { parseSafetensors } from '../safetensors/read.js';
import type { Tensor } from '../safetensors/tensor.js';

/**
 * A safetensors file opened for reading tensor by tensor: only the header is read up front (and validated against
 * the file's size), and each tensor is read on demand with positioned reads, so files larger than memory work.
 */
export interface SafetensorsFileReader {
  readonly path: string;
  readonly header: SafetensorsHeader;
  /** The file's first `header.dataStart` bytes as they are (length + header + padding), to copy a header verbatim. */
  readonly prefix: Uint8Array;
  /** Tensor names in file order. */
  readonly names: readonly string[];
  /** The tensor's entry, or undefined. */
  entry(name: string): SafetensorsEntry | undefined;
  /**
   * Reads one tensor into a fresh, 8-aligned buffer (so `tensorView` never copies), or into the start of `into`
   * when given (a buffer reused across tensors avoids the page faults of fresh memory, which cost more than the
   * read itself; the tensor is then only valid until `into` is reused).
   *
   * @throws {SafetensorsFormatError} `TensorNotFound` naming the file and the tensor, or when the file shrank.
   * @throws {RangeError} when `into` is smaller than the tensor.
   */
  readTensor(name: string, into?: Uint8Array): Promise<Tensor>;
  /** Fills `target` with bytes of the data buffer starting at `offset` (relative to the start of the data). */
  readData(target: Uint8Array, offset: number): Promise<void>;
  close(): Promise<void>;
}

/** Node's `read` accepts at most 2 GiB − 1 per call. */
const maximumReadChunk = 1 << 30;

/**
 * Opens a safetensors file and validates its header with every rule of the reference reader (see
 * `parseSafetensorsHeader`), reading nothing else. Close it when done.
 *
 * @throws {SafetensorsFormatError} naming the file, the broken rule and the tensor.
 * @throws the file system's error (ENOENT...) when the file cannot be opened.
 */
export async function openSafetensorsFile(path: string): Promise<SafetensorsFileReader> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const prefix = new Uint8Array(Math.min(8, size));
    await readFully(handle, prefix, 0, path);
    const headerLength = readHeaderLength(prefix, size, { file: path });
    const headerPrefix = new Uint8Array(8 + headerLength);
    headerPrefix.set(prefix);
    await readFully(handle, headerPrefix.subarray(8), 8, path);
    const header = parseSafetensorsHeader(headerPrefix.subarray(8), size, { file: path });
    const reader: SafetensorsFileReader = {
      path,
      header,
      prefix: headerPrefix,
      names: header.entries.map((entry) => entry.name),
      entry: (name) => header.byName.get(name),
      async readTensor(name, into) {
        const entry = header.byName.get(name);
        if (entry === undefined) throw formatError('TensorNotFound', { file: path }, name, 'no such tensor in the file');
        const size = entry.end - entry.begin;
        if (into !== undefined && into.byteLength < size) throw new RangeError(`readTensor: the buffer has ${String(into.byteLength)} bytes, tensor ${JSON.stringify(name)} needs ${String(size)}`);
        const data = into === undefined ? new Uint8Array(size) : into.subarray(0, size);
        await readFully(handle, data, header.dataStart + entry.begin, path);
        return { dtype: entry.dtype, shape: entry.shape, data };
      },
      readData: (target, offset) => readFully(handle, target, header.dataStart + offset, path),
      close: () => handle.close(),
    };
    return reader;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Reads a whole safetensors file into memory and validates it; tensors are views of one buffer (zero-copy
 * `tensorView` when aligned, which files from the reference writer always are).
 *
 * @throws {SafetensorsFormatError} naming the file, the broken rule and the tensor.
 */
export async function readSafetensorsFile(path: string): Promise<SafetensorsFile> {
  const buffer = await readFile(path);
  // A Buffer may sit at any offset of a shared pool; a fresh ArrayBuffer keeps tensors aligned.
  const bytes = buffer.byteOffset % 8 === 0 ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) : new Uint8Array(buffer);
  return parseSafetensors(bytes, { file: path });
}

async function readFully(handle: FileHandle, target: Uint8Array, position: number, path: string): Promise<void> {
  for (let offset = 0; offset < target.byteLength; ) {
    const length = Math.min(maximumReadChunk, target.byteLength - offset);
    const { bytesRead } = await handle.read(target, offset, length, position + offset);
    if (bytesRead === 0) {
      throw formatError('MetadataIncompleteBuffer', { file: path }, undefined, `the file ended at byte ${String(position + offset)} while ${String(target.byteLength - offset)} more bytes were expected (it changed while being read?)`);
    }
    offset += bytesRead;
  }
}

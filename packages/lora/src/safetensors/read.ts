import type { SafetensorsEntry, SafetensorsHeader, SafetensorsSource } from './header.js';
import { formatError, parseSafetensorsHeader, readHeaderLength } from './header.js';
import type { Tensor } from './tensor.js';

/** A whole safetensors file in memory, validated; tensors are views of its bytes. */
export interface SafetensorsFile {
  readonly header: SafetensorsHeader;
  /** `__metadata__` (string → string), or undefined. */
  readonly metadata: Readonly<Record<string, string>> | undefined;
  /** Tensor names in file (offset) order. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /**
   * A tensor whose `data` is a `subarray` of the file's bytes (no copy).
   *
   * @throws {SafetensorsFormatError} `TensorNotFound` naming the file and the tensor.
   */
  tensor(name: string): Tensor;
  /** Every tensor, in file order. */
  tensors(): IterableIterator<[string, Tensor]>;
}

/**
 * Parses a complete safetensors file held in memory, applying every validation rule of the reference reader
 * (see {@link parseSafetensorsHeader}). No tensor data is copied: `tensor(name).data` is a view of `bytes`, and
 * `tensorView` on it is zero-copy when the tensor is aligned for its element type.
 *
 * @param bytes - the whole file.
 * @param source - `file`: a path or name for error messages.
 * @throws {SafetensorsFormatError} naming the broken rule, the file and the tensor.
 */
export function parseSafetensors(bytes: Uint8Array, source: SafetensorsSource = {}): SafetensorsFile {
  const headerLength = readHeaderLength(bytes, bytes.length, source);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + headerLength), bytes.length, source);
  const data = bytes.subarray(header.dataStart);
  const makeTensor = (entry: SafetensorsEntry): Tensor => ({ dtype: entry.dtype, shape: entry.shape, data: data.subarray(entry.begin, entry.end) });
  return {
    header,
    metadata: header.metadata,
    names: header.entries.map((entry) => entry.name),
    has: (name) => header.byName.has(name),
    tensor(name) {
      const entry = header.byName.get(name);
      if (entry === undefined) throw formatError('TensorNotFound', source, name, 'no such tensor in the file');
      return makeTensor(entry);
    },
    *tensors() {
      for (const entry of header.entries) yield [entry.name, makeTensor(entry)];
    },
  };
}

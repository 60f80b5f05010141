import type { SafetensorsDtype } from './dtypes.js';
import { compareForWriting } from './dtypes.js';
import type { SafetensorsEntry } from './header.js';
import { formatError, tensorByteLength } from './header.js';
import type { Tensor } from './tensor.js';

/** A tensor's name, dtype and shape: what the header needs before any data is written. */
export interface TensorDescription {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
}

/** Where everything goes in a file, decided before the first byte is written (so a writer can stream). */
export interface SafetensorsLayout {
  /** The 8-byte little-endian header length followed by the header, padded: the file's first `dataStart` bytes. */
  readonly prefix: Uint8Array;
  /** 8 + N. */
  readonly dataStart: number;
  /** The tensors in the order their bytes follow the header, with their offsets relative to `dataStart`. */
  readonly entries: readonly SafetensorsEntry[];
  /** The file's total length. */
  readonly fileLength: number;
}

/** Tensors to write: a name → tensor record or map, or [name, tensor] pairs. */
export type TensorCollection = Readonly<Record<string, Tensor>> | ReadonlyMap<string, Tensor> | Iterable<readonly [string, Tensor]>;

/**
 * Lays out a file exactly as the reference writer (`safetensors` `prepare()`) does: tensors sorted by dtype
 * alignment, largest first (U64, I64, F64, C64, F32, U32, I32, BF16, F16, U16, I16, F8…, I8, U8, F6…, F4, BOOL),
 * then by name; packed back to back from offset 0; a compact JSON header with `__metadata__` first and the tensors
 * in offset order, each as `{"dtype","shape","data_offsets"}`; padded with spaces to a multiple of 8 bytes, so the
 * data starts 8-aligned and every tensor is naturally aligned.
 *
 * `__metadata__` keys are written in the object's own order; the reference writer keeps them in a Rust `HashMap`,
 * whose order is unspecified when there is more than one key.
 *
 * @throws {SafetensorsFormatError} `DuplicateKey` for a repeated name or a tensor named `__metadata__`,
 *   `ValidationOverflow`/`MisalignedSlice` for a shape that does not make whole bytes.
 */
export function planSafetensorsLayout(tensors: readonly TensorDescription[], metadata?: Readonly<Record<string, string>>): SafetensorsLayout {
  const seen = new Set<string>();
  for (const tensor of tensors) {
    if (tensor.name === '__metadata__') throw formatError('DuplicateKey', {}, tensor.name, 'the name __metadata__ is reserved for the metadata map');
    if (seen.has(tensor.name)) throw formatError('DuplicateKey', {}, tensor.name, 'two tensors have this name');
    seen.add(tensor.name);
  }
  const sorted = tensors.slice().sort(compareForWriting);
  let offset = 0;
  const entries: SafetensorsEntry[] = sorted.map((tensor) => {
    const size = tensorByteLength(tensor.dtype, tensor.shape, { tensor: tensor.name });
    const entry = { name: tensor.name, dtype: tensor.dtype, shape: [...tensor.shape], begin: offset, end: offset + size };
    offset += size;
    return entry;
  });
  return layoutFromEntries(entries, metadata);
}

/**
 * The file prefix (length + header) for entries whose order and offsets are already decided, for example those of
 * an existing file whose tensors are rewritten in place. Offsets must tile 0..end without gaps.
 */
export function layoutFromEntries(entries: readonly SafetensorsEntry[], metadata?: Readonly<Record<string, string>>): SafetensorsLayout {
  // serde_json's compact output equals JSON.stringify's for these values: same escapes (\" \\ \b \f \n \r \t,
  // \u00XX in lowercase hex for other controls), non-ASCII written as is.
  const parts: string[] = [];
  if (metadata !== undefined) parts.push(`"__metadata__":${JSON.stringify(metadata)}`);
  for (const entry of entries) {
    parts.push(`${JSON.stringify(entry.name)}:{"dtype":"${entry.dtype}","shape":[${entry.shape.join(',')}],"data_offsets":[${String(entry.begin)},${String(entry.end)}]}`);
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const prefix = new Uint8Array(8 + headerLength).fill(0x20, 8 + json.length);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(headerLength), true);
  prefix.set(json, 8);
  const dataLength = entries.length === 0 ? 0 : (entries[entries.length - 1]?.end ?? 0);
  return { prefix, dataStart: prefix.length, entries, fileLength: prefix.length + dataLength };
}

/**
 * Serialises tensors into one safetensors file in memory, byte-identical to the reference writer
 * (`safetensors.torch.save_file` / Rust `serialize`) for the same tensors and metadata (see
 * {@link planSafetensorsLayout} for the order and padding).
 *
 * @param tensors - name → tensor; each tensor's `data` must hold exactly shape × dtype bytes.
 * @param options - `metadata`: the `__metadata__` string → string map (PEFT writes `{ format: 'pt' }`).
 * @returns the file's bytes.
 * @throws {SafetensorsFormatError} `TensorInvalidInfo` when a tensor's byte length does not match its shape, and the
 *   layout errors of {@link planSafetensorsLayout}.
 */
export function serializeSafetensors(tensors: TensorCollection, options: { metadata?: Readonly<Record<string, string>> } = {}): Uint8Array {
  const pairs = tensorPairs(tensors);
  const byName = new Map(pairs);
  const layout = planSafetensorsLayout(pairs.map(([name, tensor]) => ({ name, dtype: tensor.dtype, shape: tensor.shape })), options.metadata);
  const output = new Uint8Array(layout.fileLength);
  output.set(layout.prefix, 0);
  for (const entry of layout.entries) {
    const tensor = byName.get(entry.name);
    if (tensor === undefined) continue;
    if (tensor.data.byteLength !== entry.end - entry.begin) {
      throw formatError('TensorInvalidInfo', {}, entry.name, `${entry.dtype} of shape [${entry.shape.join(', ')}] takes ${String(entry.end - entry.begin)} bytes, its data has ${String(tensor.data.byteLength)}`);
    }
    output.set(tensor.data, layout.dataStart + entry.begin);
  }
  return output;
}

function tensorPairs(tensors: TensorCollection): [string, Tensor][] {
  if (tensors instanceof Map) return [...(tensors as ReadonlyMap<string, Tensor>).entries()];
  if (Symbol.iterator in tensors) return [...(tensors as Iterable<readonly [string, Tensor]>)].map(([name, tensor]) => [name, tensor]);
  return Object.entries(tensors);
}

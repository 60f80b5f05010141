import { SafetensorsFormatError } from '../errors.js';
import type { SafetensorsRule } from '../errors.js';
import type { SafetensorsDtype } from './dtypes.js';
import { dtypeBits, isSafetensorsDtype, safetensorsDtypes } from './dtypes.js';
import type { JsonObject, JsonValue } from './header-json.js';
import { JsonNumber, JsonSyntaxError, parseStrictJson } from './header-json.js';

/** The reference reader refuses headers above 100,000,000 bytes (`MAX_HEADER_SIZE`). */
export const maximumHeaderLength = 100_000_000;

/** One tensor as the header describes it; `begin`/`end` are byte offsets relative to the start of the data. */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  /** First byte, relative to the start of the byte buffer (`data_offsets[0]`). */
  readonly begin: number;
  /** One past the last byte, relative to the start of the byte buffer (`data_offsets[1]`). */
  readonly end: number;
}

/** A validated safetensors header. */
export interface SafetensorsHeader {
  /** N, the header's byte length (the u64 at the start of the file), padding included. */
  readonly headerLength: number;
  /** 8 + N: the file offset where the byte buffer starts. */
  readonly dataStart: number;
  /** The byte buffer's length: the file is exactly `dataStart + dataLength` bytes. */
  readonly dataLength: number;
  /** `__metadata__`, a string → string map, or undefined when the header has none (or `null`). */
  readonly metadata: Readonly<Record<string, string>> | undefined;
  /** Every tensor, in file (offset) order. */
  readonly entries: readonly SafetensorsEntry[];
  /** The same entries by name. */
  readonly byName: ReadonlyMap<string, SafetensorsEntry>;
}

/** Where the bytes come from, for error messages. */
export interface SafetensorsSource {
  /** A path or name that error messages start with. */
  readonly file?: string | undefined;
}

/**
 * Reads N from the first 8 bytes and checks it against the file's length, as the reference reader does first.
 *
 * @param prefix - the file's first bytes (at least 8 unless the file is shorter).
 * @param fileLength - the file's total length in bytes.
 * @returns N, the header length.
 * @throws {SafetensorsFormatError} `HeaderTooSmall` (fewer than 8 bytes), `HeaderTooLarge` (N > 100,000,000) or
 *   `InvalidHeaderLength` (8 + N past the end of the file).
 */
export function readHeaderLength(prefix: Uint8Array, fileLength: number, source: SafetensorsSource = {}): number {
  if (fileLength < 8 || prefix.length < 8) {
    throw formatError('HeaderTooSmall', source, undefined, `a safetensors file starts with an 8-byte header length; the file has only ${String(fileLength)} bytes`);
  }
  const view = new DataView(prefix.buffer, prefix.byteOffset, 8);
  const length = view.getBigUint64(0, true);
  if (length > BigInt(maximumHeaderLength)) {
    throw formatError('HeaderTooLarge', source, undefined, `header length is ${length.toString()} bytes, expected at most ${String(maximumHeaderLength)} (the reference reader's limit)`);
  }
  const headerLength = Number(length);
  if (8 + headerLength > fileLength) {
    throw formatError(
      'InvalidHeaderLength',
      source,
      undefined,
      `header length says the header ends at byte ${String(8 + headerLength)}, but the file has only ${String(fileLength)} bytes (truncated file or not safetensors)`,
    );
  }
  return headerLength;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Parses and validates a header the way the reference reader (`SafeTensors::read_metadata` + `Metadata::validate`)
 * does, plus a duplicate-key check:
 * UTF-8; valid JSON (leading and trailing whitespace allowed, so the writer's space padding is fine); a top-level
 * object; `__metadata__` a string → string map (or null); every other key a tensor with a known `dtype` string, a
 * `shape` of non-negative integers and `data_offsets` of exactly two non-negative integers (`2.0`, `1e3` and
 * negatives are refused, as serde refuses them for `usize`; unknown extra fields in a tensor are ignored, as serde
 * ignores them); tensors sorted by offset must tile the buffer from 0 with no gap and no overlap; each tensor's
 * byte size must be shape × bits / 8 (whole bytes, no overflow); and the buffer must end exactly at the end of the
 * file.
 *
 * @param headerBytes - the N header bytes (after the 8-byte length).
 * @param fileLength - the whole file's length, to check that the data ends exactly at the end of the file.
 * @throws {SafetensorsFormatError} naming the rule (`rule`), the file and the tensor.
 */
export function parseSafetensorsHeader(headerBytes: Uint8Array, fileLength: number, source: SafetensorsSource = {}): SafetensorsHeader {
  const headerLength = headerBytes.length;
  let text: string;
  try {
    text = utf8.decode(headerBytes);
  } catch {
    throw formatError('InvalidHeader', source, undefined, `the ${String(headerLength)}-byte header is not valid UTF-8`);
  }
  let json: JsonValue;
  try {
    json = parseStrictJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      if (error.kind === 'duplicate-key') throw formatError('DuplicateKey', source, undefined, `the header has a ${error.message}; the format forbids duplicate keys`);
      throw formatError('InvalidHeaderDeserialization', source, undefined, `header is not valid JSON: ${error.message}`);
    }
    throw error;
  }
  if (!(json instanceof Map)) {
    throw formatError('InvalidHeaderDeserialization', source, undefined, `header must be a JSON object, found ${describeJson(json)}`);
  }

  let metadata: Record<string, string> | undefined;
  const unsorted: SafetensorsEntry[] = [];
  for (const [name, value] of json) {
    if (name === '__metadata__') {
      metadata = readMetadata(value, source);
      continue;
    }
    unsorted.push(readEntry(name, value, source));
  }

  // The reference sorts by (begin, end) and then requires each tensor to start where the previous one ended.
  const entries = unsorted.slice().sort((left, right) => left.begin - right.begin || left.end - right.end);
  let expectedBegin = 0;
  for (const entry of entries) {
    if (entry.begin !== expectedBegin || entry.end < entry.begin) {
      const what =
        entry.end < entry.begin
          ? `data_offsets [${String(entry.begin)}, ${String(entry.end)}] end before they begin`
          : entry.begin < expectedBegin
            ? `data_offsets [${String(entry.begin)}, ${String(entry.end)}] overlap the previous tensor, which ends at ${String(expectedBegin)}`
            : `data_offsets [${String(entry.begin)}, ${String(entry.end)}] leave a gap: expected the tensor to begin at ${String(expectedBegin)}`;
      throw formatError('InvalidOffset', source, entry.name, what);
    }
    expectedBegin = entry.end;
    checkByteSize(entry, source);
  }

  const dataStart = 8 + headerLength;
  if (dataStart + expectedBegin !== fileLength) {
    const what =
      dataStart + expectedBegin > fileLength
        ? `the tensors need ${String(expectedBegin)} data bytes after the ${String(dataStart)}-byte header, but the file has only ${String(fileLength - dataStart)} (truncated file)`
        : `the tensors cover ${String(expectedBegin)} data bytes, but ${String(fileLength - dataStart)} follow the header (${String(fileLength - dataStart - expectedBegin)} trailing bytes not described by the header)`;
    throw formatError('MetadataIncompleteBuffer', source, undefined, what);
  }
  return {
    headerLength,
    dataStart,
    dataLength: expectedBegin,
    metadata,
    entries,
    byName: new Map(entries.map((entry) => [entry.name, entry])),
  };
}

/**
 * The number of elements of a shape (1 for `[]`), or undefined when it is not a safe integer.
 */
export function shapeElementCount(shape: readonly number[]): number | undefined {
  let count = 1;
  for (const dimension of shape) {
    count *= dimension;
    if (!Number.isSafeInteger(count)) return undefined;
  }
  return count;
}

/**
 * The byte size of a tensor: elements × bits / 8.
 *
 * @throws {SafetensorsFormatError} `ValidationOverflow` when the size is not a safe integer, `MisalignedSlice` when
 *   it is not a whole number of bytes (an odd number of F4 elements, for instance).
 */
export function tensorByteLength(dtype: SafetensorsDtype, shape: readonly number[], context: SafetensorsSource & { tensor?: string } = {}): number {
  const elements = shapeElementCount(shape);
  const bits = elements === undefined ? undefined : elements * dtypeBits(dtype);
  if (bits === undefined || !Number.isSafeInteger(bits)) {
    throw formatError('ValidationOverflow', context, context.tensor, `shape [${shape.join(', ')}] × ${dtype} is too large to address (above 2^53 bits)`);
  }
  if (bits % 8 !== 0) {
    throw formatError('MisalignedSlice', context, context.tensor, `shape [${shape.join(', ')}] of ${dtype} (${String(dtypeBits(dtype))} bits each) is ${String(bits)} bits, not a whole number of bytes`);
  }
  return bits / 8;
}

function checkByteSize(entry: SafetensorsEntry, source: SafetensorsSource): void {
  const expected = tensorByteLength(entry.dtype, entry.shape, { ...source, tensor: entry.name });
  const found = entry.end - entry.begin;
  if (expected !== found) {
    throw formatError(
      'TensorInvalidInfo',
      source,
      entry.name,
      `${entry.dtype} of shape [${entry.shape.join(', ')}] takes ${String(expected)} bytes, but data_offsets [${String(entry.begin)}, ${String(entry.end)}] span ${String(found)}`,
    );
  }
}

function readMetadata(value: JsonValue, source: SafetensorsSource): Record<string, string> | undefined {
  if (value === null) return undefined;
  if (!(value instanceof Map)) {
    throw formatError('InvalidHeaderDeserialization', source, undefined, `__metadata__ must be an object of strings, found ${describeJson(value)}`);
  }
  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, item] of value) {
    if (typeof item !== 'string') {
      throw formatError('InvalidHeaderDeserialization', source, undefined, `__metadata__ values must be strings (a string → string map), found ${describeJson(item)} for key ${JSON.stringify(key)}`);
    }
    metadata[key] = item;
  }
  return metadata;
}

function readEntry(name: string, value: JsonValue, source: SafetensorsSource): SafetensorsEntry {
  const fail = (what: string): never => {
    throw formatError('InvalidHeaderDeserialization', source, name, what);
  };
  if (!(value instanceof Map)) return fail(`expected an object with dtype, shape and data_offsets, found ${describeJson(value)}`);
  const entry: JsonObject = value;
  const dtype = entry.get('dtype');
  if (dtype === undefined) return fail('missing field "dtype"');
  if (typeof dtype !== 'string') return fail(`"dtype" must be a string, found ${describeJson(dtype)}`);
  if (!isSafetensorsDtype(dtype)) return fail(`unknown dtype ${JSON.stringify(dtype)}; expected one of ${safetensorsDtypes.join(', ')}`);
  const shape = entry.get('shape');
  if (shape === undefined) return fail('missing field "shape"');
  if (!Array.isArray(shape)) return fail(`"shape" must be an array of non-negative integers, found ${describeJson(shape)}`);
  const dimensions = shape.map((dimension, index) => {
    const integer = dimension instanceof JsonNumber ? dimension.safeUnsignedInteger : undefined;
    if (integer === undefined) return fail(`shape[${String(index)}] must be a non-negative integer below 2^53, found ${describeJson(dimension)}`);
    return integer;
  });
  const offsets = entry.get('data_offsets');
  if (offsets === undefined) return fail('missing field "data_offsets"');
  if (!Array.isArray(offsets) || offsets.length !== 2) return fail(`"data_offsets" must be [begin, end], found ${describeJson(offsets)}`);
  const [begin, end] = offsets.map((offset, index) => {
    const integer = offset instanceof JsonNumber ? offset.safeUnsignedInteger : undefined;
    if (integer === undefined) return fail(`data_offsets[${String(index)}] must be a non-negative integer below 2^53, found ${describeJson(offset)}`);
    return integer;
  }) as [number, number];
  return { name, dtype, shape: dimensions, begin, end };
}

function describeJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (value instanceof JsonNumber) return `the number ${value.text}`;
  if (value instanceof Map) return 'an object';
  if (Array.isArray(value)) return `an array of ${String(value.length)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return String(value);
}

/** Builds the error with a message that starts with the file and the tensor. */
export function formatError(rule: SafetensorsRule, source: SafetensorsSource, tensor: string | undefined, what: string): SafetensorsFormatError {
  const where = source.file ?? 'safetensors data';
  const subject = tensor === undefined ? '' : `tensor ${JSON.stringify(tensor)}: `;
  return new SafetensorsFormatError(rule, `${where}: ${subject}${what} [${rule}]`, { file: source.file, tensor });
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SafetensorsFormatError,
  isZeroCopyViewable,
  parseSafetensors,
  planSafetensorsLayout,
  serializeSafetensors,
  tensorFromTypedArray,
  tensorView,
} from '@benchline/lora';
import type { SafetensorsRule, Tensor } from '@benchline/lora';
import { handMadeSafetensors, loraReferenceAvailable, loraReferenceFolder, realAdapterNames } from './safetensors-test-helpers.js';

function rejection(bytes: Uint8Array, file = 'broken.safetensors'): SafetensorsFormatError {
  try {
    parseSafetensors(bytes, { file });
  } catch (error) {
    if (error instanceof SafetensorsFormatError) return error;
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

const f32 = (shape: number[], begin: number, end: number): string => JSON.stringify({ dtype: 'F32', shape, data_offsets: [begin, end] });

describe('safetensors reader: every validation rule of the reference reader', () => {
  const cases: [string, Uint8Array, SafetensorsRule, string | undefined, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array([1, 2, 3]), 'HeaderTooSmall', undefined, /only 3 bytes/],
    ['a header length above 100,000,000', (() => { const bytes = new Uint8Array(16); new DataView(bytes.buffer).setBigUint64(0, 100_000_001n, true); return bytes; })(), 'HeaderTooLarge', undefined, /100000001 bytes, expected at most 100000000/],
    ['a header longer than the file', new Uint8Array([0xff, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7d]), 'InvalidHeaderLength', undefined, /ends at byte 263, but the file has only 10 bytes/],
    ['a header length of 2^64 − 1', new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255, 0x7b, 0x7d]), 'HeaderTooLarge', undefined, /18446744073709551615/],
    ['a header that is not UTF-8', handMadeSafetensors('{"\xff":1}', 0).map((byte, index) => (index === 10 ? 0xff : byte)), 'InvalidHeader', undefined, /not valid UTF-8/],
    ['invalid JSON', handMadeSafetensors('{"a": {"dtype": "F32",', 0), 'InvalidHeaderDeserialization', undefined, /not valid JSON: .*at character 22 \(line 1, column 23\)/],
    ['a header that is a JSON array', handMadeSafetensors('[]', 0), 'InvalidHeaderDeserialization', undefined, /must be a JSON object, found an array/],
    ['an unknown dtype', handMadeSafetensors('{"w":{"dtype":"F33","shape":[1],"data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /unknown dtype "F33"; expected one of BOOL, F4/],
    ['a lower-case dtype', handMadeSafetensors('{"w":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /unknown dtype "f32"/],
    ['a dtype that is not a string', handMadeSafetensors('{"w":{"dtype":32,"shape":[1],"data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /"dtype" must be a string, found the number 32/],
    ['a missing shape', handMadeSafetensors('{"w":{"dtype":"F32","data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /missing field "shape"/],
    ['a fractional dimension', handMadeSafetensors('{"w":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /shape\[0\] must be a non-negative integer below 2\^53, found the number 1.0/],
    ['an exponent in an offset', handMadeSafetensors('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4e0]}}', 4), 'InvalidHeaderDeserialization', 'w', /data_offsets\[1\] must be a non-negative integer/],
    ['a negative offset', handMadeSafetensors('{"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}}', 4), 'InvalidHeaderDeserialization', 'w', /found the number -4/],
    ['a dimension above 2^53', handMadeSafetensors('{"w":{"dtype":"F32","shape":[9007199254740993],"data_offsets":[0,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /9007199254740993/],
    ['three data offsets', handMadeSafetensors('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,4]}}', 4), 'InvalidHeaderDeserialization', 'w', /must be \[begin, end\], found an array of 3/],
    ['a tensor entry that is not an object', handMadeSafetensors('{"w":[0,4]}', 4), 'InvalidHeaderDeserialization', 'w', /expected an object with dtype, shape and data_offsets/],
    ['a metadata value that is not a string', handMadeSafetensors('{"__metadata__":{"a":1}}', 0), 'InvalidHeaderDeserialization', undefined, /__metadata__ values must be strings .* found the number 1 for key "a"/],
    ['metadata that is a string', handMadeSafetensors('{"__metadata__":"pt"}', 0), 'InvalidHeaderDeserialization', undefined, /__metadata__ must be an object of strings/],
    ['a duplicate tensor name', handMadeSafetensors(`{"w":${f32([1], 0, 4)},"w":${f32([1], 0, 4)}}`, 4), 'DuplicateKey', undefined, /the header has a duplicate key "w" at character 54 \(line 1, column 55\); the format forbids duplicate keys/],
    ['a duplicate field inside a tensor', handMadeSafetensors('{"w":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}', 4), 'DuplicateKey', undefined, /duplicate key "dtype"/],
    ['overlapping offsets', handMadeSafetensors(`{"a":${f32([2], 0, 8)},"b":${f32([2], 0, 8)}}`, 8), 'InvalidOffset', 'b', /data_offsets \[0, 8\] overlap the previous tensor, which ends at 8/],
    ['a gap before the first tensor', handMadeSafetensors(`{"a":${f32([2], 4, 12)}}`, 12), 'InvalidOffset', 'a', /leave a gap: expected the tensor to begin at 0/],
    ['a gap between tensors', handMadeSafetensors(`{"a":${f32([1], 0, 4)},"b":${f32([1], 8, 12)}}`, 12), 'InvalidOffset', 'b', /expected the tensor to begin at 4/],
    ['offsets that end before they begin', handMadeSafetensors(`{"a":${f32([0], 0, 0)},"b":${f32([1], 0, 4)},"c":${f32([0], 4, 0)}}`, 4), 'InvalidOffset', 'c', /end before they begin/],
    ['a byte size that is not shape × dtype', handMadeSafetensors('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,4]}}', 4), 'TensorInvalidInfo', 'test', /I32 of shape \[2, 2\] takes 16 bytes, but data_offsets \[0, 4\] span 4/],
    ['an odd number of packed 4-bit floats', handMadeSafetensors('{"q":{"dtype":"F4","shape":[3],"data_offsets":[0,2]}}', 2), 'MisalignedSlice', 'q', /is 12 bits, not a whole number of bytes/],
    ['a shape too large to address', handMadeSafetensors('{"huge":{"dtype":"F64","shape":[67108864,67108864,4],"data_offsets":[0,8]}}', 8), 'ValidationOverflow', 'huge', /too large to address/],
    ['trailing bytes after the last tensor (a polyglot file)', handMadeSafetensors('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', 16, new TextEncoder().encode('extra')), 'MetadataIncompleteBuffer', undefined, /cover 16 data bytes, but 21 follow the header \(5 trailing bytes/],
    ['a truncated data buffer', handMadeSafetensors('{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}', 14), 'MetadataIncompleteBuffer', undefined, /need 16 data bytes .* only 14 \(truncated file\)/],
  ];

  it.each(cases)('rejects %s', (...[, bytes, rule, tensor, message]) => {
    const error = rejection(bytes);
    expect(error.rule).toBe(rule);
    expect(error.file).toBe('broken.safetensors');
    expect(error.tensor).toBe(tensor);
    expect(error.message.startsWith('broken.safetensors: ')).toBe(true);
    expect(error.message).toMatch(message);
    expect(error.message.endsWith(`[${rule}]`)).toBe(true);
  });

  it('names a missing tensor', () => {
    const file = parseSafetensors(handMadeSafetensors(`{"a":${f32([1], 0, 4)}}`, 4), { file: 'model.safetensors' });
    expect(() => file.tensor('b')).toThrow('model.safetensors: tensor "b": no such tensor in the file [TensorNotFound]');
  });

  it('accepts what the reference accepts: whitespace around the JSON, null metadata, extra fields, zero-size and rank-0 tensors', () => {
    const header = ` \t\n{"__metadata__": null, "e": {"dtype": "F16", "shape": [0, 5], "data_offsets": [4, 4]}, "s": {"dtype": "F32", "shape": [], "data_offsets": [0, 4], "note": "ignored"}, "q": {"dtype": "F4", "shape": [2, 3], "data_offsets": [4, 7]}}\r\n   `;
    const bytes = handMadeSafetensors(header, 7);
    new DataView(bytes.buffer).setFloat32(bytes.length - 7, 2.5, true);
    const file = parseSafetensors(bytes);
    expect(file.metadata).toBeUndefined();
    expect(file.names).toEqual(['s', 'e', 'q']);
    expect(tensorView(file.tensor('s') as Tensor & { dtype: 'F32' })[0]).toBe(2.5);
    expect(file.tensor('e').data.length).toBe(0);
    expect(file.tensor('q').data.length).toBe(3);
    expect(parseSafetensors(handMadeSafetensors('{}', 0)).names).toEqual([]);
  });
});

describe('safetensors writer: the reference writer\'s exact bytes', () => {
  const float32Bytes = (values: number[]): Uint8Array => new Uint8Array(Float32Array.from(values).buffer);

  // Expected bytes copied from the reference implementation's own tests (safetensors/src/tensor.rs:
  // test_serialization, test_empty, test_serialization_forced_alignement).
  it('matches test_serialization: one F32 tensor [1, 2, 3], a header already a multiple of 8', () => {
    const bytes = serializeSafetensors({ 'attn.0': { dtype: 'F32', shape: [1, 2, 3], data: float32Bytes([0, 1, 2, 3, 4, 5]) } });
    expect([...bytes]).toEqual([
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44,
      50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0,
      128, 64, 0, 0, 160, 64,
    ]);
  });

  it('matches test_serialization_forced_alignement: the header padded with spaces to a multiple of 8', () => {
    const bytes = serializeSafetensors({ attn0: { dtype: 'F32', shape: [1, 1, 2, 3], data: float32Bytes([0, 1, 2, 3, 4, 5]) } });
    expect([...bytes]).toEqual([
      72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 49, 44,
      50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32, 32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0,
      0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
    const view = tensorView(parseSafetensors(bytes).tensor('attn0') as Tensor & { dtype: 'F32' });
    expect(view.byteOffset % 4).toBe(0);
    expect(view.buffer).toBe(bytes.buffer);
  });

  it('matches test_empty: no tensors, with and without metadata', () => {
    expect([...serializeSafetensors({})]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    expect([...serializeSafetensors({}, { metadata: { framework: 'pt' } })]).toEqual([
      40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112, 116, 34, 125, 125,
      32, 32, 32, 32, 32,
    ]);
  });

  it('orders tensors by dtype alignment (largest first), then by name, so each is naturally aligned', () => {
    const tensors: Record<string, Tensor> = {
      'z.u8': { dtype: 'U8', shape: [3], data: new Uint8Array(3) },
      'a.bf16': { dtype: 'BF16', shape: [3], data: new Uint8Array(6) },
      'b.f64': { dtype: 'F64', shape: [1], data: new Uint8Array(8) },
      'a.f32': { dtype: 'F32', shape: [1], data: new Uint8Array(4) },
      'c.f32': { dtype: 'F32', shape: [2], data: new Uint8Array(8) },
      'a.u64': { dtype: 'U64', shape: [1], data: new Uint8Array(8) },
      'm.bool': { dtype: 'BOOL', shape: [1], data: new Uint8Array(1) },
      'e.i16': { dtype: 'I16', shape: [1], data: new Uint8Array(2) },
      'f.c64': { dtype: 'C64', shape: [1], data: new Uint8Array(8) },
    };
    const file = parseSafetensors(serializeSafetensors(tensors));
    expect(file.names).toEqual(['a.u64', 'b.f64', 'f.c64', 'a.f32', 'c.f32', 'a.bf16', 'e.i16', 'z.u8', 'm.bool']);
    for (const entry of file.header.entries) expect((file.header.dataStart + entry.begin) % Math.max(1, Math.min(8, (entry.end - entry.begin) / Math.max(1, entry.shape[0] ?? 1)))).toBe(0);
  });

  it('refuses duplicate names, the reserved name __metadata__ and data of the wrong length', () => {
    const tensor: Tensor = { dtype: 'F32', shape: [1], data: new Uint8Array(4) };
    expect(() => planSafetensorsLayout([{ name: 'w', dtype: 'F32', shape: [1] }, { name: 'w', dtype: 'F16', shape: [1] }])).toThrow('tensor "w": two tensors have this name [DuplicateKey]');
    expect(() => serializeSafetensors({ __metadata__: tensor })).toThrow('reserved for the metadata map');
    expect(() => serializeSafetensors({ w: { dtype: 'F32', shape: [2], data: new Uint8Array(4) } })).toThrow('tensor "w": F32 of shape [2] takes 8 bytes, its data has 4 [TensorInvalidInfo]');
  });
});

describe('zero-copy views', () => {
  it('views aligned data in place and copies misaligned data', () => {
    const values = Float32Array.from([1.5, -2, 3.25]);
    const bytes = serializeSafetensors({ w: tensorFromTypedArray('F32', [3], values) });
    const aligned = parseSafetensors(bytes).tensor('w') as Tensor & { dtype: 'F32' };
    expect(isZeroCopyViewable(aligned)).toBe(true);
    const view = tensorView(aligned);
    view[0] = 7;
    expect(new DataView(bytes.buffer).getFloat32(bytes.length - 12, true)).toBe(7);

    // The same file one byte into a larger buffer: the tensor's first byte is no longer 4-aligned.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const misaligned = parseSafetensors(shifted.subarray(1)).tensor('w') as Tensor & { dtype: 'F32' };
    expect(isZeroCopyViewable(misaligned)).toBe(false);
    const copy = tensorView(misaligned);
    expect([...copy]).toEqual([7, -2, 3.25]);
    expect(copy.buffer).not.toBe(shifted.buffer);
  });
});

describe.skipIf(!loraReferenceAvailable())('reference files (../shared/reference/lora)', () => {
  const files = ['ref/dtypes.safetensors', 'ref/ref.safetensors', ...realAdapterNames.map((name) => `adapters/${name}/adapter_model.safetensors`)];

  it.each(files)('%s: reads and writes back byte for byte', (relative) => {
    const original = new Uint8Array(readFileSync(join(loraReferenceFolder, relative)));
    const file = parseSafetensors(original, { file: relative });
    expect(file.names.length).toBeGreaterThan(0);
    const rewritten = serializeSafetensors(file.tensors(), file.metadata === undefined ? {} : { metadata: file.metadata });
    expect(rewritten.length).toBe(original.length);
    expect(Buffer.compare(Buffer.from(rewritten), Buffer.from(original))).toBe(0);
  });

  it('dtypes.safetensors: every dtype, the rank-0 and empty tensors, the metadata', () => {
    const file = parseSafetensors(new Uint8Array(readFileSync(join(loraReferenceFolder, 'ref/dtypes.safetensors'))));
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.header.headerLength).toBe(880);
    expect(file.names).toEqual(['ints.i64', 'mat.f64', 'edge.f32', 'empty.f32', 'mat.f32', 'scalar.f32', 'ints.i32', 'edge.bf16', 'mat.bf16', 'edge.f16', 'mat.f16', 'bytes.u8', 'mask.bool']);
    const reference = JSON.parse(readFileSync(join(loraReferenceFolder, 'ref/dtypes.json'), 'utf8')) as { rows: { f32_bits: string }[]; mat_f32: { data: number[] } };
    const edge = tensorView(file.tensor('edge.f32') as Tensor & { dtype: 'F32' });
    expect([...new Uint32Array(edge.buffer, edge.byteOffset, edge.length)]).toEqual(reference.rows.map((row) => Number(row.f32_bits)));
    const matrix = tensorView(file.tensor('mat.f64') as Tensor & { dtype: 'F64' });
    expect([...matrix]).toEqual(reference.mat_f32.data);
    const scalar = file.tensor('scalar.f32');
    expect(scalar.shape).toEqual([]);
    expect(tensorView(scalar as Tensor & { dtype: 'F32' })[0]).toBe(2.5);
    expect(file.tensor('empty.f32')).toMatchObject({ shape: [0, 3] });
    expect(file.tensor('empty.f32').data.length).toBe(0);
    expect(tensorView(file.tensor('ints.i64') as Tensor & { dtype: 'I64' })[2]).toBe(2n ** 40n);
    expect(file.tensor('mask.bool')).toMatchObject({ dtype: 'BOOL', shape: [3] });
  });
});

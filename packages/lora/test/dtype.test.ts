import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bfloat16ArrayToFloat32,
  bfloat16BitsToFloat32,
  float16ArrayToFloat32,
  float16BitsToFloat32,
  float32ArrayToBfloat16,
  float32ArrayToFloat16,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  float32ToTensor,
  parseSafetensors,
  tensorToFloat32,
  tensorView,
} from '@benchline/lora';
import type { Tensor } from '@benchline/lora';
import { loraReferenceAvailable, loraReferenceFolder } from './safetensors-test-helpers.js';

interface DtypeRow {
  f32_value: string;
  f32_bits: string;
  f16_bits: string;
  f16_value: string;
  bf16_bits: string;
  bf16_value: string;
}
interface DtypeReference {
  rows: DtypeRow[];
  mat_f32: { data: number[] };
  mat_bf16_bits: number[];
  mat_f16_bits: number[];
}

const float32FromBits = (bits: number): number => new Float32Array(Uint32Array.of(bits).buffer)[0]!;
const parseValue = (text: string): number => (text === 'nan' ? Number.NaN : Number(text.replace('inf', 'Infinity')));

describe.skipIf(!loraReferenceAvailable())('dtype conversions against PyTorch (ref/dtypes.json)', () => {
  const reference = JSON.parse(readFileSync(join(loraReferenceFolder, 'ref/dtypes.json'), 'utf8')) as DtypeReference;
  const rows = reference.rows;
  const finiteOrInfinite = rows.filter((row) => row.f32_value !== 'nan');
  const nanRows = rows.filter((row) => row.f32_value === 'nan');

  it('has the rows this test expects (27 edge cases, one NaN, a 3 × 5 matrix)', () => {
    expect(rows).toHaveLength(27);
    expect(nanRows).toHaveLength(1);
    expect(reference.mat_f32.data).toHaveLength(15);
  });

  it.each(rows.map((row) => [row.f32_value, row] as const))('float32 %s → float16 bits as torch', (_label, row) => {
    expect(float32ToFloat16Bits(float32FromBits(Number(row.f32_bits)))).toBe(Number(row.f16_bits));
  });

  it.each(finiteOrInfinite.map((row) => [row.f32_value, row] as const))('float32 %s → bfloat16 bits as torch', (_label, row) => {
    expect(float32ToBfloat16Bits(float32FromBits(Number(row.f32_bits)))).toBe(Number(row.bf16_bits));
  });

  it('float32 NaN → a bfloat16 NaN (torch 1.13 vectorised gives 0xFFFF, its scalar path 0x7FC0: implementation-defined)', () => {
    for (const row of nanRows) {
      const bits = float32ToBfloat16Bits(float32FromBits(Number(row.f32_bits)));
      expect(Number.isNaN(bfloat16BitsToFloat32(bits))).toBe(true);
      expect(Number.isNaN(bfloat16BitsToFloat32(Number(row.bf16_bits)))).toBe(true);
      expect(bits).toBe(0x7fc0);
    }
  });

  it.each(rows.map((row) => [row.f16_bits, row] as const))('float16 %s → float32 value exactly', (_label, row) => {
    expect(float16BitsToFloat32(Number(row.f16_bits))).toBe(parseValue(row.f16_value));
  });

  it.each(rows.map((row) => [row.bf16_bits, row] as const))('bfloat16 %s → float32 value exactly', (_label, row) => {
    expect(bfloat16BitsToFloat32(Number(row.bf16_bits))).toBe(parseValue(row.bf16_value));
  });

  it('array conversions give the same bits on the edge rows and the matrix', () => {
    const edge = Float32Array.from(rows, (row) => float32FromBits(Number(row.f32_bits)));
    expect([...float32ArrayToFloat16(edge)]).toEqual(rows.map((row) => Number(row.f16_bits)));
    const bfloat16 = float32ArrayToBfloat16(edge);
    rows.forEach((row, index) => {
      if (row.f32_value !== 'nan') expect(bfloat16[index]).toBe(Number(row.bf16_bits));
    });
    const matrix = Float32Array.from(reference.mat_f32.data);
    expect([...float32ArrayToBfloat16(matrix)]).toEqual(reference.mat_bf16_bits);
    expect([...float32ArrayToFloat16(matrix)]).toEqual(reference.mat_f16_bits);
    expect([...float16ArrayToFloat32(Uint16Array.from(reference.mat_f16_bits))]).toEqual(reference.mat_f16_bits.map((bits) => float16BitsToFloat32(bits)));
    expect([...bfloat16ArrayToFloat32(Uint16Array.from(reference.mat_bf16_bits))]).toEqual(reference.mat_bf16_bits.map((bits) => bfloat16BitsToFloat32(bits)));
  });

  it('decodes the F16 and BF16 tensors torch wrote in dtypes.safetensors to the values in dtypes.json', () => {
    const file = parseSafetensors(new Uint8Array(readFileSync(join(loraReferenceFolder, 'ref/dtypes.safetensors'))));
    const asF16 = tensorToFloat32(file.tensor('edge.f16'));
    const asBf16 = tensorToFloat32(file.tensor('edge.bf16'));
    rows.forEach((row, index) => {
      expect(Object.is(asF16[index], parseValue(row.f16_value)) || (Number.isNaN(asF16[index]) && row.f16_value === 'nan')).toBe(true);
      expect(Object.is(asBf16[index], parseValue(row.bf16_value)) || (Number.isNaN(asBf16[index]) && row.bf16_value === 'nan')).toBe(true);
    });
    expect([...tensorView(file.tensor('mat.bf16') as Tensor & { dtype: 'BF16' })]).toEqual(reference.mat_bf16_bits);
    expect([...tensorView(file.tensor('mat.f16') as Tensor & { dtype: 'F16' })]).toEqual(reference.mat_f16_bits);
    // And encoding the F32 matrix reproduces torch's F16/BF16 tensors byte for byte.
    const matrix = tensorToFloat32(file.tensor('mat.f32'));
    expect(float32ToTensor(matrix, 'BF16', [3, 5]).data).toEqual(file.tensor('mat.bf16').data);
    expect(float32ToTensor(matrix, 'F16', [3, 5]).data).toEqual(file.tensor('mat.f16').data);
  });
});

/**
 * An independent oracle: every finite float16 (or bfloat16) value, sorted, and the nearest one to x by exact
 * float64 arithmetic with ties to the even bit pattern. It shares no code with the conversions under test.
 */
function nearestOracle(decode: (bits: number) => number, maxFiniteBits: number, overflowAt: number): (x: number) => number {
  const positives: { value: number; bits: number }[] = [];
  for (let bits = 0; bits <= maxFiniteBits; bits++) positives.push({ value: decode(bits), bits });
  return (x: number): number => {
    const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
    const magnitude = Math.abs(x);
    if (magnitude >= overflowAt) return sign | (maxFiniteBits + 1);
    let low = 0;
    let high = positives.length - 1;
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (positives[middle]!.value <= magnitude) low = middle;
      else high = middle;
    }
    const below = positives[low]!;
    const above = positives[high]!;
    if (magnitude <= below.value) return sign | below.bits;
    const distanceBelow = magnitude - below.value;
    const distanceAbove = above.value - magnitude;
    if (distanceBelow < distanceAbove) return sign | below.bits;
    if (distanceAbove < distanceBelow) return sign | above.bits;
    return sign | ((below.bits & 1) === 0 ? below.bits : above.bits);
  };
}

function decodeHalf(bits: number): number {
  const exponent = (bits >> 10) & 31;
  const mantissa = bits & 1023;
  return exponent === 0 ? mantissa * 2 ** -24 : (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function decodeBrain(bits: number): number {
  const exponent = (bits >> 7) & 255;
  const mantissa = bits & 127;
  return exponent === 0 ? mantissa * 2 ** -133 : (1 + mantissa / 128) * 2 ** (exponent - 127);
}

describe('dtype conversions: exhaustive and randomised checks against an independent oracle', () => {
  // Overflow thresholds: halfway between the largest finite value and the next power of two.
  const halfOracle = nearestOracle(decodeHalf, 0x7bff, 65520);
  const brainOracle = nearestOracle(decodeBrain, 0x7f7f, (1 + 255 / 256) * 2 ** 127);

  it('every float16 and bfloat16 bit pattern decodes to the value the format defines, and re-encodes to itself', () => {
    const all = new Uint16Array(65536).map((_value, index) => index);
    const halves = float16ArrayToFloat32(all);
    const brains = bfloat16ArrayToFloat32(all);
    const backToHalf = float32ArrayToFloat16(halves);
    const backToBrain = float32ArrayToBfloat16(brains);
    // Plain loops collecting failures, one assertion at the end: 65,536 × 4 expect() calls would be slow.
    const failures: string[] = [];
    for (let bits = 0; bits < 65536; bits++) {
      const sign = bits & 0x8000 ? -1 : 1;
      const halfExponent = (bits >> 10) & 31;
      const brainExponent = (bits >> 7) & 255;
      const halfOk = halfExponent === 31 ? ((bits & 1023) === 0 ? halves[bits] === sign * Infinity : Number.isNaN(halves[bits])) : Object.is(halves[bits], sign * decodeHalf(bits & 0x7fff));
      const brainOk = brainExponent === 255 ? ((bits & 127) === 0 ? brains[bits] === sign * Infinity : Number.isNaN(brains[bits])) : Object.is(brains[bits], sign * decodeBrain(bits & 0x7fff));
      const halfBack = Number.isNaN(halves[bits]) ? Number.isNaN(float16BitsToFloat32(backToHalf[bits]!)) : backToHalf[bits] === bits;
      const brainBack = Number.isNaN(brains[bits]) ? Number.isNaN(bfloat16BitsToFloat32(backToBrain[bits]!)) : backToBrain[bits] === bits;
      if (!(halfOk && brainOk && halfBack && brainBack)) failures.push(`0x${bits.toString(16)}: ${String([halfOk, brainOk, halfBack, brainBack])}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('rounds 200,000 random float32 patterns and every exact tie to nearest, ties to even, as the oracle does', () => {
    let state = 0x9e3779b9;
    const next = (): number => {
      // xorshift32: deterministic and independent of the code under test.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    const patterns = new Uint32Array(200_000 + 2 * 65536);
    for (let index = 0; index < 200_000; index++) {
      const bits = next();
      patterns[index] = ((bits >>> 23) & 0xff) === 0xff ? bits & 0xff7fffff : bits; // finite only
    }
    // Exact ties: half-way between consecutive bfloat16 values (bit 15 set, lower bits clear), and the same for float16
    // around each of its normal and subnormal steps.
    for (let bits = 0; bits < 65536; bits++) {
      const exponent = (bits >> 7) & 255;
      patterns[200_000 + bits] = exponent === 255 ? 0 : ((bits << 16) | 0x8000) >>> 0;
      const halfValue = decodeHalf(bits & 0x7bff);
      const step = (bits & 0x7bff) >> 10 === 0 ? 2 ** -24 : 2 ** (((bits & 0x7bff) >> 10) - 25);
      const tie = new Float32Array([(bits & 0x8000 ? -1 : 1) * (halfValue + step / 2)]);
      patterns[200_000 + 65536 + bits] = new Uint32Array(tie.buffer)[0]!;
    }
    const values = new Float32Array(patterns.buffer);
    const halves = float32ArrayToFloat16(values);
    const brains = float32ArrayToBfloat16(values);
    let halfMismatches = 0;
    let brainMismatches = 0;
    for (let index = 0; index < values.length; index++) {
      if (halves[index] !== halfOracle(values[index]!)) halfMismatches++;
      if (brains[index] !== brainOracle(values[index]!)) brainMismatches++;
    }
    expect(halfMismatches).toBe(0);
    expect(brainMismatches).toBe(0);
  });
});

describe('tensorToFloat32 and float32ToTensor', () => {
  const bytesTensor = (dtype: Tensor['dtype'], bytes: number[]): Tensor => ({ dtype, shape: [bytes.length], data: Uint8Array.from(bytes) });

  it('decodes the 8-bit float formats by their definitions (OCP FP8: E4M3 max 448, E5M2 max 57344; FNUZ 0x80 = NaN)', () => {
    expect([...tensorToFloat32(bytesTensor('F8_E4M3', [0x00, 0x38, 0x7e, 0xfe, 0x01, 0x80]))]).toEqual([0, 1, 448, -448, 2 ** -9, -0]);
    expect(Number.isNaN(tensorToFloat32(bytesTensor('F8_E4M3', [0x7f]))[0])).toBe(true);
    expect([...tensorToFloat32(bytesTensor('F8_E5M2', [0x3c, 0x7b, 0x7c, 0xfc, 0x01]))]).toEqual([1, 57344, Infinity, -Infinity, 2 ** -16]);
    expect(Number.isNaN(tensorToFloat32(bytesTensor('F8_E4M3FNUZ', [0x80]))[0])).toBe(true);
    expect([...tensorToFloat32(bytesTensor('F8_E4M3FNUZ', [0x40, 0x7f]))]).toEqual([1, 240]);
    expect([...tensorToFloat32(bytesTensor('F8_E5M2FNUZ', [0x40, 0x7f]))]).toEqual([1, 57344]);
    expect([...tensorToFloat32(bytesTensor('F8_E8M0', [127, 0, 254]))]).toEqual([1, 2 ** -127, 2 ** 127]);
  });

  it('widens integers and booleans, and refuses complex and packed sub-byte types', () => {
    expect([...tensorToFloat32(bytesTensor('I8', [0xff, 0x7f]))]).toEqual([-1, 127]);
    expect([...tensorToFloat32(bytesTensor('BOOL', [0, 1, 2]))]).toEqual([0, 1, 1]);
    expect([...tensorToFloat32({ dtype: 'I64', shape: [2], data: new Uint8Array(BigInt64Array.of(-5n, 2n ** 40n).buffer) })]).toEqual([-5, 2 ** 40]);
    expect(() => tensorToFloat32(bytesTensor('F4', [1]))).toThrow('cannot convert a F4 tensor to float32');
    expect(() => tensorToFloat32({ dtype: 'C64', shape: [1], data: new Uint8Array(8) })).toThrow('cannot convert a C64 tensor to float32 (complex and packed sub-byte types');
  });

  it('returns a view of aligned F32 data unless a copy is asked for', () => {
    const values = Float32Array.of(1, 2);
    const tensor = float32ToTensor(values, 'F32', [2]);
    expect(tensorToFloat32(tensor).buffer).toBe(values.buffer);
    expect(tensorToFloat32(tensor, { copy: true }).buffer).not.toBe(values.buffer);
    expect([...tensorToFloat32(float32ToTensor(values, 'F64', [2]))]).toEqual([1, 2]);
    expect(() => float32ToTensor(values, 'F16', [3])).toThrow('needs 6 bytes, the array has 4');
  });
});

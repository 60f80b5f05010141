/**
 * float32 ↔ float16 and float32 ↔ bfloat16 conversions, bit for bit as PyTorch does them on CPU (round to
 * nearest, ties to even; overflow to ±Infinity; float16 subnormals kept; anything below half the smallest
 * subnormal flushed to ±0). No lookup tables: each loop works on the float32 bit patterns through a `Uint32Array`
 * view, so it runs at memory speed without allocating.
 *
 * NaN: the result is a quiet NaN with the input's sign and the top bits of its payload (what x86 F16C/AVX-512 BF16
 * and ARM instructions do): float32 0x7FC00000 → float16 0x7E00 (as torch) and bfloat16 0x7FC0 (torch's scalar
 * `c10::BFloat16` gives 0x7FC0; its vectorised CPU path gives 0xFFFF, an implementation detail).
 */

import { wasmConverterFor } from '../kernels/wasm/wasm-conversions.js';

const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/** The bfloat16 bit pattern nearest to `value` (float32 rounding first, then round-to-nearest-even). */
export function float32ToBfloat16Bits(value: number): number {
  scratch[0] = value;
  return bfloat16FromBits(scratchBits[0]!);
}

/** The float32 value of a bfloat16 bit pattern (exact). */
export function bfloat16BitsToFloat32(bits: number): number {
  scratchBits[0] = (bits & 0xffff) << 16;
  return scratch[0]!;
}

/** The float16 bit pattern nearest to `value` (float32 rounding first, then round-to-nearest-even). */
export function float32ToFloat16Bits(value: number): number {
  scratch[0] = value;
  return float16FromBits(scratchBits[0]!);
}

/** The float32 value of a float16 bit pattern (exact, subnormals included). */
export function float16BitsToFloat32(bits: number): number {
  scratchBits[0] = float32BitsFromFloat16(bits & 0xffff);
  return scratch[0]!;
}

/**
 * Converts float32 values to bfloat16 bit patterns.
 *
 * @param source - the values.
 * @param target - where to write (length ≥ source.length); a new array when omitted.
 * @returns `target`.
 */
export function float32ArrayToBfloat16(source: Float32Array, target: Uint16Array = new Uint16Array(source.length)): Uint16Array {
  // Large arrays: the same conversion on WebAssembly SIMD, bit for bit (src/kernels/wasm/wasm-conversions.ts).
  const fast = wasmConverterFor(source.length);
  if (fast !== undefined) {
    fast.float32ToBfloat16(source, target);
    return target;
  }
  const bits = asInt32(source);
  const length = bits.length;
  let index = 0;
  const pairs = pairedOutput(target, length);
  if (pairs !== undefined) {
    // Two results per 32-bit store: the loop is bound by loads and stores, so halving the stores pays.
    for (let pair = 0; pair < pairs.length; pair++, index += 2) pairs[pair] = bfloat16FromBits(bits[index]!) | (bfloat16FromBits(bits[index + 1]!) << 16);
  }
  for (; index < length; index++) target[index] = bfloat16FromBits(bits[index]!);
  return target;
}

/**
 * Converts bfloat16 bit patterns to float32 values (exact).
 *
 * @param source - the bit patterns.
 * @param target - where to write (length ≥ source.length); a new array when omitted.
 * @returns `target`.
 */
export function bfloat16ArrayToFloat32(source: Uint16Array, target: Float32Array = new Float32Array(source.length)): Float32Array {
  // Large arrays: the same conversion on WebAssembly SIMD, bit for bit (src/kernels/wasm/wasm-conversions.ts).
  const fast = wasmConverterFor(source.length);
  if (fast !== undefined) {
    fast.bfloat16ToFloat32(source, target);
    return target;
  }
  const bits = asInt32(target);
  const length = source.length;
  let index = 0;
  const pairs = pairedInput(source);
  if (pairs !== undefined) {
    for (let pair = 0; pair < pairs.length; pair++, index += 2) {
      const word = pairs[pair]!;
      bits[index] = word << 16;
      bits[index + 1] = word & 0xffff0000;
    }
  }
  for (; index < length; index++) bits[index] = source[index]! << 16;
  return target;
}

/**
 * Converts float32 values to float16 bit patterns.
 *
 * @param source - the values.
 * @param target - where to write (length ≥ source.length); a new array when omitted.
 * @returns `target`.
 */
export function float32ArrayToFloat16(source: Float32Array, target: Uint16Array = new Uint16Array(source.length)): Uint16Array {
  // Large arrays: the same conversion on WebAssembly SIMD, bit for bit (src/kernels/wasm/wasm-conversions.ts).
  const fast = wasmConverterFor(source.length);
  if (fast !== undefined) {
    fast.float32ToFloat16(source, target);
    return target;
  }
  const bits = asInt32(source);
  const length = bits.length;
  let index = 0;
  const pairs = pairedOutput(target, length);
  if (pairs !== undefined) {
    for (let pair = 0; pair < pairs.length; pair++, index += 2) pairs[pair] = float16FromBits(bits[index]!) | (float16FromBits(bits[index + 1]!) << 16);
  }
  for (; index < length; index++) target[index] = float16FromBits(bits[index]!);
  return target;
}

/**
 * Converts float16 bit patterns to float32 values (exact).
 *
 * @param source - the bit patterns.
 * @param target - where to write (length ≥ source.length); a new array when omitted.
 * @returns `target`.
 */
export function float16ArrayToFloat32(source: Uint16Array, target: Float32Array = new Float32Array(source.length)): Float32Array {
  // Large arrays: the same conversion on WebAssembly SIMD, bit for bit (src/kernels/wasm/wasm-conversions.ts).
  const fast = wasmConverterFor(source.length);
  if (fast !== undefined) {
    fast.float16ToFloat32(source, target);
    return target;
  }
  const bits = asInt32(target);
  const length = source.length;
  let index = 0;
  const pairs = pairedInput(source);
  if (pairs !== undefined) {
    for (let pair = 0; pair < pairs.length; pair++, index += 2) {
      const word = pairs[pair]!;
      bits[index] = float32BitsFromFloat16(word & 0xffff);
      bits[index + 1] = float32BitsFromFloat16(word >>> 16);
    }
  }
  for (; index < length; index++) bits[index] = float32BitsFromFloat16(source[index]!);
  return target;
}

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The first ⌊length/2⌋ pairs of a 16-bit target as 32-bit words (element 2k in the low half), when aligned. */
function pairedOutput(target: Uint16Array, length: number): Int32Array | undefined {
  if (!hostIsLittleEndian || target.byteOffset % 4 !== 0 || target.length < length) return undefined;
  return new Int32Array(target.buffer, target.byteOffset, length >>> 1);
}

/** The pairs of a 16-bit source as 32-bit words, when aligned. */
function pairedInput(source: Uint16Array): Int32Array | undefined {
  if (!hostIsLittleEndian || source.byteOffset % 4 !== 0) return undefined;
  return new Int32Array(source.buffer, source.byteOffset, source.length >>> 1);
}

function bfloat16FromBits(word: number): number {
  return (word & 0x7fffffff) > 0x7f800000 ? (word >>> 16) | 0x40 : (word >>> 16) + (((word & 0xffff) + 0x7fff + ((word >>> 16) & 1)) >>> 16);
}

/** float32 bits → float16 bits, round to nearest even. */
function float16FromBits(word: number): number {
  const sign = (word >>> 16) & 0x8000;
  const magnitude = word & 0x7fffffff;
  if (magnitude >= 0x47800000) {
    // 65536 and above, Inf or NaN. (Values in [65520, 65536) round up to Inf in the normal path below.)
    if (magnitude > 0x7f800000) return sign | 0x7e00 | ((magnitude >>> 13) & 0x3ff);
    return sign | 0x7c00;
  }
  if (magnitude >= 0x38800000) {
    // A float16 normal (2^-14 and above): rebias the exponent (127 → 15) and round the 13 dropped mantissa bits.
    const rounded = magnitude - 0x38000000 + 0xfff + ((magnitude >>> 13) & 1);
    return sign | (rounded >>> 13);
  }
  // A float16 subnormal or zero: the result is round(value / 2^-24), from the 24-bit significand.
  const exponent = magnitude >>> 23;
  if (exponent < 102) return sign; // below 2^-25: less than half the smallest subnormal, including float32 subnormals
  const significand = (magnitude & 0x7fffff) | 0x800000;
  const shift = 126 - exponent; // 14..24
  const kept = significand >>> shift;
  const dropped = significand & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return sign | (dropped > half || (dropped === half && (kept & 1) === 1) ? kept + 1 : kept);
}

/** float16 bits → float32 bits (exact). */
function float32BitsFromFloat16(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >>> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  if (exponent === 0x1f) return sign | 0x7f800000 | (mantissa << 13);
  if (exponent !== 0) return sign | ((exponent + 112) << 23) | (mantissa << 13);
  if (mantissa === 0) return sign;
  // Subnormal: shift the leading 1 up to bit 10 and lower the exponent by the same amount.
  const shift = Math.clz32(mantissa) - 21;
  return sign | ((113 - shift) << 23) | (((mantissa << shift) & 0x3ff) << 13);
}

/** An int32 view: loads stay small integers for V8 (a Uint32Array load above 2^31 would be a double). */
function asInt32(array: Float32Array): Int32Array {
  return new Int32Array(array.buffer, array.byteOffset, array.length);
}

import { SafetensorsFormatError } from '../errors.js';
import type { SafetensorsDtype } from '../safetensors/dtypes.js';
import type { Tensor } from '../safetensors/tensor.js';
import { tensorFromTypedArray, tensorView } from '../safetensors/tensor.js';
import { bfloat16ArrayToFloat32, float16ArrayToFloat32, float32ArrayToBfloat16, float32ArrayToFloat16 } from './half-precision.js';

/** The dtypes {@link float32ToTensor} can write: the floating-point types a model's weights are stored in. */
export type WritableFloatDtype = 'F32' | 'F16' | 'BF16' | 'F64';

/** Whether {@link float32ToTensor} can store values as `dtype`. */
export function isWritableFloatDtype(dtype: SafetensorsDtype): dtype is WritableFloatDtype {
  return dtype === 'F32' || dtype === 'F16' || dtype === 'BF16' || dtype === 'F64';
}

/**
 * A tensor's values as float32: exact for F32, F16, BF16 and the 8-bit float types; rounded to the nearest float32
 * for F64 and for integers above 2^24. F32 data that is aligned is returned as a view (no copy) unless `copy` is
 * true; everything else is a new array.
 *
 * @param tensor - any tensor except C64 (complex), F4 and the F6 types (packed sub-byte floats).
 * @param options - `copy`: always return a new array, so that writing into it never changes the tensor; `into`: write
 *   the values into this array instead (length ≥ the element count; the result is its first elements).
 * @throws {SafetensorsFormatError} `UnsupportedDtype` for C64, F4, F6_E2M3 and F6_E3M2.
 */
export function tensorToFloat32(tensor: Tensor, options: { copy?: boolean; into?: Float32Array } = {}): Float32Array {
  const { dtype } = tensor;
  const { into } = options;
  if (into !== undefined) {
    // Decode into the caller's buffer (reused across tensors to avoid fresh-memory page faults).
    if (dtype === 'F16' || dtype === 'BF16') {
      const bits = tensorView({ ...tensor, dtype });
      const target = into.subarray(0, bits.length);
      return dtype === 'F16' ? float16ArrayToFloat32(bits, target) : bfloat16ArrayToFloat32(bits, target);
    }
    const values = tensorToFloat32(tensor);
    into.set(values);
    return into.subarray(0, values.length);
  }
  switch (dtype) {
    case 'F32': {
      const view = tensorView({ ...tensor, dtype });
      return options.copy === true && view.buffer === tensor.data.buffer ? view.slice() : view;
    }
    case 'F16':
      return float16ArrayToFloat32(tensorView({ ...tensor, dtype }));
    case 'BF16':
      return bfloat16ArrayToFloat32(tensorView({ ...tensor, dtype }));
    case 'F64':
      return Float32Array.from(tensorView({ ...tensor, dtype }));
    case 'BOOL':
      return Float32Array.from(tensor.data, (byte) => (byte === 0 ? 0 : 1));
    case 'U8':
    case 'I8':
    case 'U16':
    case 'I16':
    case 'U32':
    case 'I32':
      return Float32Array.from(tensorView({ ...tensor, dtype }));
    case 'I64':
    case 'U64':
      return Float32Array.from(tensorView({ ...tensor, dtype }), (value) => Number(value));
    case 'F8_E4M3':
    case 'F8_E5M2':
    case 'F8_E8M0':
    case 'F8_E4M3FNUZ':
    case 'F8_E5M2FNUZ': {
      const table = float8Table(dtype);
      return Float32Array.from(tensor.data, (byte) => table[byte]!);
    }
    case 'C64':
    case 'F4':
    case 'F6_E2M3':
    case 'F6_E3M2':
      throw new SafetensorsFormatError('UnsupportedDtype', `cannot convert a ${dtype} tensor to float32 (complex and packed sub-byte types are read as raw bytes only)`);
  }
}

/**
 * Stores float32 values as a tensor of `dtype`: F32 wraps `values` (no copy), F16 and BF16 round to nearest even
 * (see the dtype conversions), F64 widens exactly. `into` (F16/BF16 only) receives the bits instead of a new array.
 *
 * @throws {SafetensorsFormatError} `InvalidTensorView` when `values.length` does not match the shape.
 */
export function float32ToTensor(values: Float32Array, dtype: WritableFloatDtype, shape: readonly number[], into?: Uint16Array): Tensor {
  switch (dtype) {
    case 'F32':
      return tensorFromTypedArray('F32', shape, values);
    case 'F16':
      return tensorFromTypedArray('F16', shape, float32ArrayToFloat16(values, into?.subarray(0, values.length)));
    case 'BF16':
      return tensorFromTypedArray('BF16', shape, float32ArrayToBfloat16(values, into?.subarray(0, values.length)));
    case 'F64':
      return tensorFromTypedArray('F64', shape, Float64Array.from(values));
  }
}

type Float8Dtype = 'F8_E4M3' | 'F8_E5M2' | 'F8_E8M0' | 'F8_E4M3FNUZ' | 'F8_E5M2FNUZ';
const float8Tables = new Map<Float8Dtype, Float32Array>();

/**
 * The 256 values of an 8-bit float type. F8_E4M3 is PyTorch's `float8_e4m3fn` (bias 7, no infinities, NaN =
 * S.1111.111), F8_E5M2 is IEEE-like (bias 15, infinities), the FNUZ types have no infinities and no −0 (0x80 is
 * NaN; biases 8 and 16), and F8_E8M0 is an unsigned power of two 2^(e − 127) with 0xFF as NaN.
 */
function float8Table(dtype: Float8Dtype): Float32Array {
  const cached = float8Tables.get(dtype);
  if (cached !== undefined) return cached;
  const table = new Float32Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = decodeFloat8(dtype, byte);
  float8Tables.set(dtype, table);
  return table;
}

function decodeFloat8(dtype: Float8Dtype, byte: number): number {
  if (dtype === 'F8_E8M0') return byte === 0xff ? Number.NaN : 2 ** (byte - 127);
  const [exponentBits, bias] = dtype === 'F8_E4M3' ? [4, 7] : dtype === 'F8_E5M2' ? [5, 15] : dtype === 'F8_E4M3FNUZ' ? [4, 8] : [5, 16];
  const mantissaBits = 7 - exponentBits;
  const fnuz = dtype === 'F8_E4M3FNUZ' || dtype === 'F8_E5M2FNUZ';
  if (fnuz && byte === 0x80) return Number.NaN;
  const sign = byte & 0x80 ? -1 : 1;
  const exponent = (byte >>> mantissaBits) & ((1 << exponentBits) - 1);
  const mantissa = byte & ((1 << mantissaBits) - 1);
  const exponentMax = (1 << exponentBits) - 1;
  if (dtype === 'F8_E5M2' && exponent === exponentMax) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  if (dtype === 'F8_E4M3' && exponent === exponentMax && mantissa === (1 << mantissaBits) - 1) return Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** (1 - bias - mantissaBits);
  return sign * (1 + mantissa / (1 << mantissaBits)) * 2 ** (exponent - bias);
}

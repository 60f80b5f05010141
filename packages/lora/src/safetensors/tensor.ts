import { SafetensorsFormatError } from '../errors.js';
import type { SafetensorsDtype } from './dtypes.js';
import { shapeElementCount, tensorByteLength } from './header.js';

/**
 * One tensor: its dtype, its shape and its raw little-endian bytes in C (row-major) order, exactly as stored in a
 * safetensors file. F16 and BF16 stay as their 16-bit patterns; use `@benchline/lora`'s dtype conversions (or
 * {@link tensorToFloat32}) to compute with them.
 */
export interface Tensor {
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

/** The typed array each dtype is viewed as. F16/BF16 are their bit patterns; C64 is interleaved (re, im) float32. */
export interface TypedArrayByDtype {
  BOOL: Uint8Array;
  F4: Uint8Array;
  F6_E2M3: Uint8Array;
  F6_E3M2: Uint8Array;
  U8: Uint8Array;
  I8: Int8Array;
  F8_E5M2: Uint8Array;
  F8_E4M3: Uint8Array;
  F8_E8M0: Uint8Array;
  F8_E4M3FNUZ: Uint8Array;
  F8_E5M2FNUZ: Uint8Array;
  I16: Int16Array;
  U16: Uint16Array;
  F16: Uint16Array;
  BF16: Uint16Array;
  I32: Int32Array;
  U32: Uint32Array;
  F32: Float32Array;
  C64: Float32Array;
  F64: Float64Array;
  I64: BigInt64Array;
  U64: BigUint64Array;
}

/** Any typed array a tensor can be viewed as. */
export type TensorTypedArray = TypedArrayByDtype[SafetensorsDtype];

interface TypedArrayConstructorLike {
  readonly BYTES_PER_ELEMENT: number;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TensorTypedArray;
}

const constructors: Readonly<Record<SafetensorsDtype, TypedArrayConstructorLike>> = {
  BOOL: Uint8Array,
  F4: Uint8Array,
  F6_E2M3: Uint8Array,
  F6_E3M2: Uint8Array,
  U8: Uint8Array,
  I8: Int8Array,
  F8_E5M2: Uint8Array,
  F8_E4M3: Uint8Array,
  F8_E8M0: Uint8Array,
  F8_E4M3FNUZ: Uint8Array,
  F8_E5M2FNUZ: Uint8Array,
  I16: Int16Array,
  U16: Uint16Array,
  F16: Uint16Array,
  BF16: Uint16Array,
  I32: Int32Array,
  U32: Uint32Array,
  F32: Float32Array,
  C64: Float32Array,
  F64: Float64Array,
  I64: BigInt64Array,
  U64: BigUint64Array,
};

/** True on every mainstream JavaScript engine; the file format is little-endian. */
const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A typed-array view of a tensor's bytes: `Float32Array` for F32, `Uint16Array` (bit patterns) for F16/BF16,
 * `BigInt64Array` for I64, `Uint8Array` for BOOL, the F8 types and the packed F4/F6 bytes, and so on.
 *
 * Zero-copy when the bytes start at a multiple of the element size within their `ArrayBuffer` (always true for
 * files written by the reference writer and read whole into a fresh buffer); otherwise the bytes are copied into a
 * new, aligned buffer first, because typed arrays cannot be misaligned. A big-endian host (none in practice) also
 * gets a byte-swapped copy. So writing into the result changes the tensor only when no copy was made.
 *
 * @throws {SafetensorsFormatError} `InvalidTensorView` when the byte length does not match the shape.
 */
export function tensorView<D extends SafetensorsDtype>(tensor: Tensor & { readonly dtype: D }): TypedArrayByDtype[D] {
  const { dtype, shape, data } = tensor;
  const expectedBytes = tensorByteLength(dtype, shape);
  if (data.byteLength !== expectedBytes) {
    throw new SafetensorsFormatError('InvalidTensorView', `a ${dtype} tensor of shape [${shape.join(', ')}] needs ${String(expectedBytes)} bytes, found ${String(data.byteLength)}`);
  }
  const constructor = constructors[dtype];
  const elementSize = constructor.BYTES_PER_ELEMENT;
  const length = data.byteLength / elementSize;
  if (data.byteOffset % elementSize === 0 && (hostIsLittleEndian || elementSize === 1)) {
    return new constructor(data.buffer, data.byteOffset, length) as TypedArrayByDtype[D];
  }
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  if (!hostIsLittleEndian) swapBytes(copy, elementSize === 8 && dtype === 'C64' ? 4 : elementSize);
  return new constructor(copy.buffer, 0, length) as TypedArrayByDtype[D];
}

/**
 * Whether {@link tensorView} would return a view sharing the tensor's memory (true) or a copy (false).
 */
export function isZeroCopyViewable(tensor: Tensor): boolean {
  const elementSize = constructors[tensor.dtype].BYTES_PER_ELEMENT;
  return tensor.data.byteOffset % elementSize === 0 && (hostIsLittleEndian || elementSize === 1);
}

/**
 * A tensor whose bytes are a typed array's memory (not copied): the inverse of {@link tensorView}.
 *
 * @throws {SafetensorsFormatError} `InvalidTensorView` when the array's byte length does not match the shape, and
 *   on a big-endian host.
 */
export function tensorFromTypedArray<D extends SafetensorsDtype>(dtype: D, shape: readonly number[], values: TypedArrayByDtype[D]): Tensor & { readonly dtype: D } {
  const data = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const expectedBytes = tensorByteLength(dtype, shape);
  if (data.byteLength !== expectedBytes) {
    throw new SafetensorsFormatError('InvalidTensorView', `a ${dtype} tensor of shape [${shape.join(', ')}] needs ${String(expectedBytes)} bytes, the array has ${String(data.byteLength)}`);
  }
  if (!hostIsLittleEndian && constructors[dtype].BYTES_PER_ELEMENT > 1) {
    throw new SafetensorsFormatError('InvalidTensorView', 'this host is big-endian; safetensors data is little-endian');
  }
  return { dtype, shape: [...shape], data };
}

/** The number of elements (1 for a rank-0 tensor, 0 when a dimension is 0). */
export function tensorElementCount(tensor: Pick<Tensor, 'shape'>): number {
  return shapeElementCount(tensor.shape) ?? Number.POSITIVE_INFINITY;
}


function swapBytes(bytes: Uint8Array, width: number): void {
  for (let start = 0; start < bytes.length; start += width) bytes.subarray(start, start + width).reverse();
}

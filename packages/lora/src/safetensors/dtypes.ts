/**
 * The element types of the safetensors format, as the reference implementation's Rust `enum Dtype` lists them
 * (huggingface/safetensors 0.8: `safetensors/src/tensor.rs`), in increasing alignment order. The order matters:
 * the reference writer packs tensors by this order, descending, then by name.
 */
export const safetensorsDtypes = [
  'BOOL',
  'F4',
  'F6_E2M3',
  'F6_E3M2',
  'U8',
  'I8',
  'F8_E5M2',
  'F8_E4M3',
  'F8_E8M0',
  'F8_E4M3FNUZ',
  'F8_E5M2FNUZ',
  'I16',
  'U16',
  'F16',
  'BF16',
  'I32',
  'U32',
  'F32',
  'C64',
  'F64',
  'I64',
  'U64',
] as const;

/** One safetensors element type name, exactly as it appears in a file's header (`"F32"`, `"BF16"`...). */
export type SafetensorsDtype = (typeof safetensorsDtypes)[number];

const bitsPerElement: Readonly<Record<SafetensorsDtype, number>> = {
  BOOL: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  F8_E4M3FNUZ: 8,
  F8_E5M2FNUZ: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
};

const enumOrder: ReadonlyMap<string, number> = new Map(safetensorsDtypes.map((dtype, index) => [dtype, index]));

/** Whether `name` is one of the format's dtype names (case-sensitive, as the reference reader checks it). */
export function isSafetensorsDtype(name: string): name is SafetensorsDtype {
  return enumOrder.has(name);
}

/** Bits per element: 4 for F4, 6 for the F6 types, 64 for C64 (two float32s), 8 to 64 for the others. */
export function dtypeBits(dtype: SafetensorsDtype): number {
  return bitsPerElement[dtype];
}

/**
 * Bytes per element for the byte-aligned dtypes; for F4 and F6 (sub-byte, packed) it is the fraction `bits / 8`.
 * A typed-array view of a tensor needs its first byte at a multiple of this size (C64: 8, as two float32s).
 */
export function dtypeByteSize(dtype: SafetensorsDtype): number {
  return bitsPerElement[dtype] / 8;
}

/**
 * The reference writer's order: larger alignment first (descending enum order), then names ascending by UTF-8
 * bytes (Rust's `str` ordering, which for these names is the same as comparing UTF-16 code units except across
 * surrogate pairs; see {@link compareNamesAsUtf8}).
 */
export function compareForWriting(
  left: { readonly name: string; readonly dtype: SafetensorsDtype },
  right: { readonly name: string; readonly dtype: SafetensorsDtype },
): number {
  const byDtype = (enumOrder.get(right.dtype) ?? 0) - (enumOrder.get(left.dtype) ?? 0);
  return byDtype !== 0 ? byDtype : compareNamesAsUtf8(left.name, right.name);
}

/**
 * Compares two strings by their UTF-8 bytes, which is how Rust orders `String`s. It equals code-point order;
 * JavaScript's `<` compares UTF-16 code units, which differs only when a character above U+FFFF meets one in
 * U+E000..U+FFFF.
 */
export function compareNamesAsUtf8(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const leftUnit = left.charCodeAt(index);
    const rightUnit = right.charCodeAt(index);
    if (leftUnit === rightUnit) continue;
    const leftPoint = left.codePointAt(index) ?? leftUnit;
    const rightPoint = right.codePointAt(index) ?? rightUnit;
    return leftPoint < rightPoint ? -1 : leftPoint > rightPoint ? 1 : 0;
  }
  return left.length - right.length;
}

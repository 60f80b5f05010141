/**
 * Byte-level equivalents of the C library functions trec_eval reads its files with (`isspace`, `atof`, `atol`,
 * `strcmp`), so that any input, odd or not, gives the numbers trec_eval gives.
 */

const textDecoder = new TextDecoder('utf-8');

/** C `isspace` in the "C" locale: space, \t, \n, \v, \f, \r. */
export function isSpaceByte(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

/** The whitespace-separated fields of one line, as byte offsets; reused from line to line. */
export interface LineFields {
  /** How many fields the line has (it may exceed the capacity of `starts` and `ends`). */
  count: number;
  /** Start offsets of the first fields, as many as fit. */
  readonly starts: Int32Array;
  /** End offsets (exclusive) of the first fields, as many as fit. */
  readonly ends: Int32Array;
}

/** A {@link LineFields} that records the offsets of up to `capacity` fields. */
export function createLineFields(capacity: number): LineFields {
  return { count: 0, starts: new Int32Array(capacity), ends: new Int32Array(capacity) };
}

/**
 * Splits the line starting at `position` into fields separated by C `isspace` bytes, as trec_eval's readers
 * do (its `\n` ends the line, the other space bytes separate fields), filling `fields`.
 *
 * @returns the offset of the line's end: its `\n`, or the length of `bytes` on the last line.
 */
export function splitLineFields(bytes: Uint8Array, position: number, fields: LineFields): number {
  const end = bytes.length;
  const { starts, ends } = fields;
  let count = 0;
  for (;;) {
    while (position < end && bytes[position] !== 10 && isSpaceByte(bytes[position] as number)) position++;
    if (position >= end || bytes[position] === 10) break;
    const fieldStart = position;
    while (position < end && !isSpaceByte(bytes[position] as number)) position++;
    if (count < starts.length) {
      starts[count] = fieldStart;
      ends[count] = position;
    }
    count++;
  }
  fields.count = count;
  return position;
}


/**
 * Bytes as a "binary string" (one UTF-16 unit per byte, 0-255). JavaScript compares such strings exactly as
 * `strcmp` compares the bytes, which is what trec_eval sorts query ids and document ids by.
 */
export function bytesToBinaryString(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  const chunk = 4096;
  for (let position = start; position < end; position += chunk) {
    const stop = Math.min(end, position + chunk);
    text += String.fromCharCode.apply(null, bytes.subarray(position, stop) as unknown as number[]);
  }
  return text;
}

/** The UTF-8 text of a binary string (see {@link bytesToBinaryString}), for printing. */
export function binaryStringToText(binary: string): string {
  let ascii = true;
  for (let index = 0; index < binary.length; index++) {
    if (binary.charCodeAt(index) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return binary;
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return textDecoder.decode(bytes);
}

/** A binary string of the UTF-8 encoding of `text`. */
export function textToBinaryString(text: string): string {
  // ASCII text is its own UTF-8 binary string.
  let ascii = true;
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  const bytes = new TextEncoder().encode(text);
  return bytesToBinaryString(bytes, 0, bytes.length);
}

/** Decodes a byte range as UTF-8 text. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return textDecoder.decode(bytes.subarray(start, end));
}

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * C `atof` on the bytes [start, end): the longest prefix that is a number (decimal or hexadecimal, optional
 * exponent, `inf`, `infinity`, `nan`), 0 when there is none. Correctly rounded, like glibc's `strtod`.
 */
export function parseCDouble(bytes: Uint8Array, start: number, end: number): number {
  let position = start;
  while (position < end && isSpaceByte(bytes[position] as number)) position++;
  let negative = false;
  const signByte = bytes[position];
  if (signByte === 45 || signByte === 43) {
    negative = signByte === 45;
    position++;
  }
  // Fast path: digits, an optional point and digits, nothing after. Exact when the digits fit in 2^53 and the
  // power of ten is exact: one correctly rounded division (Clinger's fast path).
  let mantissa = 0;
  let digitCount = 0;
  let fractionDigits = 0;
  let cursor = position;
  while (cursor < end) {
    const byte = bytes[cursor] as number;
    if (byte < 48 || byte > 57) break;
    mantissa = mantissa * 10 + (byte - 48);
    digitCount++;
    cursor++;
  }
  if (cursor < end && bytes[cursor] === 46) {
    cursor++;
    while (cursor < end) {
      const byte = bytes[cursor] as number;
      if (byte < 48 || byte > 57) break;
      mantissa = mantissa * 10 + (byte - 48);
      digitCount++;
      fractionDigits++;
      cursor++;
    }
  }
  if (cursor === end && digitCount > 0 && digitCount <= 15 && fractionDigits <= 22) {
    const value = fractionDigits === 0 ? mantissa : mantissa / (powersOfTen[fractionDigits] as number);
    return negative ? -value : value;
  }
  return slowParseCDouble(bytes, start, end);
}

const decimalPrefix = /^[ \t\n\v\f\r]*([+-]?)(?:(inf(?:inity)?)|(nan)(?:\([0-9A-Za-z_]*\))?|0[xX]((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))(?:[pP]([+-]?[0-9]+))?|((?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?))/i;

function slowParseCDouble(bytes: Uint8Array, start: number, end: number): number {
  const text = bytesToBinaryString(bytes, start, end);
  const match = decimalPrefix.exec(text);
  if (match === null) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  if (match[2] !== undefined) return sign * Infinity;
  if (match[3] !== undefined) return Number.NaN;
  if (match[4] !== undefined) return sign * parseHexFloat(match[4], match[5] ?? '0');
  return sign * Number(match[6]);
}

function parseHexFloat(digits: string, exponent: string): number {
  const [integerPart = '', fractionPart = ''] = digits.split('.');
  const allDigits = integerPart + fractionPart;
  if (allDigits === '') return 0;
  // Exact while the digits fit a double's 53 bits; longer hex mantissas are not worth more code here.
  let value = 0;
  for (const digit of allDigits) value = value * 16 + Number.parseInt(digit, 16);
  return value * 2 ** (Number(exponent) - 4 * fractionPart.length);
}

/** C `atol` on the bytes [start, end): optional sign and leading digits; 0 when there are none. Saturates. */
export function parseCLong(bytes: Uint8Array, start: number, end: number): number {
  let position = start;
  while (position < end && isSpaceByte(bytes[position] as number)) position++;
  let negative = false;
  const signByte = bytes[position];
  if (signByte === 45 || signByte === 43) {
    negative = signByte === 45;
    position++;
  }
  let value = 0;
  while (position < end) {
    const byte = bytes[position] as number;
    if (byte < 48 || byte > 57) break;
    value = value * 10 + (byte - 48);
    position++;
  }
  if (value > 2 ** 63 - 1) value = 2 ** 63 - 1;
  return negative ? -value : value;
}

/** `atol` of a JavaScript string (measure parameters, `-l`, `-M`, `-N`). */
export function parseCLongText(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return parseCLong(bytes, 0, bytes.length);
}

/** `atof` of a JavaScript string (measure parameters). */
export function parseCDoubleText(text: string): number {
  const bytes = new TextEncoder().encode(text);
  return parseCDouble(bytes, 0, bytes.length);
}

/** FNV-1a hash of a byte range, for hash tables keyed by document id bytes. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let position = start; position < end; position++) {
    hash ^= bytes[position] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The same hash over a binary string's character codes. */
export function hashBinaryString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

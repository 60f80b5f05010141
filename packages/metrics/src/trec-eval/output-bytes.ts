import { formatFixed, formatLong } from './c-format.js';

/**
 * trec_eval's output written as bytes into large chunks: a topic's `-q` lines cost no string, and thousands of
 * topics kept until their turn to print cost the garbage collector nothing. Numbers are printed as glibc's
 * `printf` prints them (see {@link writeFixed4}).
 */
export class ByteWriter {
  private chunk: Uint8Array;
  private position = 0;
  private start = 0;

  constructor(private readonly chunkSize = 1 << 20) {
    this.chunk = new Uint8Array(chunkSize);
  }

  /** Starts a piece of output (a topic's lines); at most `reserve` bytes may be written before {@link end}. */
  begin(reserve: number): void {
    if (this.position + reserve > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(this.chunkSize, reserve));
      this.position = 0;
    }
    this.start = this.position;
  }

  /** The bytes written since {@link begin}: a view into a chunk, never overwritten afterwards. */
  end(): Uint8Array {
    return this.chunk.subarray(this.start, this.position);
  }

  /** Room left in the current piece. */
  get room(): number {
    return this.chunk.length - this.position;
  }

  /** Appends a binary string (one byte per character, as the engine keeps query ids and labels). */
  binary(text: string): void {
    const chunk = this.chunk;
    let position = this.position;
    for (let index = 0; index < text.length; index++) chunk[position++] = text.charCodeAt(index);
    this.position = position;
  }

  /** Appends bytes (a native copy: quicker than a loop for a label of twenty-odd bytes). */
  bytes(data: Uint8Array): void {
    this.chunk.set(data, this.position);
    this.position += data.length;
  }

  byte(value: number): void {
    this.chunk[this.position++] = value;
  }

  /** `printf("%6.4f", value)`; `positiveNan` prints a NaN as `nan` instead of `-nan`. */
  fixed4(value: number, positiveNan = false): void {
    this.position = writeFixed4(this.chunk, this.position, value, positiveNan);
  }

  /** `printf("%ld", (long) value)`. */
  long(value: number): void {
    if (value >= 0 && value < 1e15 && Number.isInteger(value)) {
      this.position = writeDigits(this.chunk, this.position, value);
      return;
    }
    this.binary(formatLong(value));
  }
}

/** The ASCII digits of 0000 to 9999, four bytes each (made on first use: not every program formats numbers). */
let fourDigitsTable: Uint8Array | undefined;

function fourDigits(): Uint8Array {
  if (fourDigitsTable === undefined) {
    const table = new Uint8Array(40000);
    for (let value = 0; value < 10000; value++) {
      table[value * 4] = 48 + Math.floor(value / 1000);
      table[value * 4 + 1] = 48 + (Math.floor(value / 100) % 10);
      table[value * 4 + 2] = 48 + (Math.floor(value / 10) % 10);
      table[value * 4 + 3] = 48 + (value % 10);
    }
    fourDigitsTable = table;
  }
  return fourDigitsTable;
}

/** Decimal digits of a non-negative integer below 2^53. */
function writeDigits(target: Uint8Array, position: number, value: number): number {
  if (value < 10) {
    target[position] = 48 + value;
    return position + 1;
  }
  let digits = 1;
  for (let power = 10; power <= value; power *= 10) digits++;
  let rest = value;
  for (let index = position + digits - 1; index >= position; index--) {
    const quotient = Math.floor(rest / 10);
    target[index] = 48 + (rest - quotient * 10);
    rest = quotient;
  }
  return position + digits;
}

/**
 * Writes `printf("%6.4f", value)` at `position` and returns the position after it. glibc rounds the exact binary
 * value to 4 decimals, ties to even. The fast path scales by 10⁴ in floating point: the product is off by at
 * most half an ulp, which can only change the rounding when its fraction is near one half; then (and for large,
 * negative-zero or non-finite values) the exact formatter decides.
 */
export function writeFixed4(target: Uint8Array, position: number, value: number, positiveNan = false): number {
  if ((value > 0 || (value === 0 && 1 / value > 0)) && value < 100000) {
    const scaled = value * 10000;
    const whole = Math.floor(scaled);
    const fraction = scaled - whole;
    if (fraction < 0.4999 || fraction > 0.5001) {
      const rounded = fraction > 0.5 ? whole + 1 : whole;
      const integerPart = Math.floor(rounded / 10000);
      const decimals = (rounded - integerPart * 10000) * 4;
      let next = integerPart < 10 ? ((target[position] = 48 + integerPart), position + 1) : writeDigits(target, position, integerPart);
      // The four decimals from a table of every group of four digits.
      const digits = fourDigitsTable ?? fourDigits();
      target[next] = 46;
      target[next + 1] = digits[decimals] as number;
      target[next + 2] = digits[decimals + 1] as number;
      target[next + 3] = digits[decimals + 2] as number;
      target[next + 4] = digits[decimals + 3] as number;
      next += 5;
      return next;
    }
  }
  const text = formatFixed(value, 4, 6, positiveNan);
  for (let index = 0; index < text.length; index++) target[position++] = text.charCodeAt(index);
  return position;
}

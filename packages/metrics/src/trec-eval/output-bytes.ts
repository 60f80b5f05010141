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
      let decimals = rounded - integerPart * 10000;
      let next = writeDigits(target, position, integerPart);
      target[next] = 46;
      for (let index = next + 4; index > next; index--) {
        const quotient = Math.floor(decimals / 10);
        target[index] = 48 + (decimals - quotient * 10);
        decimals = quotient;
      }
      next += 5;
      return next;
    }
  }
  const text = formatFixed(value, 4, 6, positiveNan);
  for (let index = 0; index < text.length; index++) target[position++] = text.charCodeAt(index);
  return position;
}

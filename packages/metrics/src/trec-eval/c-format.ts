/**
 * Number formatting exactly as glibc's `printf` does it, which trec_eval uses for every line it prints.
 *
 * JavaScript's `toFixed` rounds the exact binary value like glibc does, except for exact ties, which it rounds
 * away from zero where glibc rounds to even: `0.03125` prints `0.0312` in C and `0.0313` with `toFixed(4)`.
 */

/**
 * `printf("%W.Df", value)`: `decimals` digits after the point, right-aligned in `width` characters, ties to even
 * on the exact binary value, `-0.0000` for negative zero, `-nan` for NaN (what glibc prints for the NaN that
 * 0/0 produces on x86; `positiveNan` prints `nan`, as for a NaN read from a file), `inf`/`-inf` for infinities.
 */
export function formatFixed(value: number, decimals: number, width = 0, positiveNan = false): string {
  if (positiveNan && Number.isNaN(value)) return padStart('nan', width);
  return padStart(fixedDigits(value, decimals), width);
}

/** `printf("%ld", (long) value)`: truncation toward zero, as C's cast does. */
export function formatLong(value: number): string {
  if (Number.isNaN(value)) return '-9223372036854775808';
  const truncated = Math.trunc(value);
  if (!Number.isFinite(truncated) || Math.abs(truncated) >= 2 ** 63) return truncated < 0 ? '-9223372036854775808' : '9223372036854775807';
  if (Number.isSafeInteger(truncated)) return String(truncated === 0 ? 0 : truncated);
  return BigInt(truncated).toString();
}

/** `printf("%-Ws", text)`: left-aligned, padded with spaces to `width`, never truncated. */
export function padEnd(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function fixedDigits(value: number, decimals: number): string {
  // Most values trec_eval prints are exact 0 or 1.
  if (value === 0 && !Object.is(value, -0)) return decimals === 4 ? '0.0000' : (0).toFixed(decimals);
  if (value === 1) return decimals === 4 ? '1.0000' : (1).toFixed(decimals);
  if (Number.isNaN(value)) return '-nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  let digits: string;
  if (magnitude >= 1e21) {
    // toFixed switches to exponent notation here; such a value is an integer, print it through BigInt.
    digits = BigInt(magnitude).toString() + (decimals > 0 ? `.${'0'.repeat(decimals)}` : '');
  } else if (isExactTie(magnitude, decimals)) {
    digits = roundTieToEven(magnitude, decimals);
  } else {
    digits = magnitude.toFixed(decimals);
  }
  return negative ? `-${digits}` : digits;
}

/**
 * Whether `magnitude` lies exactly halfway between two multiples of 10^-decimals. Such a value is
 * (2m+1)/(2·10^decimals) = (2m+1)/(2^(decimals+1)·5^decimals); being a binary fraction, it is a multiple of
 * 2^-(decimals+1), so it has at most decimals+1 fractional decimal digits and `toFixed(decimals + 1)` is exact.
 */
function isExactTie(magnitude: number, decimals: number): boolean {
  if (decimals > 20) return false;
  const scaled = magnitude * 2 ** (decimals + 1);
  if (!Number.isInteger(scaled)) return false;
  const text = magnitude.toFixed(decimals + 1);
  return text.endsWith('5');
}

function roundTieToEven(magnitude: number, decimals: number): string {
  const text = magnitude.toFixed(decimals + 1);
  const truncated = text.slice(0, -1);
  const withoutPoint = truncated.replace('.', '');
  const lastDigit = withoutPoint.charCodeAt(withoutPoint.length - 1) - 48;
  if (lastDigit % 2 === 0) return decimals === 0 ? truncated.replace('.', '') : truncated;
  // Round the last kept digit up, carrying through nines.
  const rounded = (BigInt(withoutPoint) + 1n).toString().padStart(withoutPoint.length, '0');
  if (decimals === 0) return rounded;
  const integerLength = rounded.length - decimals;
  return `${rounded.slice(0, integerLength)}.${rounded.slice(integerLength)}`;
}

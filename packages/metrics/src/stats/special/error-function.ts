/**
 * The complementary error function erfc(x) with full relative accuracy (about 1e-15) over the whole real line,
 * including the far tail (erfc(26) ≈ 5.7e-296).
 *
 * |x| < 1: the everywhere-positive series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), then
 * erfc = 1 − erf (erfc(1) ≈ 0.157, so less than one digit is lost). |x| ≥ 1: the continued fraction of the
 * upper incomplete gamma function Q(½, x²) (Numerical Recipes `gcf`), modified Lentz. e^(−x²) is computed as
 * e^(−h²) · e^(−(x − h)(x + h)) with h = x rounded to 1/16, so that the rounding of x² does not cost accuracy
 * in the tail (W. J. Cody's trick).
 */

const inverseSqrtPi = 0.5641895835477563; // 1 / √π
const seriesLimit = 1;
const tiny = 1e-300;
const epsilon = 1e-16;

/** e^(−x²) without the relative error of rounding x² first. */
export function expMinusSquare(x: number): number {
  const rounded = Math.trunc(x * 16) / 16;
  return Math.exp(-rounded * rounded) * Math.exp(-(x - rounded) * (x + rounded));
}

/** erf(x) by its positive-term series; used for |x| < 1. */
function erfSeries(x: number): number {
  const square = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * square) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return 2 * inverseSqrtPi * expMinusSquare(x) * sum;
}

/** erfc(x) for x ≥ 1 by the continued fraction of Q(½, x²) (under 100 terms there). */
function erfcContinuedFraction(x: number): number {
  const square = x * x;
  let b = square + 0.5;
  let c = 1 / tiny;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < 10_000; i++) {
    const numerator = -i * (i - 0.5);
    b += 2;
    d = numerator * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const change = d * c;
    fraction *= change;
    if (Math.abs(change - 1) < epsilon) break;
  }
  return expMinusSquare(x) * x * inverseSqrtPi * fraction;
}

/** The complementary error function, erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= seriesLimit) return erfcContinuedFraction(x);
  if (x <= -seriesLimit) return 2 - erfcContinuedFraction(-x);
  return 1 - (x < 0 ? -erfSeries(-x) : erfSeries(x));
}

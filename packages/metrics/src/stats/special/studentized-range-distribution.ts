import { logGamma, logGammaCorrection } from './log-gamma.js';
import { normalCdf, normalSurvival } from './normal-distribution.js';
import { integrateOnLine } from './quadrature.js';

/**
 * The studentized range distribution: Q = (max − min of k independent N(μ, σ²) values) / S, where ν·S²/σ² is an
 * independent χ²(ν) variable (S = σ exactly when ν = ∞). It gives the p-values and critical values of Tukey's HSD.
 *
 * With the range W of k standard normals,
 *   P(W ≤ w) = k ∫ φ(x) [Φ(x + w) − Φ(x)]^(k−1) dx                      (x is the smallest of the k values)
 *   P(W > w) = k ∫ φ(x) Q(x + w) Σ_{j=0}^{k−2} A^j B^(k−2−j) dx            (A = Q(x), B = Φ(x + w) − Φ(x))
 * where Q = 1 − Φ; the second form is A^(k−1) − B^(k−1) factored (A − B = Q(x + w)), so the upper tail is an
 * integral of positive terms and keeps its relative accuracy when tiny instead of being 1 minus the lower tail.
 * For finite ν, with S = e^v, P(Q ≤ q) = ∫ g_ν(v) P(W ≤ q·e^v) dv, g_ν the density of log S (and the same for the
 * upper tail). The log-scale keeps the outer integrand smooth and bell-shaped for every ν (its peak is at v = 0,
 * its width 1/√(2ν)); its support is found by stepping out from the peak until the integrand is negligible.
 * Both integrals use adaptive 20-point Gauss–Legendre quadrature (`quadrature.ts`).
 *
 * Accuracy, measured against mpmath values (scipy's test data) and published tables (see the tests): about
 * 1e-12 relative for both tails, where scipy (`scipy.stats.studentized_range`, absolute tolerance 1e-11 and an
 * upper tail computed as 1 − CDF) is good to about 1e-11 absolute. scipy switches to the ν = ∞ form for
 * ν ≥ 100,000; this module integrates the exact finite-ν form for every finite ν, so for huge ν the two differ by
 * the (real) O(1/ν) effect.
 */

/** Above this range the upper tail of the range of k normals is below 1e-300 for every k up to 10^6. */
const rangeUnderflow = 60;
/**
 * Accepted relative change between two successive trapezoidal sums; the error of the finer sum is then about the
 * square of it (see quadrature.ts), far below double precision.
 */
const innerTolerance = 1e-10;
const outerTolerance = 1e-10;

/** P(W ≤ w) for the range W of k standard normal values (ν = ∞). */
export function normalRangeCdf(range: number, groups: number): number {
  if (Number.isNaN(range)) return Number.NaN;
  if (range <= 0) return 0;
  if (range >= rangeUnderflow) return 1;
  const exponent = groups - 1;
  const integrand = (x: number): number => {
    const width = normalProbabilityBetween(x, range);
    return width <= 0 ? 0 : normalDensity(x) * width ** exponent;
  };
  return Math.min(1, groups * integrateOnLine(integrand, -0.5 * range, innerStep(groups), innerTolerance));
}

/** P(W > w) for the range W of k standard normal values (ν = ∞), accurate when tiny. */
export function normalRangeSurvival(range: number, groups: number): number {
  if (Number.isNaN(range)) return Number.NaN;
  if (range <= 0) return 1;
  if (range >= rangeUnderflow) return 0;
  const terms = groups - 1;
  const integrand = (x: number): number => {
    const above = normalSurvival(x); // A: the other values are above x
    const within = normalProbabilityBetween(x, range); // B: the other values are within [x, x + w]
    // S_m = Σ_{j=0}^{m} A^j B^(m−j) for m = k − 2, by S_m = B·S_(m−1) + A^m, S_0 = 1.
    let sum = 1;
    let power = 1;
    for (let term = 1; term < terms; term++) {
      power *= above;
      sum = sum * within + power;
    }
    return normalDensity(x) * normalSurvival(x + range) * sum;
  };
  return Math.min(1, groups * integrateOnLine(integrand, -0.5 * range, innerStep(groups), innerTolerance));
}

/**
 * P(Q ≤ q) for the studentized range Q of `groups` means with `degreesOfFreedom` degrees of freedom.
 *
 * @param q - the studentized range (q ≤ 0 gives 0).
 * @param groups - k ≥ 2, the number of means (it may be any real ≥ 2; integers in practice).
 * @param degreesOfFreedom - ν > 0, the degrees of freedom of the variance estimate; `Infinity` for a known σ.
 * @returns the probability; NaN for NaN input or parameters out of their domain.
 */
export function studentizedRangeCdf(q: number, groups: number, degreesOfFreedom: number): number {
  if (!validParameters(q, groups, degreesOfFreedom)) return Number.NaN;
  if (q <= 0) return 0;
  if (q === Infinity) return 1;
  if (degreesOfFreedom === Infinity) return normalRangeCdf(q, groups);
  return Math.min(1, mixOverScale(q, degreesOfFreedom, (range) => normalRangeCdf(range, groups)));
}

/**
 * P(Q > q), the upper tail (the p-value of Tukey's HSD), accurate when tiny.
 *
 * @param q - the studentized range (q ≤ 0 gives 1).
 * @param groups - k ≥ 2, the number of means.
 * @param degreesOfFreedom - ν > 0, or `Infinity`.
 * @returns the probability; NaN for NaN input or parameters out of their domain.
 */
export function studentizedRangeSurvival(q: number, groups: number, degreesOfFreedom: number): number {
  if (!validParameters(q, groups, degreesOfFreedom)) return Number.NaN;
  if (q <= 0) return 1;
  if (q === Infinity) return 0;
  if (degreesOfFreedom === Infinity) return normalRangeSurvival(q, groups);
  return Math.min(1, mixOverScale(q, degreesOfFreedom, (range) => normalRangeSurvival(range, groups)));
}

/**
 * The quantile q_p: P(Q ≤ q_p) = p (Tukey's critical value for level α is the quantile at p = 1 − α).
 *
 * Solved on whichever tail is smaller (so p close to 1 keeps its digits), by the Illinois variant of regula falsi
 * inside a bracket found by doubling, to about 1e-13 relative.
 *
 * @param probability - p in [0, 1] (0 gives 0, 1 gives Infinity).
 * @param groups - k ≥ 2.
 * @param degreesOfFreedom - ν > 0, or `Infinity`.
 * @returns the quantile; NaN for NaN input or parameters out of their domain.
 */
export function studentizedRangeQuantile(probability: number, groups: number, degreesOfFreedom: number): number {
  if (!validParameters(probability, groups, degreesOfFreedom) || probability < 0 || probability > 1) return Number.NaN;
  if (probability === 0) return 0;
  if (probability === 1) return Infinity;
  const upper = probability > 0.5;
  const target = upper ? 1 - probability : probability;
  // f(q) > 0 below the quantile, < 0 above it.
  const excess = upper
    ? (q: number): number => studentizedRangeSurvival(q, groups, degreesOfFreedom) - target
    : (q: number): number => target - studentizedRangeCdf(q, groups, degreesOfFreedom);
  let low = 0;
  let lowValue = upper ? 1 - target : target;
  let high = 4;
  let highValue = excess(high);
  while (highValue > 0) {
    low = high;
    lowValue = highValue;
    high *= 2;
    if (high > 1e300) return Infinity;
    highValue = excess(high);
  }
  // Illinois method: regula falsi that halves the stale end's value, so it converges superlinearly.
  let side = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const next = (low * highValue - high * lowValue) / (highValue - lowValue);
    const estimate = next > low && next < high ? next : 0.5 * (low + high);
    const value = excess(estimate);
    if (value === 0) return estimate;
    if (value > 0) {
      low = estimate;
      lowValue = value;
      if (side === 1) highValue *= 0.5;
      side = 1;
    } else {
      high = estimate;
      highValue = value;
      if (side === -1) lowValue *= 0.5;
      side = -1;
    }
    if (high - low <= 1e-14 * high) break;
  }
  return 0.5 * (low + high);
}

function validParameters(x: number, groups: number, degreesOfFreedom: number): boolean {
  return !Number.isNaN(x) && groups >= 2 && Number.isFinite(groups) && degreesOfFreedom > 0;
}

/** The first step of an inner integral: the peak narrows slowly as k grows (like 1/√(2 log k)). */
function innerStep(groups: number): number {
  return 0.5 / Math.sqrt(Math.max(1, Math.log(groups)));
}

function normalDensity(x: number): number {
  return 0.3989422804014327 * Math.exp(-0.5 * x * x);
}

/**
 * Φ(x + w) − Φ(x) for w ≥ 0 with full relative accuracy, also when w is small (where the difference of two
 * nearly equal Φ values would keep only the digits of w).
 *
 * Small w·max(1, |m|) (m = x + w/2, h = w/2): the midpoint expansion
 *   Φ(m + h) − Φ(m − h) = 2h·φ(m)·Σ_j He_{2j}(m)·h^(2j) / (2j + 1)!
 * (He the probabilists' Hermite polynomials, φ^(n) = (−1)^n He_n φ); its terms fall like (|m|h)^n / n!.
 * Otherwise the difference of the two tails on the side of x, where it loses under a digit.
 */
export function normalProbabilityBetween(start: number, width: number): number {
  const half = 0.5 * width;
  const middle = start + half;
  if (half <= 0.5 && Math.abs(middle) * half <= 2) {
    const squaredHalf = half * half;
    let previous = 1; // He_{n−1}
    let current = middle; // He_n
    let power = 1; // h^(2j) / (2j + 1)!
    let sum = 1;
    let smallTerms = 0;
    for (let degree = 1; degree < 80; degree += 2) {
      // Advance He from degree n = 2j − 1 to 2j + 1 and the coefficient by h² / ((2j)(2j + 1)).
      const even = middle * current - degree * previous; // He_{2j}
      const odd = middle * even - (degree + 1) * current; // He_{2j+1}
      power *= squaredHalf / ((degree + 1) * (degree + 2));
      const term = even * power;
      sum += term;
      previous = even;
      current = odd;
      // Two small terms in a row: one alone may be a zero of He_{2j} (He₂(±1) = 0), not the end of the series.
      smallTerms = Math.abs(term) <= 1e-17 * Math.abs(sum) ? smallTerms + 1 : 0;
      if (smallTerms === 2) break;
    }
    return 2 * half * normalDensity(middle) * sum;
  }
  const end = start + width;
  if (start >= 0) return normalSurvival(start) - normalSurvival(end);
  if (end <= 0) return normalCdf(end) - normalCdf(start);
  return 1 - normalCdf(start) - normalSurvival(end);
}

/**
 * ∫ g_ν(v) H(q·e^v) dv, where g_ν is the density of v = log S, S² ~ χ²(ν)/ν:
 * log g_ν(v) = a·log a − a + log 2 − log Γ(a) − a·(e^(2v) − 1 − 2v), a = ν/2.
 */
function mixOverScale(q: number, degreesOfFreedom: number, conditional: (range: number) => number): number {
  const half = degreesOfFreedom / 2;
  // The constant, written with Stirling's remainder for large a so that the a·log a terms cancel exactly.
  const logConstant =
    half >= 10
      ? 0.5 * Math.log(half) + Math.LN2 - 0.5 * Math.log(2 * Math.PI) - logGammaCorrection(half)
      : half * Math.log(half) - half + Math.LN2 - logGamma(half);
  const integrand = (v: number): number => {
    const logWeight = logConstant - half * (Math.expm1(2 * v) - 2 * v);
    if (logWeight < -745) return 0;
    return Math.exp(logWeight) * conditional(q * Math.exp(v));
  };
  // The first step: one standard deviation of log S near its mode.
  return integrateOnLine(integrand, 0, Math.min(0.7, 1 / Math.sqrt(2 * half)), outerTolerance);
}

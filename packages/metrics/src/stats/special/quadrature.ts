/**
 * The trapezoidal rule on the whole real line, for smooth, positive, unimodal integrands that decay at least
 * exponentially on both sides (the integrals of the studentized range distribution).
 *
 * For such integrands (analytic in a strip around the real axis) the error of the trapezoidal sum with step h
 * falls like e^(−2πd/h) (d the half-width of the strip; Trefethen and Weideman, "The exponentially convergent
 * trapezoidal rule", SIAM Review 2014), so each halving of the step roughly squares the error. The sum is
 * therefore refined by halving until two successive sums agree to the tolerance, at which point the finer one is
 * far more accurate than their difference. Halving reuses every earlier point.
 *
 * The support is found by stepping out from `center` with the first step until the integrand falls below 1e-22 of
 * the largest value seen; the first step must be small enough for the first grid to see the peak.
 */

const negligible = 1e-22;
const maximumPoints = 1 << 16;

/**
 * ∫ f(x) dx over the real line.
 *
 * @param integrand - f ≥ 0, smooth, unimodal, decaying at least exponentially; may return 0 where it underflows.
 * @param center - a point near the mode of f.
 * @param step - the first step: at most about the width of the peak, so the first sum cannot miss it.
 * @param relativeTolerance - the accepted relative difference between two successive sums (default 1e-12; the
 *   result itself is then much more accurate).
 * @returns the integral (0 when f is 0 at every point tried).
 */
export function integrateOnLine(
  integrand: (x: number) => number,
  center: number,
  step: number,
  relativeTolerance = 1e-12,
): number {
  // Level 0: the points center + j·step, j from −left to right.
  let peak = integrand(center);
  let sum = peak;
  const extend = (direction: 1 | -1, spacing: number, origin: number, reach: number): { count: number; total: number } => {
    let count = reach;
    let total = 0;
    for (;;) {
      count++;
      const value = integrand(origin + direction * count * spacing);
      total += value;
      if (value > peak) peak = value;
      if ((peak > 0 && value <= negligible * peak) || count * spacing > 1e4 || count > maximumPoints) return { count, total };
    }
  };
  const rightPart = extend(1, step, center, 0);
  let right = rightPart.count;
  sum += rightPart.total;
  const leftPart = extend(-1, step, center, 0);
  let left = leftPart.count;
  sum += leftPart.total;
  let spacing = step;
  let estimate = sum * spacing;
  if (peak === 0) return 0;
  for (let level = 1; level < 12; level++) {
    // Midpoints of the current grid: center + (j + ½)·spacing for j = −left … right − 1.
    let midpoints = 0;
    for (let index = -left; index < right; index++) midpoints += integrand(center + (index + 0.5) * spacing);
    sum += midpoints;
    spacing *= 0.5;
    left *= 2;
    right *= 2;
    const refined = sum * spacing;
    const change = Math.abs(refined - estimate);
    estimate = refined;
    if (change <= relativeTolerance * refined || left + right > maximumPoints) break;
  }
  return estimate;
}

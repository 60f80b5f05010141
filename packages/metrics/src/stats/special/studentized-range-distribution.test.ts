import { describe, expect, it } from 'vitest';
import { createRandom } from '../../_internal/random.js';
import { erfc } from './error-function.js';
import {
  normalProbabilityBetween,
  normalRangeCdf,
  studentizedRangeCdf,
  studentizedRangeQuantile,
  studentizedRangeSurvival,
} from './studentized-range-distribution.js';
import { studentTTwoSidedTail } from './student-t-distribution.js';

// Where the expected numbers come from:
// - Harter, "Tables of range and studentized range", Ann. Math. Statist. 31(4) 1960, doi 10.1214/aoms/1177705684,
//   table 3 (upper percentage points to 4 significant figures, "accurate to within a unit in the last place"), as
//   transcribed in scipy 1.17.1's test suite (scipy/stats/tests/test_distributions.py, TestStudentizedRange); the
//   three values the issue quotes (3.877, 4.232, 4.120) are in the same table.
// - mpmath values of the CDF from scipy 1.17.1's test data (scipy/stats/tests/data/studentized_range_mpmath_ref.json,
//   made by its studentized_range_mpmath_ref.py), the cases above 1e-11 (below it the file's own tolerance,
//   atol = 1e-11, makes its values meaningless: for q = 0.1, k = 20, ν = 120 it says 4.9e-28, where the exact
//   small-q limit k·q^(k−1)·(2π)^(−(k−1)/2)·E[S^(k−1)]/√k gives 2.2e-26).
// - Identities: k = 2 is Student's t (Q = √2·|T|); ν = ∞, k = 2 is |N(0, 2)| (P(Q > q) = erfc(q/2)); ν = ∞ is the
//   range of k standard normals (checked by simulation).

function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `computed ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('studentized range: Harter (1960) table 3', () => {
  const q95 = [17.97, 45.4, 54.33, 59.56, 4.501, 8.853, 10.35, 11.24, 3.151, 5.305, 6.028, 6.467, 2.95, 4.768, 5.357, 5.714, 2.8, 4.363, 4.842, 5.126, 2.772, 4.286, 4.743, 5.012];
  const q99 = [90.03, 227.2, 271.8, 298.0, 8.261, 15.64, 18.22, 19.77, 4.482, 6.875, 7.712, 8.226, 4.024, 5.839, 6.45, 6.823, 3.702, 5.118, 5.562, 5.827, 3.643, 4.987, 5.4, 5.645];
  const q999 = [900.3, 2272, 2718, 2980, 18.28, 34.12, 39.69, 43.05, 6.487, 9.352, 10.39, 11.03, 5.444, 7.313, 7.966, 8.37, 4.772, 6.039, 6.448, 6.695, 4.654, 5.823, 6.191, 6.411];
  const degrees = [1, 3, 10, 20, 120, Infinity];
  const groups = [2, 8, 14, 20];
  const cases: [number, number, number, number][] = [];
  for (const [level, table] of [[0.95, q95], [0.99, q99], [0.999, q999]] as const) {
    table.forEach((q, index) => cases.push([level, degrees[Math.floor(index / 4)]!, groups[index % 4]!, q]));
  }
  it.each(cases)('P(Q > q) = %d at the tabulated q (ν = %d, k = %d, q = %d) to the table\'s last digit', (level, nu, k, q) => {
    // The tabulated q is the quantile rounded to 4 significant figures; the true quantile lies within a unit of
    // its last place, so the upper tail changes sign across q ± 1 unit. One entry (ν = 120, k = 2, 0.999) is
    // 1.2 units off in the table: k = 2 is Student's t, √2·t_{0.9995, 120} = 4.7708 against 4.772; hence 1.25.
    const unit = 1.25 * 10 ** (Math.floor(Math.log10(q)) - 3);
    expect(studentizedRangeSurvival(q - unit, k, nu)).toBeGreaterThan(1 - level);
    expect(studentizedRangeSurvival(q + unit, k, nu)).toBeLessThan(1 - level);
  });
  it('gives the critical values the issue quotes: 3.877, 4.232 and 4.120', () => {
    expect(studentizedRangeQuantile(0.95, 3, 10).toFixed(3)).toBe('3.877');
    expect(studentizedRangeQuantile(0.95, 5, 20).toFixed(3)).toBe('4.232');
    expect(studentizedRangeQuantile(0.99, 3, Infinity).toFixed(3)).toBe('4.120');
  });
});

describe('studentized range: mpmath values (scipy test data)', () => {
  // [q, k, ν, P(Q ≤ q)]
  const mpmath: [number, number, number, number][] = [
    [0.1, 3, 3, 0.0027502772229359594],
    [0.1, 3, 10, 0.0027520560662338336],
    [0.1, 3, 20, 0.002752437649536182],
    [0.1, 3, 50, 0.002752666667812431],
    [0.1, 3, 100, 0.0027527430186246545],
    [0.1, 3, 120, 0.002752755744313648],
    [0.1, 10, 3, 1.7362668562706085e-11],
    [1, 3, 3, 0.22331624289542043],
    [1, 3, 10, 0.23510918942128056],
    [1, 3, 20, 0.23786536230099864],
    [1, 3, 50, 0.2395624637676257],
    [1, 3, 100, 0.2401356460422021],
    [1, 3, 120, 0.24023154593376422],
    [1, 10, 3, 0.003971273224673166],
    [1, 10, 10, 0.001300816146573152],
    [1, 10, 20, 0.0008732969319364606],
    [1, 10, 50, 0.000651656693149116],
    [1, 10, 100, 0.0005841098057517027],
    [1, 10, 120, 0.0005731712496327297],
    [1, 20, 3, 9.2267674885784e-5],
    [1, 20, 10, 2.746798012658064e-6],
    [1, 20, 20, 5.807700350854172e-7],
    [1, 20, 50, 1.5682573722040226e-7],
    [1, 20, 100, 9.147637957472628e-8],
    [1, 20, 120, 8.306675539750552e-8],
    [4, 3, 3, 0.8711786295203324],
    [4, 3, 10, 0.9566506502400175],
    [4, 3, 50, 0.9818862781476212],
    [4, 3, 120, 0.9849546621386962],
  ];
  it.each(mpmath)('P(Q ≤ %d) for k = %d, ν = %d is %d to 1e-12 relative; the upper tail is its complement', (q, k, nu, expected) => {
    expectRelative(studentizedRangeCdf(q, k, nu), expected, 1e-12);
    expect(Math.abs(studentizedRangeSurvival(q, k, nu) - (1 - expected))).toBeLessThanOrEqual(2e-15);
  });
});

describe('studentized range: k = 2 is Student\'s t', () => {
  it.each([
    [0.3, 1],
    [2, 1],
    [40, 1],
    [1, 2.5],
    [3, 4],
    [5.5, 10],
    [12, 10],
    [2.8, 27],
    [4, 120],
    [3, 5000],
  ])('P(Q > %d) with ν = %d equals P(|T| > q/√2), to 1e-12 relative', (q, nu) => {
    expectRelative(studentizedRangeSurvival(q, 2, nu), studentTTwoSidedTail(q / Math.SQRT2, nu), 1e-12);
  });
  it('keeps its relative accuracy far in the upper tail (p near 1e-30)', () => {
    expectRelative(studentizedRangeSurvival(60, 2, 30), studentTTwoSidedTail(60 / Math.SQRT2, 30), 1e-11);
  });
});

describe('studentized range with ν = ∞: the range of k normals', () => {
  it.each([0.05, 0.5, 2, 5, 10, 20, 40])('k = 2: P(W > %d) = erfc(w/2), also tiny', (w) => {
    expectRelative(studentizedRangeSurvival(w, 2, Infinity), erfc(w / 2), 1e-13);
    expectRelative(studentizedRangeCdf(w, 2, Infinity), 1 - erfc(w / 2), 1e-13);
  });
  it('scipy 1.17.1 and mpmath agree on P(W ≤ 1) for k = 10: 5.1986945546412e-4 (R\'s ptukey gives 5.19869467e-4)', () => {
    // mpmath.quad at 30 digits over the inner integral, and scipy.stats.studentized_range.cdf(1, 10, inf).
    expectRelative(normalRangeCdf(1, 10), 5.198694554641245e-4, 1e-13);
  });
  it('agrees with the simulated range of 4 standard normals (200,000 draws, within 4 standard errors)', () => {
    const random = createRandom(7);
    const draws = 200_000;
    const thresholds = [1, 2, 3, 4.5];
    const below = thresholds.map(() => 0);
    for (let draw = 0; draw < draws; draw++) {
      let smallest = Infinity;
      let largest = -Infinity;
      for (let value = 0; value < 4; value++) {
        // Box–Muller.
        const normal = Math.sqrt(-2 * Math.log(1 - random.nextFloat64())) * Math.cos(2 * Math.PI * random.nextFloat64());
        smallest = Math.min(smallest, normal);
        largest = Math.max(largest, normal);
      }
      thresholds.forEach((threshold, index) => {
        if (largest - smallest <= threshold) below[index]!++;
      });
    }
    thresholds.forEach((threshold, index) => {
      const probability = studentizedRangeCdf(threshold, 4, Infinity);
      const standardError = Math.sqrt((probability * (1 - probability)) / draws);
      expect(Math.abs(below[index]! / draws - probability)).toBeLessThan(4 * standardError);
    });
  });
  it('the limit ν → ∞ is continuous: ν = 10^7 is within 1e-6 of ν = ∞', () => {
    expect(Math.abs(studentizedRangeSurvival(3.5, 5, 1e7) - studentizedRangeSurvival(3.5, 5, Infinity))).toBeLessThan(1e-6);
  });
});

describe('studentized range: quantile and domain', () => {
  it.each([
    [0.5, 3, 10],
    [0.95, 4, 27],
    [0.999, 6, 60],
    [1e-4, 5, 15],
    [0.99, 3, Infinity],
  ])('P(Q ≤ quantile(%d)) returns the probability for k = %d, ν = %d', (probability, k, nu) => {
    const q = studentizedRangeQuantile(probability, k, nu);
    if (probability > 0.5) expectRelative(studentizedRangeSurvival(q, k, nu), 1 - probability, 1e-11);
    else expectRelative(studentizedRangeCdf(q, k, nu), probability, 1e-11);
  });
  it('handles the end points and invalid parameters', () => {
    expect(studentizedRangeCdf(0, 3, 10)).toBe(0);
    expect(studentizedRangeSurvival(0, 3, 10)).toBe(1);
    expect(studentizedRangeSurvival(Infinity, 3, 10)).toBe(0);
    expect(studentizedRangeQuantile(0, 3, 10)).toBe(0);
    expect(studentizedRangeQuantile(1, 3, 10)).toBe(Infinity);
    expect(studentizedRangeCdf(Number.NaN, 3, 10)).toBeNaN();
    expect(studentizedRangeCdf(2, 1, 10)).toBeNaN();
    expect(studentizedRangeCdf(2, 3, 0)).toBeNaN();
    expect(studentizedRangeQuantile(1.5, 3, 10)).toBeNaN();
  });
});

describe('Φ(x + w) − Φ(x)', () => {
  it('keeps its relative accuracy for tiny widths (midpoint series) and matches the tail difference elsewhere', () => {
    // For tiny w the difference is w·φ(x + w/2)·(1 + O(w²)).
    for (const x of [-3, -0.5, 0, 1.2, 6]) {
      const w = 1e-9;
      expectRelative(normalProbabilityBetween(x, w), w * Math.exp(-0.5 * (x + w / 2) ** 2) / Math.sqrt(2 * Math.PI), 1e-15);
    }
    // Where both ways are accurate they agree: width 0.9 (series) against erfc differences.
    for (const x of [-2, -0.45, 0.3, 1.5]) {
      const tails = x >= 0 ? 0.5 * (erfc(x / Math.SQRT2) - erfc((x + 0.9) / Math.SQRT2)) : 0.5 * (erfc(-(x + 0.9) / Math.SQRT2) - erfc(-x / Math.SQRT2));
      expectRelative(normalProbabilityBetween(x, 0.9), tails, 1e-14);
    }
  });
});

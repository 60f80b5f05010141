import { describe, expect, it } from 'vitest';
import { binomialHalfCdf } from './binomial-distribution.js';
import { erfc } from './error-function.js';
import { incompleteBeta } from './incomplete-beta.js';
import { logBeta, logGamma } from './log-gamma.js';
import { normalCdf, normalSurvival } from './normal-distribution.js';
import { studentTCdf, studentTQuantile, studentTSurvival, studentTTwoSidedTail } from './student-t-distribution.js';

// Known answers here come from closed forms (Student's t with 1 and 2 degrees of freedom, Beta(a, 1), Γ at
// integers and half-integers), exact rational sums (binomial), and published tables (erfc from Abramowitz and
// Stegun's table 7.1, normal quantiles). The scipy values of ref_tests.json are checked in test/stats-reference.

function expectRelative(actual: number, expected: number, tolerance = 1e-13): void {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `computed ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('erfc', () => {
  it.each([
    // 20 significant digits, written as strings because a double holds only 17.
    [0.5, '0.4795001221869534623'],
    [1, '0.15729920705028513066'],
    [2, '0.004677734981047265838'],
    [3, '2.20904969985854413e-5'],
    [4, '1.541725790028001885e-8'],
    [5, '1.5374597944280348502e-12'],
    [10, '2.088487583762544757e-45'],
  ])('erfc(%d) matches the table to 1e-14 relative', (x, digits) => {
    const expected = Number(digits);
    expectRelative(erfc(x), expected, 1e-14);
    expectRelative(erfc(-x), 2 - expected, 1e-15);
  });
  it('is 1 at 0 and keeps relative accuracy across the series / continued-fraction switch at 1', () => {
    expect(erfc(0)).toBe(1);
    // Continuity at the switch: the two algorithms agree on both sides to 1e-14.
    expectRelative(erfc(1 - 1e-12), erfc(1 + 1e-12), 1e-11);
  });
});

describe('normal distribution', () => {
  it.each([
    [1.959963984540054, 0.025],
    [2.3263478740408408, 0.01],
    [3.090232306167813, 0.001],
  ])('the published quantile %d leaves %d in the upper tail', (z, tail) => {
    expectRelative(normalSurvival(z), tail, 1e-14);
    expectRelative(normalCdf(-z), tail, 1e-14);
    expectRelative(normalCdf(z), 1 - tail, 1e-15);
  });
});

describe("Student's t distribution", () => {
  it.each([0.001, 0.3, 1, 2.5, 10, 1e3, 1e8])('with 1 degree of freedom (Cauchy) at t = %d', (t) => {
    // P(|T| > t) = (2/π)·atan(1/t) for the Cauchy distribution.
    expectRelative(studentTTwoSidedTail(t, 1), (2 / Math.PI) * Math.atan(1 / t));
  });
  it.each([0.001, 0.3, 1, 2.5, 10, 1e3, 1e6])('with 2 degrees of freedom at t = %d', (t) => {
    // P(|T| > t) = 1 − t/√(2 + t²) = 2 / (√(2 + t²)(√(2 + t²) + t)).
    const root = Math.sqrt(2 + t * t);
    expectRelative(studentTTwoSidedTail(t, 2), 2 / (root * (root + t)));
    expectRelative(studentTSurvival(t, 2), 1 / (root * (root + t)));
    expectRelative(studentTCdf(-t, 2), 1 / (root * (root + t)));
  });
  it.each([0.6, 0.9, 0.975, 0.999, 1 - 1e-9])('quantiles with 1 and 2 degrees of freedom at p = %d', (p) => {
    // Written with the upper tail q = 1 − p (exact in floating point here), where the closed forms are well
    // conditioned: ν = 1: t = cot(πq); ν = 2: t = (1 − 2q) / √(2q(1 − q)).
    const q = 1 - p;
    expectRelative(studentTQuantile(p, 1), 1 / Math.tan(Math.PI * q), 1e-12);
    expectRelative(studentTQuantile(p, 2), (1 - 2 * q) / Math.sqrt(2 * q * (1 - q)), 1e-12);
    expectRelative(studentTQuantile(q, 2), -(1 - 2 * q) / Math.sqrt(2 * q * (1 - q)), 1e-12);
  });
  it('gives 0 tail at infinity and 1 at 0', () => {
    expect(studentTTwoSidedTail(Infinity, 5)).toBe(0);
    expect(studentTTwoSidedTail(0, 5)).toBe(1);
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });
  it('approaches the normal distribution for many degrees of freedom (two independent algorithms agree)', () => {
    // The t tail exceeds the normal tail by O(1/ν): a relative 6e-6 at ν = 10^6 and t = 2.
    for (const t of [0.5, 1, 1.5, 2]) expectRelative(studentTTwoSidedTail(t, 1e6), 2 * normalSurvival(t), 1e-5);
  });
});

describe('log Γ and log B', () => {
  it('matches log((n − 1)!) and Γ(n + ½) = (2n)! √π / (4ⁿ n!)', () => {
    let factorial = 1;
    for (let n = 1; n <= 30; n++) {
      expect(Math.abs(logGamma(n) - Math.log(factorial))).toBeLessThan(1e-13 * Math.max(1, Math.log(factorial)));
      factorial *= n;
    }
    expect(Math.abs(logGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(4e-15);
    expect(Math.abs(logGamma(3.5) - Math.log((15 / 8) * Math.sqrt(Math.PI)))).toBeLessThan(4e-15);
  });
  it('log B(a, 1) = −log a and log B(a, b) is symmetric', () => {
    for (const a of [0.5, 3, 12.5, 1e3, 1e6]) {
      expect(Math.abs(logBeta(a, 1) + Math.log(a))).toBeLessThan(1e-12 * Math.max(1, Math.log(a)));
      expect(logBeta(a, 7.25)).toBe(logBeta(7.25, a));
    }
  });
});

describe('regularized incomplete beta', () => {
  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b, on both sides of the mean', () => {
    for (const x of [1e-6, 0.1, 0.5, 0.9, 0.999]) {
      for (const a of [0.5, 2, 30]) {
        const pair = incompleteBeta(x, a, 1);
        expectRelative(pair.lower, x ** a, 1e-13);
        expectRelative(incompleteBeta(x, 1, a).upper, (1 - x) ** a, 1e-13);
      }
    }
  });
  it('handles the end points', () => {
    expect(incompleteBeta(0, 2, 3)).toEqual({ lower: 0, upper: 1 });
    expect(incompleteBeta(1, 2, 3)).toEqual({ lower: 1, upper: 0 });
  });
});

describe('binomial(n, ½) lower tail', () => {
  /** Exact P(X ≤ k) as a rational with BigInt, then rounded once. */
  function exactTail(successes: number, trials: number): number {
    let coefficient = 1n;
    let sum = 0n;
    for (let i = 0; i <= successes; i++) {
      sum += coefficient;
      coefficient = (coefficient * BigInt(trials - i)) / BigInt(i + 1);
    }
    // sum / 2^n: keep the top 60 bits of the sum, then scale by a power of two.
    const dropped = Math.max(0, sum.toString(2).length - 60);
    return Number(sum >> BigInt(dropped)) * 2 ** (dropped - trials);
  }
  it.each([
    [0, 1],
    [3, 10],
    [21, 50],
    [18, 43],
    [100, 1000],
    [480, 1000],
    [499, 1000],
  ])('P(X ≤ %d) for n = %d equals the exact rational sum', (successes, trials) => {
    expectRelative(binomialHalfCdf(successes, trials), exactTail(successes, trials), 1e-13);
  });
  it('is 0 below 0 and 1 from n on', () => {
    expect(binomialHalfCdf(-1, 5)).toBe(0);
    expect(binomialHalfCdf(5, 5)).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  bootstrapTest,
  InvalidArgumentError,
  MetricsError,
  pairedTTest,
  randomizationTest,
  signTest,
  wilcoxonSignedRank,
} from '../src/index.js';
import type { PairedTestResult, Scores } from '../src/index.js';

// Independent references written here from the definitions: brute-force enumeration of all 2^n sign vectors
// (for the randomization test and the Wilcoxon permutation distribution), so the fast paths (byte tables,
// meet-in-the-middle, dynamic programming) are checked against the plainest possible code.

const allTests = {
  pairedTTest,
  randomizationTest,
  bootstrapTest,
  wilcoxonSignedRank,
  signTest,
} as const;

/** Brute force: every sign vector, recursively, with the plain sum. */
function bruteForceSignFlips(differences: readonly number[], statistic: (signed: number[]) => number): number[] {
  const values: number[] = [];
  const visit = (index: number, signed: number[]): void => {
    if (index === differences.length) {
      values.push(statistic(signed));
      return;
    }
    visit(index + 1, [...signed, differences[index]!]);
    visit(index + 1, [...signed, -differences[index]!]);
  };
  visit(0, []);
  return values;
}

const scoresArbitrary = (minLength: number, maxLength: number) =>
  fc
    .integer({ min: minLength, max: maxLength })
    .chain((length) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: length, maxLength: length }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: length, maxLength: length }),
      ),
    )
    // Scores on a 0.05 grid, like P@20: many ties and zero differences.
    .map(([system, baseline]) => [system.map((value) => value / 20), baseline.map((value) => value / 20)] as const);

describe('input errors', () => {
  it.each(Object.entries(allTests))('%s rejects arrays of different lengths with a typed error', (name, test) => {
    const call = () => (test as (s: Scores, b: Scores) => PairedTestResult)([0.1, 0.2, 0.3], [0.1, 0.2]);
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(`${name}: the system has 3 scores and the baseline 2`);
  });
  it.each(Object.entries(allTests))('%s rejects empty arrays, NaN, Infinity and holes', (name, test) => {
    const run = test as (s: Scores, b: Scores) => PairedTestResult;
    expect(() => run([], [])).toThrow(`${name}: needs the scores of at least 2 queries, got 0`);
    expect(() => run([0.1, Number.NaN], [0.1, 0.2])).toThrow('the system score at index 1 must be a finite number, got NaN');
    expect(() => run([0.1, 0.2], [Infinity, 0.2])).toThrow('the baseline score at index 0 must be a finite number');
    const withHole: number[] = [0.1];
    withHole[2] = 0.3; // index 1 is a hole
    expect(() => run(withHole, [0.1, 0.2, 0.3])).toThrow('got undefined (a hole in the array)');
    try {
      run([0.1], [0.2]);
    } catch (error) {
      expect(MetricsError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe('system');
    }
  });
  it('rejects options out of their domain', () => {
    const system = [0.1, 0.5, 0.3];
    const baseline = [0.2, 0.2, 0.2];
    expect(() => pairedTTest(system, baseline, { confidenceLevel: 1 })).toThrow(InvalidArgumentError);
    // @ts-expect-error an alternative that does not exist
    expect(() => pairedTTest(system, baseline, { alternative: 'bigger' })).toThrow("alternative must be 'two-sided'");
    expect(() => randomizationTest(system, baseline, { permutations: 0 })).toThrow('permutations must be a positive integer');
    expect(() => randomizationTest(system, baseline, { seed: 0.5 })).toThrow('seed must be an integer');
    expect(() => bootstrapTest(system, baseline, { resamples: 1.5 })).toThrow('resamples must be a positive integer');
    expect(() => signTest(system, baseline, { threshold: -0.01 })).toThrow('threshold must be a finite number ≥ 0');
    // @ts-expect-error a zero method that does not exist
    expect(() => wilcoxonSignedRank(system, baseline, { zeroMethod: 'drop' })).toThrow("zeroMethod must be 'wilcox'");
    const many = Array.from({ length: 41 }, (_, query) => query / 41);
    expect(() => randomizationTest(many, many.map((value) => value / 2), { method: 'exact' })).toThrow(
      'supports at most 40 queries, got 41',
    );
    expect(() => adjustPValues([0.2, 1.2], 'holm')).toThrow('p-value at index 1 must be a number in [0, 1], got 1.2');
    // @ts-expect-error a method that does not exist
    expect(() => adjustPValues([0.2], 'sidak')).toThrow("method must be 'holm', 'bonferroni', 'bh' or 'none'");
  });
});

describe('degenerate inputs', () => {
  const same = [0.2, 0.4, 0.6, 0.8];
  it.each(Object.entries(allTests))('%s gives p = 1 when the two systems are identical', (_, test) => {
    const result = (test as (s: Scores, b: Scores) => PairedTestResult)(same, same);
    expect(result.pValue).toBe(1);
    expect(result.meanDifference).toBe(0);
    expect(result.cohenDz).toBe(0);
    expect([result.wins, result.ties, result.losses]).toEqual([0, 4, 0]);
  });
  it('the t-test gives t = +Infinity and p = 0 for a constant improvement, and a zero-width interval', () => {
    const result = pairedTTest([0.5, 0.5, 0.5], [0.25, 0.25, 0.25]);
    expect(result.statistic).toBe(Infinity);
    expect(result.pValue).toBe(0);
    expect(result.cohenDz).toBe(Infinity);
    expect(result.confidenceInterval).toEqual({ level: 0.95, lower: 0.25, upper: 0.25 });
    expect(pairedTTest([0.5, 0.5, 0.5], [0.25, 0.25, 0.25], { alternative: 'less' }).pValue).toBe(1);
  });
  it('the sign test ignores differences within the threshold, rounding included', () => {
    // 0.52 − 0.51 = 0.010000000000000009 in floating point: a tie at δ = 0.01, not a win.
    const result = signTest([0.52, 0.9, 0.3], [0.51, 0.5, 0.5], { threshold: 0.01 });
    expect(result.trials).toBe(2);
    expect(result.statistic).toBe(1);
  });
});

describe('randomization test', () => {
  const system = [0.62, 0.31, 0.55, 0.27, 0.65, 0.55, 0.32, 0.79, 0.23, 0.54, 0.4, 0.58];
  const baseline = [0.42, 0.31, 0.55, 0.2, 0.61, 0.48, 0.33, 0.7, 0.15, 0.52, 0.45, 0.5];
  const differences = system.map((value, index) => value - baseline[index]!);
  const observed = Math.abs(differences.reduce((sum, value) => sum + value, 0));
  const sums = bruteForceSignFlips(differences, (signed) => signed.reduce((sum, value) => sum + value, 0));
  const bruteForceP = sums.filter((sum) => Math.abs(sum) >= observed - 1e-12).length / sums.length;

  it('exact enumeration equals the brute-force count over all 2^12 sign vectors', () => {
    const result = randomizationTest(system, baseline);
    expect(result.method).toBe('exact');
    expect(result.permutations).toBe(4096);
    expect(result.pValue).toBe(bruteForceP);
  });
  it('Monte Carlo is reproducible for a seed, changes with it, and lands within 4 standard errors of exact', () => {
    const options = { method: 'monte-carlo', permutations: 20_000, seed: 2024 } as const;
    const first = randomizationTest(system, baseline, options);
    const again = randomizationTest(system, baseline, options);
    const otherSeed = randomizationTest(system, baseline, { ...options, seed: 7 });
    expect(again).toEqual(first);
    expect(otherSeed.extremeCount).not.toBe(first.extremeCount);
    expect(first.pValue).toBe((first.extremeCount + 1) / 20_001);
    const standardError = Math.sqrt((bruteForceP * (1 - bruteForceP)) / 20_000);
    expect(Math.abs(first.pValue - bruteForceP)).toBeLessThan(4 * standardError);
  });
  it('counts ties with the observed sum on a score grid (P@10-like values)', () => {
    // Differences ±0.1 and ±0.2: many sign vectors tie with the observed sum exactly in theory, not in floating point.
    const tiedSystem = [0.3, 0.5, 0.2, 0.7, 0.4, 0.6];
    const tiedBaseline = [0.2, 0.3, 0.1, 0.5, 0.3, 0.5];
    const tiedDifferences = [1, 2, 1, 2, 1, 1]; // in units of 0.1
    const integerSums = bruteForceSignFlips(tiedDifferences, (signed) => signed.reduce((sum, value) => sum + value, 0));
    const expected = integerSums.filter((sum) => Math.abs(sum) >= 8).length / 64;
    expect(randomizationTest(tiedSystem, tiedBaseline).pValue).toBe(expected);
  });
});

describe('Wilcoxon permutation distribution', () => {
  it('equals brute-force enumeration of W+ over all sign vectors, with ties and zeros, for every zero method', () => {
    const system = [0.5, 0.3, 0.9, 0.4, 0.45, 0.7, 0.2, 0.6, 0.8, 0.35, 0.1, 0.55];
    const baseline = [0.4, 0.3, 0.7, 0.5, 0.35, 0.7, 0.1, 0.8, 0.6, 0.25, 0.1, 0.45];
    for (const zeroMethod of ['wilcox', 'pratt', 'zsplit'] as const) {
      const result = wilcoxonSignedRank(system, baseline, { method: 'permutation', zeroMethod });
      // Brute force: rank |d| (with zeros unless wilcox), then W+ of each sign vector of the non-zero ones.
      const differences = system.map((value, index) => value - baseline[index]!);
      const ranked = zeroMethod === 'wilcox' ? differences.filter((value) => value !== 0) : differences;
      const magnitudes = ranked.map(Math.abs);
      const rankOf = (value: number): number => {
        const below = magnitudes.filter((other) => other < value).length;
        const equal = magnitudes.filter((other) => other === value).length;
        return below + (equal + 1) / 2;
      };
      const zeroHalf = zeroMethod === 'zsplit' ? ranked.filter((value) => value === 0).map(() => rankOf(0)).reduce((a, b) => a + b, 0) / 2 : 0;
      const nonZero = ranked.filter((value) => value !== 0);
      const wPlusOf = (signed: number[]): number =>
        signed.reduce((sum, value, index) => sum + (value > 0 ? rankOf(Math.abs(nonZero[index]!)) : 0), 0) + zeroHalf;
      const observed = wPlusOf(nonZero);
      expect(result.wPlus).toBe(observed);
      const all = bruteForceSignFlips(nonZero, wPlusOf);
      const lower = all.filter((value) => value <= observed).length / all.length;
      const upper = all.filter((value) => value >= observed).length / all.length;
      expect(result.pValue).toBeCloseTo(Math.min(1, 2 * Math.min(lower, upper)), 14);
      expect(wilcoxonSignedRank(system, baseline, { method: 'permutation', zeroMethod, alternative: 'greater' }).pValue)
        .toBeCloseTo(upper, 14);
    }
  });
  it("auto uses scipy's choices: exact without ties or zeros, permutation for n ≤ 13 otherwise, normal above", () => {
    const noTies = wilcoxonSignedRank([0.5, 0.31, 0.93, 0.44], [0.4, 0.3, 0.7, 0.5]);
    expect(noTies.method).toBe('exact');
    const smallWithZero = wilcoxonSignedRank([0.5, 0.3, 0.9, 0.4], [0.4, 0.3, 0.7, 0.5]);
    expect(smallWithZero.method).toBe('permutation');
    const fifteenWithZero = Array.from({ length: 15 }, (_, query) => query / 15);
    const shifted = fifteenWithZero.map((value, query) => (query === 0 ? value : value + 0.01 * query));
    expect(wilcoxonSignedRank(shifted, fifteenWithZero).method).toBe('asymptotic');
    const large = Array.from({ length: 51 }, (_, query) => Math.sin(query) + 2);
    expect(wilcoxonSignedRank(large, large.map((value) => value - 0.1)).method).toBe('asymptotic');
  });
});

describe('bootstrap test', () => {
  const system = [0.62, 0.31, 0.55, 0.27, 0.65, 0.55, 0.32, 0.79, 0.23, 0.54];
  const baseline = [0.42, 0.31, 0.5, 0.2, 0.61, 0.48, 0.33, 0.7, 0.15, 0.52];
  it('is reproducible for a seed and its percentile interval brackets the mean difference', () => {
    const first = bootstrapTest(system, baseline, { seed: 5 });
    expect(bootstrapTest(system, baseline, { seed: 5 })).toEqual(first);
    expect(bootstrapTest(system, baseline, { seed: 6 }).extremeCount).not.toBe(first.extremeCount);
    expect(first.bootstrapConfidenceInterval.lower).toBeLessThan(first.meanDifference);
    expect(first.bootstrapConfidenceInterval.upper).toBeGreaterThan(first.meanDifference);
    expect(first.pValue).toBe((first.extremeCount + 1) / (first.resamples + 1));
  });
  it('agrees with the t-test and the randomization test on a clear improvement (all p < 0.01)', () => {
    const bootstrap = bootstrapTest(system, baseline);
    const centredOnObserved = bootstrapTest(system, baseline, { centering: 'observed-mean' });
    expect(bootstrap.pValue).toBeLessThan(0.01);
    expect(centredOnObserved.pValue).toBeLessThan(0.01);
    expect(pairedTTest(system, baseline).pValue).toBeLessThan(0.01);
    expect(randomizationTest(system, baseline).pValue).toBeLessThan(0.01);
  });
});

describe('properties', () => {
  const twoSided = {
    pairedTTest: (s: Scores, b: Scores) => pairedTTest(s, b),
    randomizationExact: (s: Scores, b: Scores) => randomizationTest(s, b),
    randomizationMonteCarlo: (s: Scores, b: Scores) =>
      randomizationTest(s, b, { method: 'monte-carlo', permutations: 500, seed: 3 }),
    bootstrapTest: (s: Scores, b: Scores) => bootstrapTest(s, b, { resamples: 500, seed: 3 }),
    wilcoxonAuto: (s: Scores, b: Scores) => wilcoxonSignedRank(s, b),
    wilcoxonExact: (s: Scores, b: Scores) => wilcoxonSignedRank(s, b, { method: 'exact' }),
    wilcoxonAsymptoticCorrected: (s: Scores, b: Scores) =>
      wilcoxonSignedRank(s, b, { method: 'asymptotic', correction: true, zeroMethod: 'pratt' }),
    signTest: (s: Scores, b: Scores) => signTest(s, b),
  };
  it.each(Object.entries(twoSided))('%s: p in [0, 1] and unchanged when the systems swap', (_, run) => {
    fc.assert(
      fc.property(scoresArbitrary(2, 14), ([system, baseline]) => {
        const forward = run(system, baseline);
        const backward = run(baseline, system);
        expect(forward.pValue).toBeGreaterThanOrEqual(0);
        expect(forward.pValue).toBeLessThanOrEqual(1);
        expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
        expect(backward.meanDifference).toBeCloseTo(-forward.meanDifference, 12);
        expect([backward.wins, backward.ties, backward.losses]).toEqual([forward.losses, forward.ties, forward.wins]);
      }),
      { numRuns: 60 },
    );
  });
  it.each([
    ['pairedTTest', pairedTTest],
    ['randomizationTest', randomizationTest],
    ['wilcoxonSignedRank', wilcoxonSignedRank],
    ['signTest', signTest],
  ] as const)('%s: greater for (system, baseline) equals less for (baseline, system)', (_, test) => {
    fc.assert(
      fc.property(scoresArbitrary(2, 14), ([system, baseline]) => {
        const run = test as (s: Scores, b: Scores, o: { alternative: 'greater' | 'less' }) => PairedTestResult;
        const greater = run(system, baseline, { alternative: 'greater' }).pValue;
        expect(run(baseline, system, { alternative: 'less' }).pValue).toBeCloseTo(greater, 12);
        expect(greater).toBeGreaterThanOrEqual(0);
        expect(greater).toBeLessThanOrEqual(1);
      }),
      { numRuns: 60 },
    );
  });
  it('adjustPValues: each method keeps the order of the raw p-values, never goes below them nor above 1', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (raw) => {
        const holm = adjustPValues(raw, 'holm');
        const bonferroni = adjustPValues(raw, 'bonferroni');
        const bh = adjustPValues(raw, 'bh');
        for (const adjusted of [holm, bonferroni, bh]) {
          expect(adjusted).toHaveLength(raw.length);
          raw.forEach((value, index) => {
            expect(adjusted[index]!).toBeGreaterThanOrEqual(value);
            expect(adjusted[index]!).toBeLessThanOrEqual(1);
            raw.forEach((other, otherIndex) => {
              if (value <= other) expect(adjusted[index]!).toBeLessThanOrEqual(adjusted[otherIndex]!);
            });
          });
        }
        // Holm is never more conservative than Bonferroni, and BH never more than Holm.
        raw.forEach((_, index) => {
          expect(holm[index]!).toBeLessThanOrEqual(bonferroni[index]!);
          expect(bh[index]!).toBeLessThanOrEqual(holm[index]! + 1e-15);
        });
      }),
      { numRuns: 200 },
    );
  });
});

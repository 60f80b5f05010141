import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  MetricsError,
  pairedTTest,
  pairedTukeyHsd,
  randomizationTest,
  randomizedTukeyHsd,
  tukeyHsd,
} from '../src/index.js';
import { createRandom } from '../src/_internal/random.js';

// Known answers: scipy 1.17.1 and numpy, printed by test/tukey-reference.py (run it to see how each number was
// made). scipy.stats.tukey_hsd for the one-way test and Games-Howell; for the paired (two-way ANOVA) test, scipy has
// no function, so the script computes V_E explicitly with numpy and the p-values with
// scipy.stats.studentized_range.sf. scipy's sf is 1 - cdf integrated to an absolute 1e-11, hence the absolute
// tolerance on p-values below; its ppf is a root of that cdf, hence 1e-9 on the interval bounds.
const scipy = {"docs": {"statistic": [[0.0, -4.600000000000001, -0.26000000000000156], [4.600000000000001, 0.0, 4.34], [0.26000000000000156, -4.34, 0.0]], "pValue": [[1.0, 0.01444832673640073, 0.9803107240941081], [0.01444832673640073, 1.0, 0.02033113673971476], [0.9803107240941081, 0.02033113673971476, 1.0]], "lower": [[-3.649159003581286, -8.249159003581287, -3.9091590035812875], [0.9508409964187154, -3.649159003581286, 0.6908409964187139], [-3.3891590035812844, -7.989159003581285, -3.649159003581286]], "upper": [[3.649159003581286, -0.9508409964187154, 3.3891590035812844], [8.249159003581287, 3.649159003581286, 7.989159003581285], [3.9091590035812875, -0.6908409964187139, 3.649159003581286]]}, "unequal": {"statistic": [[0.0, -4.600000000000001, -0.8366666666666696], [4.600000000000001, 0.0, 3.763333333333332], [0.8366666666666696, -3.763333333333332, 0.0]], "pValue": [[1.0, 0.017010714125690773, 0.8157972076100912], [0.017010714125690773, 1.0, 0.04052442048920568], [0.8157972076100912, 0.04052442048920568, 1.0]], "lower": [[-3.765729454453678, -8.36572945445368, -4.4420781268371075], [0.8342705455463233, -3.765729454453678, 0.15792187316289397], [-2.7687447935037683, -7.36874479350377, -3.437624946109837]], "upper": [[3.765729454453678, -0.8342705455463233, 2.7687447935037683], [8.36572945445368, 3.765729454453678, 7.36874479350377], [4.4420781268371075, -0.15792187316289397, 3.437624946109837]]}, "gamesHowell": {"statistic": [[0.0, -4.600000000000001, -0.8366666666666696], [4.600000000000001, 0.0, 3.763333333333332], [0.8366666666666696, -3.763333333333332, 0.0]], "pValue": [[1.0, 0.0390580481290953, 0.8206208308171445], [0.0390580481290953, 1.0, 0.04999230141393862], [0.8206208308171445, 0.04999230141393862, 1.0]], "lower": [[-4.489735191291481, -8.943541680533915, -4.809511943104724], [0.25645831946608766, -4.182814368072067, 0.00013779143684455875], [-3.136178609771384, -7.526528875229819, -3.1644515923644723]], "upper": [[4.489735191291481, -0.25645831946608766, 3.136178609771384], [8.943541680533915, 4.182814368072067, 7.526528875229819], [4.809511943104724, -0.00013779143684455875, 3.1644515923644723]]}, "pairedAbc": {"meanSquareError": 0.0004776444444444447, "degreesOfFreedom": 18, "pValue": [[1.0, 0.0002771258841722801, 4.3118670565167605e-06], [0.0002771258841722801, 1.0, 0.12985644146032171], [4.3118670565167605e-06, 0.12985644146032171, 1.0]], "fStatistic": 26.05815576439938, "fPValue": 4.842626657917322e-06, "criticalValue95": 3.609303828706538}, "pairedFive": {"meanSquareError": 0.0013323214285714292, "degreesOfFreedom": 28, "pValue": [[1.0, 0.034143861660428154, 0.9886347000749137, 7.687620852236954e-06, 0.9886347000749143], [0.034143861660428154, 1.0, 0.01082109311010504, 0.024809524591457133, 0.09710795714282638], [0.9886347000749137, 0.01082109311010504, 1.0, 2.1848238073163273e-06, 0.8709795699989573], [7.687620852236954e-06, 0.024809524591457133, 2.1848238073163273e-06, 1.0, 2.754512094060857e-05], [0.9886347000749143, 0.09710795714282638, 0.8709795699989573, 2.754512094060857e-05, 1.0]], "fStatistic": 16.02747620962337, "fPValue": 6.181564954313283e-07, "criticalValue95": 4.1203001249292}} as const;

// Inputs of the cases above (the same lists as in test/tukey-reference.py).
const docs = [[24.5, 23.5, 26.4, 27.1, 29.9], [28.4, 34.2, 29.5, 32.2, 30.1], [26.1, 28.3, 24.3, 26.2, 27.8]];
const unequal = [[24.5, 23.5, 26.4, 27.1, 29.9], [28.4, 34.2, 29.5, 32.2, 30.1], [26.1, 28.3, 24.3, 26.2, 27.8, 30.0]];
const abc = [
  [0.421, 0.489, 0.509], [0.31, 0.305, 0.325], [0.555, 0.627, 0.647], [0.2, 0.271, 0.291], [0.612, 0.648, 0.668],
  [0.48, 0.55, 0.57], [0.333, 0.315, 0.335], [0.701, 0.792, 0.812], [0.15, 0.23, 0.25], [0.52, 0.541, 0.561],
];
const five = [
  [0.52, 0.61, 0.48, 0.7, 0.55], [0.31, 0.35, 0.3, 0.44, 0.29], [0.77, 0.8, 0.71, 0.86, 0.75], [0.12, 0.25, 0.15, 0.2, 0.18],
  [0.45, 0.47, 0.52, 0.58, 0.41], [0.66, 0.7, 0.6, 0.79, 0.69], [0.28, 0.4, 0.33, 0.39, 0.3], [0.9, 0.88, 0.85, 0.97, 0.91],
];

function expectMatrix(actual: number[][], expected: readonly (readonly number[])[], absolute: number, relative = 0): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) =>
    row.forEach((value, j) => {
      const reference = expected[i]![j]!;
      expect(Math.abs(value - reference), `[${i}][${j}]: computed ${value}, expected ${reference}`).toBeLessThanOrEqual(absolute + relative * Math.abs(reference));
    }),
  );
}

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected), `computed ${actual}, expected ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** Column j of a query × system matrix. */
const column = (rows: readonly (readonly number[])[], j: number): number[] => rows.map((row) => row[j]!);

describe('tukeyHsd (one-way, scipy.stats.tukey_hsd)', () => {
  it.each([
    ['docs', docs, scipy.docs, true],
    ['unequal sizes (Tukey-Kramer)', unequal, scipy.unequal, true],
    ['Games-Howell (equal_var=False)', unequal, scipy.gamesHowell, false],
  ] as const)('%s: statistic, p-values and 95%% intervals as scipy', (_name, groups, expected, equalVariances) => {
    const result = tukeyHsd(groups, { equalVariances });
    expect(result.test).toBe(equalVariances ? 'tukey-hsd' : 'games-howell');
    expectMatrix(result.statistic, expected.statistic, 1e-13, 1e-13);
    expectMatrix(result.pValue, expected.pValue, 1e-10);
    expectMatrix(result.confidenceInterval.lower, expected.lower, 1e-9);
    expectMatrix(result.confidenceInterval.upper, expected.upper, 1e-9);
  });
  it("scipy's documentation prints these 95% intervals to 3 decimals: (0 - 1) -8.249 ... -0.951", () => {
    const result = tukeyHsd(docs);
    expect(result.confidenceInterval.lower[0]![1]!.toFixed(6)).toBe('-8.249159');
    expect(result.confidenceInterval.upper[0]![1]!.toFixed(6)).toBe('-0.950841');
    expect(result.degreesOfFreedom).toBe(12);
  });
  it('zero pooled variance: equal means p = 1, different means p = 0', () => {
    const result = tukeyHsd([[1, 1, 1], [1, 1, 1], [2, 2, 2]]);
    expect(result.pValue[0]![1]).toBe(1);
    expect(result.pValue[0]![2]).toBe(0);
    expect(result.studentizedRange[0]![2]).toBe(Infinity);
  });
  it('refuses fewer than 2 groups, a group of 1 value, NaN, and a bad confidence level, with typed errors', () => {
    expect(() => tukeyHsd([[1, 2, 3]])).toThrow(/at least 2 groups, got 1/);
    expect(() => tukeyHsd([[1, 2], [3]])).toThrow(/group 1 has 1 value; every group needs at least 2/);
    expect(() => tukeyHsd([[1, 2], [3, Number.NaN]])).toThrow(/index 1 of group 1 must be a finite number, got NaN/);
    expect(() => tukeyHsd([[1, 2], [3, 4]], { confidenceLevel: 1 })).toThrow(/confidenceLevel/);
    try {
      tukeyHsd([[1, 2, 3]]);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(MetricsError.isInstance(error)).toBe(true);
    }
  });
});

describe('pairedTukeyHsd (two-way ANOVA without replication)', () => {
  it.each([
    ['ref_tests.json systems A, B, C (10 queries)', abc, scipy.pairedAbc],
    ['8 queries × 5 systems', five, scipy.pairedFive],
  ] as const)('%s: V_E, p-values, F test and critical value as numpy + scipy', (_name, rows, expected) => {
    const result = pairedTukeyHsd(rows);
    expect(result.degreesOfFreedom).toBe(expected.degreesOfFreedom);
    expectRelative(result.meanSquareError, expected.meanSquareError, 1e-12);
    expectMatrix(result.pValue, expected.pValue, 1e-10);
    expectRelative(result.anova.fStatistic, expected.fStatistic, 1e-12);
    expectRelative(result.anova.fPValue, expected.fPValue, 1e-10);
    expectRelative(result.confidenceInterval.criticalValue[0]![1]!, expected.criticalValue95, 1e-10);
  });
  it("with 2 systems it is the paired t-test: q = √2·|t| and the same p-value", () => {
    // (ref_tests.json's C is B + 0.02 rounded, so B against C has nearly constant differences: left out.)
    for (const [source, left, right] of [[abc, 0, 1], [abc, 0, 2], [five, 1, 3], [five, 0, 4]] as const) {
      const rows = source.map((row) => [row[left]!, row[right]!]);
      const tukey = pairedTukeyHsd(rows);
      const t = pairedTTest(column(rows, 0), column(rows, 1));
      expectRelative(tukey.studentizedRange[0]![1]!, Math.SQRT2 * Math.abs(t.statistic), 1e-12);
      expectRelative(tukey.pValue[0]![1]!, t.pValue, 1e-11);
    }
  });
  it('zero residual variance: equal means p = 1, different means p = 0', () => {
    // Dyadic scores and 4 queries × 4 systems, so that every mean and residual is exact in floating point.
    const result = pairedTukeyHsd([[0.125, 0.125, 0.375, 0.25], [0.5, 0.5, 0.75, 0.625], [0.25, 0.25, 0.5, 0.375], [0, 0, 0.25, 0.125]]);
    expect(result.meanSquareError).toBe(0);
    expect(result.pValue[0]![1]).toBe(1);
    expect(result.pValue[0]![2]).toBe(0);
  });
  it('refuses rows of different lengths, fewer than 2 queries or systems, and non-finite scores', () => {
    expect(() => pairedTukeyHsd([[1, 2, 3], [1, 2]])).toThrow(/row 1 has 2 scores and row 0 has 3; every query needs one score per system/);
    expect(() => pairedTukeyHsd([[1, 2, 3]])).toThrow(/at least 2 queries/);
    expect(() => pairedTukeyHsd([[1], [2]])).toThrow(/at least 2 systems/);
    expect(() => pairedTukeyHsd([[1, 2], [2, Infinity]])).toThrow(/query 1, system 1 must be a finite number, got Infinity/);
    expect(() => pairedTukeyHsd([[1, 2], [2, 3]], { confidenceLevel: 0 })).toThrow(InvalidArgumentError);
  });
});

/** A query × system matrix: query difficulty + system effect + normal noise (Box–Muller), seeded. */
function generated(queries: number, effects: readonly number[], noise: number, seed: number): number[][] {
  const random = createRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random.nextFloat64())) * Math.cos(2 * Math.PI * random.nextFloat64());
  return Array.from({ length: queries }, () => {
    const difficulty = 0.5 + 0.15 * normal();
    return effects.map((effect) => difficulty + effect + noise * normal());
  });
}

describe('randomizedTukeyHsd', () => {
  it('agrees with the paired (ANOVA) Tukey HSD on normal data near the null, within Monte Carlo error', () => {
    // 80 queries, 4 systems with small effects, normal residuals: the permutation and the normal-theory tests then
    // agree up to the Monte Carlo error √(p(1 − p)/B) and an O(1/n) difference (measured below 0.003 with
    // B = 100,000). With large real differences between some systems the randomized version is conservative
    // (shuffling mixes those differences into its null distribution), so the two are not compared there.
    const rows = generated(80, [0, 0.004, 0.008, 0.012], 0.05, 3);
    const permutations = 20_000;
    const randomized = randomizedTukeyHsd(rows, { permutations, seed: 3 });
    const classical = pairedTukeyHsd(rows);
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        const p = classical.pValue[i]![j]!;
        const error = Math.sqrt((p * (1 - p)) / permutations);
        expect(Math.abs(randomized.pValue[i]![j]! - p), `pair ${i}, ${j}: randomized ${randomized.pValue[i]![j]}, paired ${p}`).toBeLessThanOrEqual(4 * error + 0.003 + 1 / permutations);
      }
    }
  });
  it('is conservative when other systems differ: shuffling a large real difference raises every p-value', () => {
    const near = generated(80, [0, 0.01, 0.012, 0.014], 0.05, 4);
    const far = near.map((row) => [row[0]!, row[1]!, row[2]!, row[3]! + 0.3]);
    const options = { permutations: 2000, seed: 9 };
    // Systems 0 and 1 are the same in both matrices; only system 3 moved away.
    expect(randomizedTukeyHsd(far, options).pValue[0]![1]!).toBeGreaterThan(randomizedTukeyHsd(near, options).pValue[0]![1]!);
    // The ANOVA removes the system effects before estimating the error: its p-value does not move.
    expect(pairedTukeyHsd(far).pValue[0]![1]!).toBeCloseTo(pairedTukeyHsd(near).pValue[0]![1]!, 10);
  });
  it('with 2 systems it is the randomization test (sign flips), within Monte Carlo error of the exact p-value', () => {
    const rows = abc.slice(0, 10).map((row) => [row[0]!, row[1]!]);
    const exact = randomizationTest(column(rows, 1), column(rows, 0), { method: 'exact' }).pValue;
    const permutations = 20_000;
    const randomized = randomizedTukeyHsd(rows, { permutations, seed: 5 }).pValue[0]![1]!;
    expect(Math.abs(randomized - exact)).toBeLessThanOrEqual(4 * Math.sqrt((exact * (1 - exact)) / permutations) + 1 / permutations);
  });
  it('is reproducible from its seed, p = (c + 1)/(B + 1) within [1/(B + 1), 1], symmetric, 1 on the diagonal', () => {
    const rows = generated(30, [0, 0.02, 0.2], 0.05, 2);
    const first = randomizedTukeyHsd(rows, { permutations: 999, seed: 17 });
    const again = randomizedTukeyHsd(rows, { permutations: 999, seed: 17 });
    expect(again).toEqual(first);
    expect(randomizedTukeyHsd(rows, { permutations: 999, seed: 18 }).extremeCount).not.toEqual(first.extremeCount);
    for (let i = 0; i < 3; i++) {
      expect(first.pValue[i]![i]).toBe(1);
      for (let j = 0; j < 3; j++) {
        const count = first.extremeCount[i]![j]!;
        expect(Number.isInteger(count) && count >= 0 && count <= 999).toBe(true);
        expect(first.pValue[i]![j]).toBe((count + 1) / 1000);
        expect(first.pValue[i]![j]).toBe(first.pValue[j]![i]);
        expect(first.statistic[i]![j]! + first.statistic[j]![i]!).toBe(0);
      }
    }
    // The 0.2 gap is far beyond any shuffle: the smallest possible p-value.
    expect(first.pValue[0]![2]).toBe(1 / 1000);
    // A larger difference never gets a larger p-value (one null distribution for all pairs).
    expect(first.pValue[0]![2]!).toBeLessThanOrEqual(first.pValue[0]![1]!);
  });
  it('identical systems get p = 1; systems differing by a constant keep exact ties', () => {
    const rows = generated(12, [0, 0, 0], 0, 4);
    const result = randomizedTukeyHsd(rows, { permutations: 500 });
    expect(result.pValue.flat().every((p) => p === 1)).toBe(true);
    expect(result.seed).toBe(42);
  });
  it('refuses bad matrices and options with typed errors', () => {
    expect(() => randomizedTukeyHsd([[1, 2, 3], [1, 2]])).toThrow(/row 1 has 2 scores/);
    expect(() => randomizedTukeyHsd([[1, 2], [3, 4]], { permutations: 0 })).toThrow(/permutations must be a positive integer/);
    expect(() => randomizedTukeyHsd([[1, 2], [3, 4]], { seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => randomizedTukeyHsd([[1, 2], [3, Number.NaN]])).toThrow(InvalidArgumentError);
  });
});

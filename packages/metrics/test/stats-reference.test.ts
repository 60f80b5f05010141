import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  adjustPValues,
  pairedTTest,
  randomizationTest,
  signTest,
  tukeyHsd,
  wilcoxonSignedRank,
} from '../src/index.js';
import { studentTQuantile } from '../src/stats/special/student-t-distribution.js';

// Known answers: ../shared/reference/stats/ref_tests.json, written by compute_ref.py with scipy 1.17.1. The test
// walks every number in the file and compares it with what our functions compute for the same input; a number
// the test cannot map fails it, so nothing in the file goes unchecked by accident. The only numbers left out are
// listed in `notComputedHere` with the reason.
const referenceFile = fileURLToPath(new URL('../../../../shared/reference/stats/ref_tests.json', import.meta.url));
const available = existsSync(referenceFile);
if (!available && process.env.CI) throw new Error(`CI needs the shared reference data: ${referenceFile} is missing`);

interface ReferenceCase {
  readonly baseline: number[];
  readonly system: number[];
}
interface Reference {
  readonly cases: Record<string, ReferenceCase>;
  readonly multiple_comparisons: { readonly raw_p: number[] };
  readonly tukey_hsd_scipy_unpaired: { readonly systems: Record<string, number[]> };
}

/** Numbers in the file that are inputs or that no function of ours computes, with the reason. */
const notComputedHere: readonly [RegExp, string][] = [
  [/^cases\.[^.]+\.(baseline|system)\.\d+$/, 'input scores'],
  [/^tukey_hsd_scipy_unpaired\.systems\.[^.]+\.\d+$/, 'input scores'],
  [/^literature_values\.[^.]+\.p_values\.(randomization|bootstrap|wilcoxon)$/, 'needs the TREC-3 run files'],
  [/^python$|^numpy$|^scipy$/, 'versions'],
];

/** Reference rounding: compute_ref.py rounds to 12 decimals. */
function closeTo(actual: number, expected: number, decimals = 12): boolean {
  return Math.abs(actual - expected) <= 0.6 * 10 ** -decimals + 1e-12 * Math.abs(expected);
}

/** Every numeric leaf of the reference file with its dotted path. */
function numericLeaves(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    numericLeaves(child, path === '' ? key : `${path}.${key}`),
  );
}

/** What our functions compute for every reference path we know how to map. */
function computeActuals(reference: Reference): Map<string, number> {
  const actual = new Map<string, number>();
  const put = (path: string, value: number): void => void actual.set(path, value);
  for (const [name, { system, baseline }] of Object.entries(reference.cases)) {
    const prefix = `cases.${name}`;
    const t = pairedTTest(system, baseline);
    const tGreater = pairedTTest(system, baseline, { alternative: 'greater' });
    put(`${prefix}.n`, t.n);
    put(`${prefix}.summary.mean_baseline`, t.meanBaseline);
    put(`${prefix}.summary.mean_system`, t.meanSystem);
    put(`${prefix}.summary.mean_diff`, t.meanDifference);
    put(`${prefix}.summary.sd_diff`, t.standardDeviation);
    put(`${prefix}.summary.se_diff`, t.standardError);
    put(`${prefix}.summary.n_pos`, t.wins);
    put(`${prefix}.summary.n_neg`, t.losses);
    put(`${prefix}.summary.n_zero`, t.ties);
    put(`${prefix}.summary.wins_ties_losses.W`, t.wins);
    put(`${prefix}.summary.wins_ties_losses.T`, t.ties);
    put(`${prefix}.summary.wins_ties_losses.L`, t.losses);
    put(`${prefix}.paired_t.t`, t.statistic);
    put(`${prefix}.paired_t.df`, t.degreesOfFreedom);
    put(`${prefix}.paired_t.p_two_sided`, t.pValue);
    put(`${prefix}.paired_t.p_greater`, tGreater.pValue);
    put(`${prefix}.paired_t.ci95_mean_diff.0`, t.confidenceInterval.lower);
    put(`${prefix}.paired_t.ci95_mean_diff.1`, t.confidenceInterval.upper);
    put(`${prefix}.paired_t.t_crit_0975`, studentTQuantile(0.975, t.degreesOfFreedom));
    put(`${prefix}.effect_size.cohen_dz`, t.cohenDz);
    put(`${prefix}.effect_size.hedges_gz`, t.hedgesGz);
    put(`${prefix}.effect_size.t_over_sqrt_n`, t.statistic / Math.sqrt(t.n));

    const wilcoxon = wilcoxonSignedRank(system, baseline);
    put(`${prefix}.wilcoxon.W_plus`, wilcoxon.wPlus);
    put(`${prefix}.wilcoxon.W_minus`, wilcoxon.wMinus);
    put(`${prefix}.wilcoxon.n_nonzero`, wilcoxon.nonZero);
    const variants = {
      auto: wilcoxon,
      approx_no_cc: wilcoxonSignedRank(system, baseline, { method: 'asymptotic', correction: false }),
      approx_cc: wilcoxonSignedRank(system, baseline, { method: 'asymptotic', correction: true }),
      exact: wilcoxonSignedRank(system, baseline, { method: 'exact' }),
      pratt_approx: wilcoxonSignedRank(system, baseline, { zeroMethod: 'pratt', method: 'asymptotic' }),
      zsplit_approx: wilcoxonSignedRank(system, baseline, { zeroMethod: 'zsplit', method: 'asymptotic' }),
    };
    for (const [variant, result] of Object.entries(variants)) {
      put(`${prefix}.wilcoxon.scipy.${variant}.statistic`, result.statistic);
      put(`${prefix}.wilcoxon.scipy.${variant}.p_two_sided`, result.pValue);
    }
    const wilcoxonGreater = wilcoxonSignedRank(system, baseline, { alternative: 'greater' });
    put(`${prefix}.wilcoxon.scipy.auto_greater.statistic`, wilcoxonGreater.statistic);
    put(`${prefix}.wilcoxon.scipy.auto_greater.p_greater`, wilcoxonGreater.pValue);

    const sign = signTest(system, baseline);
    put(`${prefix}.sign_test.threshold_0.k_pos`, sign.statistic);
    put(`${prefix}.sign_test.threshold_0.n`, sign.trials);
    put(`${prefix}.sign_test.threshold_0.p_two_sided`, sign.pValue);
    put(`${prefix}.sign_test.threshold_0.p_greater`, signTest(system, baseline, { alternative: 'greater' }).pValue);
    const signMinimum = signTest(system, baseline, { threshold: 0.01 });
    put(`${prefix}.sign_test.threshold_0.01.k_pos`, signMinimum.statistic);
    put(`${prefix}.sign_test.threshold_0.01.n`, signMinimum.trials);
    put(`${prefix}.sign_test.threshold_0.01.p_two_sided`, signMinimum.pValue);

    // Exact sign-flip distribution: `auto` is exact up to 16 queries; larger cases ask for it (meet-in-the-middle).
    const method = system.length <= 16 ? 'auto' : 'exact';
    const randomization = randomizationTest(system, baseline, { method });
    expect(randomization.method).toBe('exact');
    put(`${prefix}.randomization_exact.n_assignments`, randomization.permutations);
    put(`${prefix}.randomization_exact.count_abs_ge_observed`, randomization.extremeCount);
    put(`${prefix}.randomization_exact.p_two_sided`, randomization.pValue);
    put(`${prefix}.randomization_exact.p_greater`, randomizationTest(system, baseline, { method, alternative: 'greater' }).pValue);
    put(`${prefix}.randomization_exact.p_less`, randomizationTest(system, baseline, { method, alternative: 'less' }).pValue);
  }
  // compute_ref.py's family is the three t-test p-values (unrounded) followed by 0.001, 0.04 and 0.30; the file
  // holds them rounded, which would move the adjusted values in the 12th decimal, so the family is rebuilt.
  const caseCount = Object.keys(reference.cases).length;
  const raw = [
    ...Object.values(reference.cases).map(({ system, baseline }) => pairedTTest(system, baseline).pValue),
    ...reference.multiple_comparisons.raw_p.slice(caseCount),
  ];
  raw.forEach((value, index) => put(`multiple_comparisons.raw_p.${index}`, value));
  const families = {
    bonferroni: adjustPValues(raw, 'bonferroni'),
    holm: adjustPValues(raw, 'holm'),
    benjamini_hochberg: adjustPValues(raw, 'bh'),
    benjamini_hochberg_scipy: adjustPValues(raw, 'bh'),
  };
  for (const [family, values] of Object.entries(families)) {
    values.forEach((value, index) => put(`multiple_comparisons.${family}.${index}`, value));
  }
  // scipy.stats.tukey_hsd(A, B, C), the one-way test ranx's 'tukey' runs; the systems in the file's order.
  const tukey = tukeyHsd(Object.values(reference.tukey_hsd_scipy_unpaired.systems));
  tukey.pValue.forEach((row, i) => row.forEach((value, j) => put(`tukey_hsd_scipy_unpaired.pvalue_matrix.${i}.${j}`, value)));
  // Smucker et al. 2007's sign tests: 29 wins out of 50, and 25 out of 43 with the 0.01 minimum difference.
  const literature = 'literature_values.smucker_allan_carterette_cikm2007_example';
  const winsOutOf = (wins: number, total: number): number =>
    signTest(
      Array.from({ length: total }, (_, query) => (query < wins ? 1 : 0)),
      Array.from({ length: total }, () => 0.5),
    ).pValue;
  put(`${literature}.sign_29_50_scipy`, winsOutOf(29, 50));
  put(`${literature}.sign_25_43_scipy`, winsOutOf(25, 43));
  put(`${literature}.p_values.sign_test_29_of_50`, winsOutOf(29, 50));
  put(`${literature}.p_values.sign_min_diff_0.01_25_of_43`, winsOutOf(25, 43));
  return actual;
}

describe.skipIf(!available)('ref_tests.json (scipy 1.17.1): every number', () => {
  const reference = (available ? JSON.parse(readFileSync(referenceFile, 'utf8')) : { cases: {} }) as Reference;
  const leaves = available ? numericLeaves(reference) : [];
  const actuals = available ? computeActuals(reference) : new Map<string, number>();
  const checked = leaves.filter(([path]) => !notComputedHere.some(([pattern]) => pattern.test(path)));

  it('maps every number of the file except the listed inputs and out-of-scope values', () => {
    const unmapped = checked.filter(([path]) => !actuals.has(path)).map(([path]) => path);
    expect(unmapped).toEqual([]);
    expect(checked.length).toBeGreaterThan(150);
  });

  it.each(checked)('%s = %d', (path, expected) => {
    const actual = actuals.get(path);
    expect(actual, `no computed value for ${path}`).toBeTypeOf('number');
    // The literature values are printed with 4 decimals in the paper.
    const decimals = path.includes('.p_values.') ? 4 : 12;
    expect(closeTo(actual!, expected, decimals), `${path}: computed ${actual}, reference ${expected}`).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  ComparisonInputError,
  compareScores,
  formatComparison,
  formatComparisonJson,
  pairedTTest,
  parseComparisonJson,
  randomizedTukeyHsd,
} from '../src/index.js';
import type { ComparisonReport } from '../src/index.js';
import { createRandom } from '../src/_internal/random.js';

// `compareScores({ test: 'tukey' })` must give each system the p-value of its pair with the baseline from the
// randomized Tukey HSD over all systems (checked against randomizedTukeyHsd itself, whose own tests are in
// tukey-hsd.test.ts), keep the correction out of it, and say so in every format.

const queryCount = 40;
const queries = Array.from({ length: queryCount }, (_, index) => `q${String(index + 1)}`);

/** Scores around a per-query difficulty plus a system effect and noise, seeded. */
function scores(effect: number, seed: number, difficulty: readonly number[]): number[] {
  const random = createRandom(seed);
  return difficulty.map((base) => Math.min(1, Math.max(0, base + effect + 0.08 * (random.nextFloat64() - 0.5))));
}

const difficultyRandom = createRandom(99);
const difficulty = queries.map(() => 0.2 + 0.6 * difficultyRandom.nextFloat64());
const difficulty2 = queries.map(() => 0.1 + 0.5 * difficultyRandom.nextFloat64());
const systems = [
  { name: 'bm25', effects: [0, 0] },
  { name: 'fused', effects: [0.06, 0.01] },
  { name: 'dense', effects: [0.005, -0.05] },
  { name: 'hybrid', effects: [0.07, 0.03] },
].map((system, index) => ({
  name: system.name,
  scores: { 'nDCG@10': scores(system.effects[0]!, 10 + index, difficulty), 'R@100': scores(system.effects[1]!, 20 + index, difficulty2) },
}));
const [baseline, ...others] = systems as [(typeof systems)[number], ...(typeof systems)[number][]];

function tukeyReport(extra: Partial<Parameters<typeof compareScores>[0]> = {}): ComparisonReport {
  return compareScores({ queries, measures: ['nDCG@10', 'R@100'], baseline, systems: others, test: 'tukey', permutations: 2000, seed: 7, ...extra });
}

describe("compareScores with test 'tukey'", () => {
  const report = tukeyReport();

  it("takes each system's p-value against the baseline from the all-pairs randomized Tukey HSD, already family-wise", () => {
    for (const [measureIndex, measure] of (['nDCG@10', 'R@100'] as const).entries()) {
      const rows = queries.map((_, query) => systems.map((system) => system.scores[measure][query]!));
      const expected = randomizedTukeyHsd(rows, { permutations: 2000, seed: 7 });
      expect(report.allPairs?.[measureIndex]?.pValue).toEqual(expected.pValue);
      expect(report.allPairs?.[measureIndex]?.systems).toEqual(['bm25', 'fused', 'dense', 'hybrid']);
      others.forEach((system, systemIndex) => {
        const comparison = report.systems[systemIndex]!.comparisons[measureIndex]!;
        expect(comparison.pValue).toBe(expected.pValue[systemIndex + 1]![0]);
        expect(comparison.adjustedPValue).toBe(comparison.pValue);
        expect(comparison.significant).toBe(comparison.pValue <= 0.05);
        // The interval, effect size and wins are the paired summary, as for every test.
        const summary = pairedTTest(system.scores[measure], baseline.scores[measure]);
        expect(comparison.statistic).toBe(summary.meanDifference);
        expect(comparison.confidenceInterval).toEqual(summary.confidenceInterval);
        expect(comparison.effectSize).toBe(summary.cohenDz);
      });
    }
    // The generated effects are large for fused and hybrid on nDCG@10, so they are significant; dense is not.
    expect(report.systems.map((system) => system.comparisons[0]!.outcome)).toEqual(['better', 'not-significant', 'better']);
  });

  it('records no correction, and a family of every pair within each measure', () => {
    expect(report.settings.test).toBe('tukey');
    expect(report.settings.correction).toBe('none');
    expect(report.settings.family).toBe('all 6 pairs of the 4 systems (baseline included) within each measure');
  });

  it('refuses a correction other than none and a one-sided alternative, naming the option', () => {
    for (const correction of ['holm', 'bonferroni', 'bh'] as const) {
      expect(() => tukeyReport({ correction })).toThrow(ComparisonInputError);
      expect(() => tukeyReport({ correction })).toThrow(`correction "${correction}" does not apply to the test tukey`);
    }
    expect(tukeyReport({ correction: 'none' }).systems[0]!.comparisons[0]!.pValue).toBe(report.systems[0]!.comparisons[0]!.pValue);
    try {
      tukeyReport({ alternative: 'greater' });
      expect.unreachable('a one-sided Tukey test was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ComparisonInputError);
      expect((error as ComparisonInputError).argument).toBe('alternative');
    }
  });

  it('says in every format that the p-values are family-wise and not corrected further', () => {
    const caption = 'randomized Tukey HSD (2000 random shuffles of each query\'s scores across systems, seed 7), two-sided; its p-values hold the family-wise error over all 6 pairs of the 4 systems (baseline included) within each measure, so no further correction is applied';
    const table = formatComparison(report, 'table');
    expect(table).toContain(caption);
    expect(table).toContain('p (Tukey)');
    expect(table).toContain('nDCG@10: p-values of every pair of systems (randomized Tukey HSD, family-wise; * when p ≤ 0.05)');
    expect(formatComparison(report, 'markdown')).toContain('R@100: p-values of every pair of systems');
    expect(formatComparison(report, 'latex')).toContain('randomized Tukey HSD');
    const html = formatComparison(report, 'html');
    expect(html).toContain('randomized Tukey HSD');
    expect(html).toContain('<h2>Every pair of systems</h2>');
    expect(html.match(/p-values of every pair of systems/g)).toHaveLength(2);
    expect(formatComparison(report, 'csv').split('\n')[1]).toContain(',tukey,none,0.05');
    expect(parseComparisonJson(formatComparisonJson(report)).allPairs).toEqual(report.allPairs);
  });

  it('marks every pair in LaTeX as ranx does: a row carries the letter of each system it is significantly better than', () => {
    const latex = formatComparison(report, 'latex');
    const letters = ['a', 'b', 'c', 'd'];
    let marked = 0;
    report.allPairs!.forEach((pairs, measureIndex) => {
      pairs.systems.forEach((name, row) => {
        const expected = letters.filter((_, other) => other !== row && pairs.meanDifference[row]![other]! > 0 && pairs.pValue[row]![other]! <= 0.05);
        marked += expected.length;
        const line = latex.split('\n').find((text) => text.startsWith(`${letters[row]!} & ${name}`))!;
        const cell = line.split(' & ')[2 + measureIndex]!;
        if (expected.length > 0) expect(cell, `${name}, ${pairs.measure}`).toContain(`$^{${expected.join('')}}$`);
        else expect(cell, `${name}, ${pairs.measure}`).not.toMatch(/\d\$\^\{/);
      });
    });
    // Some pair that does not involve the baseline is marked (fused and hybrid beat dense on nDCG@10).
    expect(marked).toBeGreaterThan(report.systems.filter((system) => system.comparisons.some((comparison) => comparison.significant)).length);
  });

  it('leaves allPairs out for the other tests', () => {
    expect(compareScores({ queries, measures: ['nDCG@10'], baseline, systems: others }).allPairs).toBeUndefined();
  });
});

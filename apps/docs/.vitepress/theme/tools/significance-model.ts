import { bootstrapTest, pairedTTest, randomizationTest, signTest, wilcoxonSignedRank } from '@benchline/metrics';
import type { Alternative, PairedTestResult } from '@benchline/metrics';

/** Paired per-query scores read from the explorer's text box. */
export interface PairedColumns {
  readonly queries: readonly string[];
  readonly baseline: readonly number[];
  readonly system: readonly number[];
}

/**
 * Average precision of a baseline and a system on 20 queries: an example with a real but modest improvement,
 * where the tests do not all agree at the 0.05 level.
 */
export const defaultScoresText = `# query  baseline  system
q1   0.412  0.455
q2   0.305  0.298
q3   0.520  0.601
q4   0.118  0.162
q5   0.733  0.741
q6   0.250  0.224
q7   0.391  0.452
q8   0.087  0.131
q9   0.645  0.690
q10  0.472  0.468
q11  0.298  0.357
q12  0.561  0.540
q13  0.204  0.263
q14  0.377  0.401
q15  0.139  0.126
q16  0.508  0.566
q17  0.283  0.319
q18  0.615  0.603
q19  0.342  0.396
q20  0.196  0.244`;

/**
 * Reads two or three columns per line (`baseline system` or `query baseline system`), separated by spaces, tabs
 * or commas; `#` starts a comment, and a first line without numbers is a header.
 *
 * @throws {Error} naming the line, what was expected and what was found.
 */
export function parseColumns(text: string): PairedColumns {
  const queries: string[] = [];
  const baseline: number[] = [];
  const system: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*/, '').trim();
    if (line === '') return;
    const fields = line.split(/[\s,;]+/);
    const numbers = fields.slice(-2).map(Number);
    const isHeader = queries.length === 0 && numbers.every((value) => Number.isNaN(value));
    if (isHeader) return;
    if (fields.length < 2 || fields.length > 3 || numbers.some((value) => !Number.isFinite(value))) {
      throw new Error(`line ${String(index + 1)}: expected "baseline system" or "query baseline system" (numbers), found "${rawLine.trim()}"`);
    }
    queries.push(fields.length === 3 ? (fields[0] as string) : `q${String(queries.length + 1)}`);
    baseline.push(numbers[0] as number);
    system.push(numbers[1] as number);
  });
  if (queries.length < 2) throw new Error(`expected at least two queries (lines with two scores), found ${String(queries.length)}`);
  return { queries, baseline, system };
}

/** Settings of the explorer. */
export interface ExplorerSettings {
  readonly alternative: Alternative;
  readonly confidenceLevel: number;
  readonly resamples: number;
  readonly seed: number;
}

/** One row of the explorer's table. */
export interface TestRow {
  readonly name: string;
  readonly statistic: string;
  readonly pValue: number;
  readonly detail: string;
}

/** The five paired tests of `@benchline/metrics` on the same scores, with the shared summary of the differences. */
export function runTests(columns: PairedColumns, settings: ExplorerSettings): { summary: PairedTestResult; rows: TestRow[] } {
  const { system, baseline } = columns;
  const common = { alternative: settings.alternative, confidenceLevel: settings.confidenceLevel };
  const t = pairedTTest(system, baseline, common);
  const randomization = randomizationTest(system, baseline, { ...common, permutations: settings.resamples, seed: settings.seed });
  const bootstrap = bootstrapTest(system, baseline, { ...common, resamples: settings.resamples, seed: settings.seed });
  const wilcoxon = wilcoxonSignedRank(system, baseline, common);
  const sign = signTest(system, baseline, common);
  const rows: TestRow[] = [
    { name: 'paired t-test', statistic: `t = ${t.statistic.toFixed(3)}, df = ${String(t.degreesOfFreedom)}`, pValue: t.pValue, detail: 'Student’s t on the differences' },
    {
      name: 'randomization (sign flip)',
      statistic: `d̄ = ${randomization.statistic.toFixed(4)}`,
      pValue: randomization.pValue,
      detail: randomization.method === 'exact' ? `exact, all ${randomization.permutations.toLocaleString('en-US')} sign vectors` : `Monte Carlo, ${randomization.permutations.toLocaleString('en-US')} sign vectors, seed ${String(randomization.seed)}`,
    },
    {
      name: 'bootstrap (shift)',
      statistic: `d̄ = ${bootstrap.statistic.toFixed(4)}`,
      pValue: bootstrap.pValue,
      detail: `${bootstrap.resamples.toLocaleString('en-US')} resamples, seed ${String(bootstrap.seed)}; percentile CI [${bootstrap.bootstrapConfidenceInterval.lower.toFixed(4)}, ${bootstrap.bootstrapConfidenceInterval.upper.toFixed(4)}]`,
    },
    {
      name: 'Wilcoxon signed-rank',
      statistic: `W+ = ${String(wilcoxon.wPlus)}, W− = ${String(wilcoxon.wMinus)}`,
      pValue: wilcoxon.pValue,
      detail: `${wilcoxon.method}${wilcoxon.zStatistic === null ? '' : `, z = ${wilcoxon.zStatistic.toFixed(3)}`}; ${String(wilcoxon.nonZero)} non-zero differences`,
    },
    { name: 'sign test', statistic: `${String(sign.wins)} wins, ${String(sign.losses)} losses`, pValue: sign.pValue, detail: `binomial over ${String(sign.trials)} untied queries` },
  ];
  return { summary: t, rows };
}

import { formatFixed } from '../trec-eval/c-format.js';
import type { ComparisonReport, MeasureComparison } from './comparison-report.js';

/** A score with a fixed number of decimals, rounded as C's printf (as `benchline eval` prints them). */
export function formatScore(value: number, decimals = 4): string {
  return formatFixed(value, decimals);
}

/** A signed difference: `+0.0864`, `-0.0120`, `0.0000` stays unsigned. */
export function formatSigned(value: number, decimals = 4): string {
  const text = formatFixed(Math.abs(value), decimals);
  if (Number(text) === 0) return text;
  return `${value < 0 ? '-' : '+'}${text}`;
}

/** A relative difference as a signed percentage with one decimal, or `n/a` when undefined. */
export function formatRelative(value: number | null): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '+inf%' : '-inf%';
  return `${formatSigned(value * 100, 1)}%`;
}

/** A p-value: four decimals down to 0.0001, two significant digits in exponent form below (`3.2e-6`), `0` for 0. */
export function formatPValue(value: number): string {
  if (value === 0) return '0';
  if (value >= 0.0001) return formatFixed(value, 4);
  return value.toExponential(1);
}

/** An effect size with two decimals; ±inf for a constant non-zero difference. */
export function formatEffectSize(value: number): string {
  if (value === Infinity) return '+inf';
  if (value === -Infinity) return '-inf';
  return formatFixed(value, 2);
}

/** Marks a significant difference: ▲ better, ▼ worse, nothing otherwise. */
export function outcomeMarker(comparison: MeasureComparison | undefined): string {
  if (comparison === undefined) return '';
  return comparison.outcome === 'better' ? '▲' : comparison.outcome === 'worse' ? '▼' : '';
}

const correctionNames: Readonly<Record<string, string>> = {
  holm: 'Holm',
  bonferroni: 'Bonferroni',
  bh: 'Benjamini-Hochberg',
  none: 'no',
};

/** The correction's name for a column header: `p (Holm)`, `p (BH)`. */
export function adjustedColumnName(report: ComparisonReport): string {
  if (report.settings.test === 'tukey') return 'p (Tukey)';
  const short: Readonly<Record<string, string>> = { holm: 'Holm', bonferroni: 'Bonferroni', bh: 'BH', none: 'unadjusted' };
  return `p (${short[report.settings.correction] ?? report.settings.correction})`;
}

/** One sentence stating the test, sidedness, correction and α: every report format's caption. */
export function describeSettings(report: ComparisonReport): string {
  const settings = report.settings;
  const sided = settings.alternative === 'two-sided' ? 'two-sided' : `one-sided (${settings.alternative})`;
  const testDetail =
    settings.test === 'randomization'
      ? ` (${report.queries.length <= 16 ? 'exact' : `${String(settings.permutations)} random sign flips, seed ${String(settings.seed)}`})`
      : settings.test === 'bootstrap'
        ? ` (${String(settings.resamples)} resamples, seed ${String(settings.seed)})`
        : settings.test === 'tukey'
          ? ` (${String(settings.permutations)} random shuffles of each query's scores across systems, seed ${String(settings.seed)})`
          : '';
  if (settings.test === 'tukey') {
    return `${settings.testDescription}${testDetail}, two-sided; its p-values hold the family-wise error over ${settings.family}, so no further correction is applied (none across measures); significant when p ≤ ${String(settings.alpha)}; ${String(report.queries.length)} queries, ${settings.queryPolicy}.`;
  }
  const correction =
    settings.correction === 'none'
      ? `no correction for multiple comparisons (${settings.family})`
      : `${correctionNames[settings.correction] ?? settings.correction} correction over ${settings.family}`;
  return `${settings.testDescription}${testDetail}, ${sided}, ${correction}, significant when the ${settings.correction === 'none' ? '' : 'adjusted '}p ≤ ${String(settings.alpha)}; ${String(report.queries.length)} queries, ${settings.queryPolicy}.`;
}

/** The comparison of a system on a measure, by name. */
export function comparisonFor(system: ComparisonReport['systems'][number], measure: string): MeasureComparison | undefined {
  return system.comparisons.find((comparison) => comparison.measure === measure);
}

/** Aligns rows of cells: first column left, the others right, two spaces between; widths in code points. */
export function alignColumns(rows: readonly (readonly string[])[], leftColumns = 1): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const padding = ' '.repeat((widths[column] ?? 0) - [...cell].length);
        return column < leftColumns ? cell + padding : padding + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

import { ParseError } from '../errors.js';
import type { ComparisonReport } from './comparison-report.js';

/** The columns of {@link formatComparisonCsv}, in order. */
export const comparisonCsvColumns: readonly string[] = Object.freeze([
  'system',
  'role',
  'measure',
  'mean',
  'baseline_mean',
  'difference',
  'relative_difference',
  'ci_level',
  'ci_lower',
  'ci_upper',
  'statistic',
  'p_value',
  'adjusted_p_value',
  'effect_size_dz',
  'hedges_gz',
  'wins',
  'ties',
  'losses',
  'significant',
  'outcome',
  'test',
  'correction',
  'alpha',
]);

const quoteCsv = (cell: string): string => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

/** Shortest text that reads back as the same double (`String`), with ±Infinity spelled `Infinity`. */
const numberCell = (value: number | null): string => (value === null ? '' : String(value));

/**
 * The report as CSV (RFC 4180, a header line, `\n` line ends): one row for the baseline's means (role
 * `baseline`) and one per system × measure (role `system`) with every statistic at full precision (each number as
 * JavaScript's shortest round-trip text, so it parses back to the same double; an infinite effect size is
 * `Infinity`). Columns: {@link comparisonCsvColumns}. Per-query scores are in the JSON format.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @returns the CSV text.
 */
export function formatComparisonCsv(report: ComparisonReport): string {
  const settings = report.settings;
  const lines = [comparisonCsvColumns.join(',')];
  for (const measure of report.measures) {
    const mean = report.baseline.means[measure.name] ?? 0;
    lines.push(
      [report.baseline.name, 'baseline', measure.name, numberCell(mean), numberCell(mean), '0', '0', '', '', '', '', '', '', '', '', '', '', '', '', '', settings.test, settings.correction, String(settings.alpha)]
        .map(quoteCsv)
        .join(','),
    );
  }
  for (const system of report.systems) {
    for (const comparison of system.comparisons) {
      lines.push(
        [
          system.name,
          'system',
          comparison.measure,
          numberCell(comparison.mean),
          numberCell(comparison.baselineMean),
          numberCell(comparison.difference),
          numberCell(comparison.relativeDifference),
          numberCell(comparison.confidenceInterval.level),
          numberCell(comparison.confidenceInterval.lower),
          numberCell(comparison.confidenceInterval.upper),
          numberCell(comparison.statistic),
          numberCell(comparison.pValue),
          numberCell(comparison.adjustedPValue),
          numberCell(comparison.effectSize),
          numberCell(comparison.hedgesGz),
          String(comparison.wins),
          String(comparison.ties),
          String(comparison.losses),
          String(comparison.significant),
          comparison.outcome,
          settings.test,
          settings.correction,
          String(settings.alpha),
        ]
          .map(quoteCsv)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

const nonFinite: Readonly<Record<string, number>> = { Infinity, '-Infinity': -Infinity, NaN };

/**
 * The report as JSON, every number included (per-query scores too) at full precision. JSON has no infinity: an
 * infinite effect size (every per-query difference equal and non-zero) is written as the string `"Infinity"` or
 * `"-Infinity"`; {@link parseComparisonJson} reads it back as the number.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @returns JSON text, indented by two spaces, ending with a line break.
 */
export function formatComparisonJson(report: ComparisonReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value), 2)}\n`;
}

/**
 * Reads a report written by {@link formatComparisonJson}, turning `"Infinity"`, `"-Infinity"` and `"NaN"` in number
 * fields back into numbers.
 *
 * @param text - the JSON text.
 * @param source - a name for the input in error messages (a file name).
 * @returns the report.
 * @throws {ParseError} when the text is not JSON or not a Benchline comparison report.
 */
export function parseComparisonJson(text: string, source = 'comparison.json'): ComparisonReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => (typeof value === 'string' && key in numberKeys && value in nonFinite ? nonFinite[value] : value));
  } catch (error) {
    throw new ParseError({ source, line: 0, expected: 'JSON text', found: error instanceof Error ? error.message : String(error) });
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as { kind?: unknown }).kind !== 'benchline-comparison') {
    throw new ParseError({ source, line: 0, expected: 'a Benchline comparison report ("kind": "benchline-comparison")', found: 'another JSON value' });
  }
  return parsed as ComparisonReport;
}

/** Number fields that may hold a non-finite value. */
const numberKeys: Readonly<Record<string, true>> = { effectSize: true, hedgesGz: true, statistic: true, relativeDifference: true, lower: true, upper: true };

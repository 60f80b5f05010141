import type { ComparisonReport } from './comparison-report.js';
import {
  adjustedColumnName,
  alignColumns,
  comparisonFor,
  describeSettings,
  formatEffectSize,
  formatPValue,
  formatRelative,
  formatScore,
  formatSigned,
  outcomeMarker,
} from './format-shared.js';

/** The summary grid: one row per system (baseline first), one column per measure, significant cells marked. */
function summaryRows(report: ComparisonReport): string[][] {
  const header = ['system', ...report.measures.map((measure) => measure.name)];
  const baseline = [`${report.baseline.name} (baseline)`, ...report.measures.map((measure) => formatScore(report.baseline.means[measure.name] ?? 0))];
  const systems = report.systems.map((system) => [
    system.name,
    ...report.measures.map((measure) => `${formatScore(system.means[measure.name] ?? 0)}${outcomeMarker(comparisonFor(system, measure.name)) || ' '}`),
  ]);
  // The baseline's cells get a trailing space too, so the numbers of a column line up past the markers.
  return [header, [baseline[0] as string, ...baseline.slice(1).map((cell) => `${cell} `)], ...systems];
}

/** The detail rows: one per system × measure, with every statistic. */
function detailRows(report: ComparisonReport): string[][] {
  const header = ['system', 'measure', 'mean', 'baseline', 'diff', 'rel', `${String(Math.round(report.settings.confidenceLevel * 100))}% CI of diff`, 'p', adjustedColumnName(report), 'd_z', 'W/T/L', 'result'];
  const rows: string[][] = [header];
  for (const system of report.systems) {
    for (const comparison of system.comparisons) {
      rows.push([
        system.name,
        comparison.measure,
        formatScore(comparison.mean),
        formatScore(comparison.baselineMean),
        formatSigned(comparison.difference),
        formatRelative(comparison.relativeDifference),
        `[${formatSigned(comparison.confidenceInterval.lower)}, ${formatSigned(comparison.confidenceInterval.upper)}]`,
        formatPValue(comparison.pValue),
        formatPValue(comparison.adjustedPValue),
        formatEffectSize(comparison.effectSize),
        `${String(comparison.wins)}/${String(comparison.ties)}/${String(comparison.losses)}`,
        comparison.outcome === 'better' ? '▲ better' : comparison.outcome === 'worse' ? '▼ worse' : 'n.s.',
      ]);
    }
  }
  return rows;
}

/** Inserts a rule of dashes under the header row, as wide as each column. */
function withRule(rows: readonly (readonly string[])[]): string[][] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, [...cell].length)));
  const [header = [], ...body] = rows;
  return [[...header], widths.map((width) => '-'.repeat(width)), ...body.map((row) => [...row])];
}

/** Test `'tukey'`: per measure, the matrix of family-wise p-values of every pair of systems. */
function allPairsSections(report: ComparisonReport): { title: string; rows: string[][] }[] {
  return (report.allPairs ?? []).map((pairs) => ({
    title: `${pairs.measure}: p-values of every pair of systems (randomized Tukey HSD, family-wise; * when p ≤ ${String(report.settings.alpha)})`,
    rows: [
      ['', ...pairs.systems],
      ...pairs.systems.map((name, i) => [
        name,
        ...pairs.systems.map((_other, j) => {
          if (i === j) return '-';
          const p = (pairs.pValue[i] as readonly number[])[j] as number;
          return `${formatPValue(p)}${p <= report.settings.alpha ? '*' : ' '}`;
        }),
      ]),
    ],
  }));
}

function measureLegend(report: ComparisonReport): string[] {
  return report.measures.filter((measure) => measure.description !== '').map((measure) => `${measure.name}: ${measure.description}${measure.trecEvalFlags === '' ? '' : ` [trec_eval ${measure.trecEvalFlags}]`}`);
}

/**
 * The report as plain text for a terminal: a title, the summary grid (▲/▼ mark significant wins and losses
 * against the baseline), the caption, the detail table (difference, confidence interval, p, adjusted p, d_z,
 * wins/ties/losses), the measures' definitions and any warnings. Pure; no colours.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @returns the text, ending with a line break.
 */
export function formatComparisonTable(report: ComparisonReport): string {
  const lines: string[] = [];
  lines.push(`${report.title === undefined ? 'Comparison' : report.title}: ${String(report.systems.length)} system${report.systems.length === 1 ? '' : 's'} against the baseline ${report.baseline.name}, ${String(report.queries.length)} queries`);
  lines.push('');
  lines.push(...alignColumns(withRule(summaryRows(report))));
  lines.push('');
  lines.push(`▲/▼ significantly better/worse than the baseline: ${describeSettings(report)}`);
  lines.push('');
  lines.push(...alignColumns(withRule(detailRows(report)), 2));
  for (const section of allPairsSections(report)) lines.push('', section.title, ...alignColumns(section.rows));
  lines.push('');
  lines.push(...measureLegend(report));
  if (report.warnings.length > 0) {
    lines.push('');
    lines.push(...report.warnings.map((warning) => `warning: ${warning}`));
  }
  return `${lines.join('\n')}\n`;
}

const escapeMarkdown = (cell: string): string => cell.replace(/\|/g, '\\|');

function markdownTable(rows: readonly (readonly string[])[], leftColumns: number): string[] {
  const [header = [], ...body] = rows;
  return [
    `| ${header.map(escapeMarkdown).join(' | ')} |`,
    `|${header.map((_cell, index) => (index < leftColumns ? '---' : '--:')).join('|')}|`,
    ...body.map((row) => `| ${row.map((cell) => escapeMarkdown(cell.trimEnd())).join(' | ')} |`),
  ];
}

/**
 * The report as Markdown (GitHub tables): the summary grid with ▲/▼ marks and the baseline in bold, the caption,
 * the detail table, the measures' definitions and warnings.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @returns the Markdown text, ending with a line break.
 */
export function formatComparisonMarkdown(report: ComparisonReport): string {
  const summary = summaryRows(report);
  const baselineRow = summary[1] as string[];
  baselineRow[0] = `**${report.baseline.name}** (baseline)`;
  const lines = [`## ${report.title ?? 'Comparison'}`, '', ...markdownTable(summary, 1), '', `▲/▼ significantly better/worse than the baseline: ${describeSettings(report)}`, ''];
  lines.push(...markdownTable(detailRows(report), 2));
  for (const section of allPairsSections(report)) lines.push('', section.title, '', ...markdownTable(section.rows, 1));
  const legend = measureLegend(report);
  if (legend.length > 0) lines.push('', ...legend.map((line) => `- ${line}`));
  if (report.warnings.length > 0) lines.push('', ...report.warnings.map((warning) => `> warning: ${warning}`));
  return `${lines.join('\n')}\n`;
}

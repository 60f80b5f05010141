import type { ComparisonReport, SystemComparison } from './comparison-report.js';
import {
  adjustedColumnName,
  comparisonFor,
  describeSettings,
  formatEffectSize,
  formatPValue,
  formatRelative,
  formatScore,
  formatSigned,
  outcomeMarker,
} from './format-shared.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
}

const plotWidth = 640;
const plotHeight = 180;
const marginLeft = 56;
const marginRight = 12;
const marginTop = 12;
const marginBottom = 30;

const coordinate = (value: number): string => (Math.round(value * 100) / 100).toString();

/**
 * A per-query difference plot as inline SVG: the differences system − baseline on one measure, one bar per query,
 * sorted from the largest gain (left) to the largest loss (right), gains in green above the zero line, losses in red
 * below. Drawn as two step-shaped paths, so the size grows by a few bytes per query.
 *
 * @param differences - per-query differences, any order.
 * @param labels - the system's and baseline's names and the measure, for the title and axis text.
 * @returns an `<svg>` element with `role="img"` and a `<title>`.
 */
export function differencePlotSvg(differences: readonly number[], labels: { system: string; baseline: string; measure: string }): string {
  const sorted = [...differences].sort((left, right) => right - left);
  const count = sorted.length;
  const largest = Math.max(1e-12, ...sorted.map((value) => Math.abs(value)));
  const innerWidth = plotWidth - marginLeft - marginRight;
  const innerHeight = plotHeight - marginTop - marginBottom;
  const zero = marginTop + innerHeight / 2;
  const x = (index: number): number => marginLeft + (count === 0 ? 0 : (index / count) * innerWidth);
  const y = (value: number): number => zero - (value / largest) * (innerHeight / 2);
  const area = (from: number, to: number): string => {
    if (from >= to) return '';
    let path = `M${coordinate(x(from))} ${coordinate(zero)}`;
    for (let index = from; index < to; index++) path += `V${coordinate(y(sorted[index] as number))}H${coordinate(x(index + 1))}`;
    return `${path}V${coordinate(zero)}Z`;
  };
  const firstNonPositive = sorted.findIndex((value) => value <= 0);
  const gainsEnd = firstNonPositive < 0 ? count : firstNonPositive;
  const firstNegative = sorted.findIndex((value) => value < 0);
  const lossesStart = firstNegative < 0 ? count : firstNegative;
  const wins = gainsEnd;
  const losses = count - lossesStart;
  const title = `${labels.system} − ${labels.baseline}, ${labels.measure}, per query: ${String(wins)} better, ${String(count - wins - losses)} equal, ${String(losses)} worse`;
  const tick = (value: number): string => `<text x="${String(marginLeft - 6)}" y="${coordinate(y(value) + 4)}" text-anchor="end">${escapeHtml(formatSigned(value, 2))}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${String(plotWidth)} ${String(plotHeight)}" width="${String(plotWidth)}" height="${String(plotHeight)}" role="img" aria-label="${escapeHtml(title)}" class="difference-plot">`,
    `<title>${escapeHtml(title)}</title>`,
    `<rect x="${String(marginLeft)}" y="${String(marginTop)}" width="${String(innerWidth)}" height="${String(innerHeight)}" class="frame"/>`,
    `<path d="${area(0, gainsEnd)}" class="gain"/>`,
    `<path d="${area(lossesStart, count)}" class="loss"/>`,
    `<line x1="${String(marginLeft)}" x2="${String(marginLeft + innerWidth)}" y1="${coordinate(zero)}" y2="${coordinate(zero)}" class="zero"/>`,
    tick(largest),
    `<text x="${String(marginLeft - 6)}" y="${coordinate(zero + 4)}" text-anchor="end">0</text>`,
    tick(-largest),
    `<text x="${String(marginLeft + innerWidth / 2)}" y="${String(plotHeight - 8)}" text-anchor="middle">${escapeHtml(`${String(count)} queries, sorted by ${labels.measure} difference (${String(wins)} better · ${String(count - wins - losses)} equal · ${String(losses)} worse)`)}</text>`,
    '</svg>',
  ].join('');
}

const style = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{padding:.25rem .6rem;border-bottom:1px solid #d0d7de;text-align:right;font-variant-numeric:tabular-nums}
th:first-child,td:first-child,td.text,th.text{text-align:left}thead th{border-bottom:2px solid #1f2328}
tr.baseline td{font-style:italic}.better{color:#116329;font-weight:600}.worse{color:#a40e26;font-weight:600}
.caption,.note{color:#57606a;font-size:.9rem}.warning{color:#9a6700}
svg.difference-plot{max-width:100%;height:auto;font-size:11px;fill:#57606a}
svg .frame{fill:#f6f8fa;stroke:#d0d7de}svg .gain{fill:#2da44e}svg .loss{fill:#cf222e}svg .zero{stroke:#1f2328;stroke-width:1}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th,td{border-color:#30363d}thead th{border-color:#e6edf3}.caption,.note{color:#8b949e}svg .frame{fill:#161b22;stroke:#30363d}svg .zero{stroke:#e6edf3}svg.difference-plot{fill:#8b949e}.better{color:#3fb950}.worse{color:#f85149}}
`;

function summaryTable(report: ComparisonReport): string {
  const header = `<tr><th>system</th>${report.measures.map((measure) => `<th>${escapeHtml(measure.name)}</th>`).join('')}</tr>`;
  const baseline = `<tr class="baseline"><td>${escapeHtml(report.baseline.name)} (baseline)</td>${report.measures.map((measure) => `<td>${formatScore(report.baseline.means[measure.name] ?? 0)}</td>`).join('')}</tr>`;
  const systems = report.systems
    .map((system) => {
      const cells = report.measures.map((measure) => {
        const comparison = comparisonFor(system, measure.name);
        const marker = outcomeMarker(comparison);
        const className = comparison?.outcome === 'better' ? ' class="better"' : comparison?.outcome === 'worse' ? ' class="worse"' : '';
        return `<td${className}>${formatScore(system.means[measure.name] ?? 0)}${marker === '' ? '' : ` ${marker}`}</td>`;
      });
      return `<tr><td>${escapeHtml(system.name)}</td>${cells.join('')}</tr>`;
    })
    .join('');
  return `<table><thead>${header}</thead><tbody>${baseline}${systems}</tbody></table>`;
}

function detailTable(report: ComparisonReport, system: SystemComparison): string {
  const header = ['measure', 'mean', 'baseline', 'diff', 'rel', `${String(Math.round(report.settings.confidenceLevel * 100))}% CI`, 'p', adjustedColumnName(report), 'd_z', 'W/T/L', 'result'];
  const rows = system.comparisons.map((comparison) => {
    const className = comparison.outcome === 'better' ? 'better' : comparison.outcome === 'worse' ? 'worse' : '';
    const cells = [
      formatScore(comparison.mean),
      formatScore(comparison.baselineMean),
      formatSigned(comparison.difference),
      formatRelative(comparison.relativeDifference),
      `[${formatSigned(comparison.confidenceInterval.lower)}, ${formatSigned(comparison.confidenceInterval.upper)}]`,
      formatPValue(comparison.pValue),
      formatPValue(comparison.adjustedPValue),
      formatEffectSize(comparison.effectSize),
      `${String(comparison.wins)}/${String(comparison.ties)}/${String(comparison.losses)}`,
    ];
    const result = comparison.outcome === 'better' ? '▲ better' : comparison.outcome === 'worse' ? '▼ worse' : 'not significant';
    return `<tr><td>${escapeHtml(comparison.measure)}</td>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}<td class="text ${className}">${result}</td></tr>`;
  });
  return `<table><thead><tr>${header.map((cell, index) => `<th${index === 0 ? '' : index === header.length - 1 ? ' class="text"' : ''}>${escapeHtml(cell)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Test `'tukey'`: per measure, a table of the family-wise p-values of every pair of systems. */
function allPairsTables(report: ComparisonReport): string[] {
  return (report.allPairs ?? []).map((pairs) => {
    const header = `<tr><th class="text"></th>${pairs.systems.map((name) => `<th>${escapeHtml(name)}</th>`).join('')}</tr>`;
    const rows = pairs.systems.map((name, i) => {
      const cells = pairs.systems.map((_other, j) => {
        if (i === j) return '<td>–</td>';
        const p = (pairs.pValue[i] as readonly number[])[j] as number;
        const significant = p <= report.settings.alpha;
        const direction = ((pairs.meanDifference[i] as readonly number[])[j] as number) > 0 ? 'better' : 'worse';
        return `<td${significant ? ` class="${direction}"` : ''}>${escapeHtml(formatPValue(p))}</td>`;
      });
      return `<tr><td>${escapeHtml(name)}</td>${cells.join('')}</tr>`;
    });
    return `<h3>${escapeHtml(pairs.measure)}: p-values of every pair of systems (randomized Tukey HSD, family-wise; coloured when p ≤ ${String(report.settings.alpha)}, by the row's direction)</h3><table><thead>${header}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
}

/**
 * The report as one self-contained HTML page: inline CSS (light and dark), no script, no external resource. It holds
 * the summary grid (significant wins and losses marked), the caption, with test `'tukey'` the p-values of every pair
 * of systems per measure, and for each system a detail table and, per
 * measure, a per-query difference plot against the baseline as inline SVG ({@link differencePlotSvg}), then the
 * measures' definitions and the warnings.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @returns the HTML document.
 */
export function formatComparisonHtml(report: ComparisonReport): string {
  const title = report.title ?? 'Comparison';
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${escapeHtml(`${title}: against ${report.baseline.name}`)}</title>`, `<style>${style}</style>`, '</head>', '<body>');
  parts.push(`<h1>${escapeHtml(title)}</h1>`);
  parts.push(`<p>${String(report.systems.length)} system${report.systems.length === 1 ? '' : 's'} against the baseline <strong>${escapeHtml(report.baseline.name)}</strong> on ${String(report.queries.length)} queries.</p>`);
  parts.push(summaryTable(report));
  parts.push(`<p class="caption">▲/▼ significantly better/worse than the baseline: ${escapeHtml(describeSettings(report))}</p>`);
  const pairTables = allPairsTables(report);
  if (pairTables.length > 0) parts.push('<section class="pairs"><h2>Every pair of systems</h2>', ...pairTables, '</section>');
  for (const system of report.systems) {
    parts.push(`<section class="system"><h2>${escapeHtml(system.name)} against ${escapeHtml(report.baseline.name)}</h2>`);
    parts.push(detailTable(report, system));
    for (const measure of report.measures) {
      const values = system.perQuery[measure.name] ?? [];
      const baselineValues = report.baseline.perQuery[measure.name] ?? [];
      const differences = values.map((value, index) => value - (baselineValues[index] ?? 0));
      parts.push(`<h3>${escapeHtml(measure.name)}: per-query difference</h3>`);
      parts.push(differencePlotSvg(differences, { system: system.name, baseline: report.baseline.name, measure: measure.name }));
    }
    parts.push('</section>');
  }
  const described = report.measures.filter((measure) => measure.description !== '');
  if (described.length > 0) {
    parts.push('<h2>Measures</h2><ul>');
    for (const measure of described) {
      parts.push(`<li><strong>${escapeHtml(measure.name)}</strong>: ${escapeHtml(measure.description)}${measure.trecEvalFlags === '' ? '' : ` <span class="note">(trec_eval ${escapeHtml(measure.trecEvalFlags)})</span>`}</li>`);
    }
    parts.push('</ul>');
  }
  if (report.warnings.length > 0) {
    parts.push('<h2>Warnings</h2><ul>');
    for (const warning of report.warnings) parts.push(`<li class="warning">${escapeHtml(warning)}</li>`);
    parts.push('</ul>');
  }
  parts.push('<p class="note">Generated by Benchline.</p>', '</body>', '</html>');
  return `${parts.join('\n')}\n`;
}

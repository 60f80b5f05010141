import { InvalidArgumentError } from '../errors.js';
import type { ComparisonReport } from './comparison-report.js';
import { formatComparisonCsv, formatComparisonJson } from './format-data.js';
import { formatComparisonHtml } from './format-html.js';
import { formatComparisonLatex } from './format-latex.js';
import { formatComparisonMarkdown, formatComparisonTable } from './format-text.js';

/** The formats a comparison report can be written in. */
export type ComparisonFormat = 'table' | 'markdown' | 'latex' | 'csv' | 'json' | 'html';

/** Every {@link ComparisonFormat}, for validation and help texts. */
export const comparisonFormats: readonly ComparisonFormat[] = Object.freeze(['table', 'markdown', 'latex', 'csv', 'json', 'html']);

/**
 * Renders a report in one of the {@link comparisonFormats}. Pure: returns the text, writes nothing.
 *
 * @param report - from {@link compareRuns} or {@link compareScores}.
 * @param format - `table` (terminal), `markdown`, `latex` (booktabs), `csv`, `json` (every number), `html`
 *   (self-contained, with per-query difference plots).
 * @returns the text.
 * @throws {InvalidArgumentError} for an unknown format.
 */
export function formatComparison(report: ComparisonReport, format: ComparisonFormat): string {
  switch (format) {
    case 'table':
      return formatComparisonTable(report);
    case 'markdown':
      return formatComparisonMarkdown(report);
    case 'latex':
      return formatComparisonLatex(report);
    case 'csv':
      return formatComparisonCsv(report);
    case 'json':
      return formatComparisonJson(report);
    case 'html':
      return formatComparisonHtml(report);
    default:
      throw new InvalidArgumentError('format', `unknown report format ${JSON.stringify(format)}; expected one of ${comparisonFormats.join(', ')}`);
  }
}

import { basename, resolve } from 'node:path';
import { defaultMeasureNames, evaluate, formatFixed, parseMeasure } from '@benchline/metrics';
import type { Evaluation, MeasureSpec, TrecEvalVersion } from '@benchline/metrics';
import { readQrelsFile, readRunFile } from '@benchline/metrics/node';
import type { CliIo } from '../../io.js';
import { formatTable } from '../../output/format.js';

export interface EvalOptions {
  readonly qrels: string;
  readonly runs: readonly string[];
  readonly measures: readonly string[];
  readonly perQuery: boolean;
  readonly format: 'table' | 'markdown' | 'csv' | 'json';
  readonly version: TrecEvalVersion;
  readonly missingQueries: 'skip' | 'zero';
}

interface RunEvaluation {
  readonly label: string;
  readonly path: string;
  readonly evaluation: Evaluation;
}

/** `benchline eval --qrels Q run...`: readable measures, the trec_eval engine, several runs side by side. */
export async function evalCommand(options: EvalOptions, io: CliIo): Promise<void> {
  const specs = (options.measures.length === 0 ? defaultMeasureNames : options.measures).map((name) => parseMeasure(name));
  const qrels = await readQrelsFile(resolve(io.cwd, options.qrels));
  const labels = uniqueLabels(options.runs);
  const results: RunEvaluation[] = [];
  for (const [index, path] of options.runs.entries()) {
    const run = await readRunFile(resolve(io.cwd, path));
    const evaluation = evaluate(qrels, run, specs, { version: options.version, missingQueries: options.missingQueries });
    results.push({ label: labels[index] as string, path, evaluation });
    reportCoverage(io, labels[index] as string, evaluation, options.missingQueries);
  }
  const names = specs.map((spec) => spec.name);
  switch (options.format) {
    case 'json':
      io.stdout.write(`${JSON.stringify(toJson(options, specs, results), null, 2)}\n`);
      return;
    case 'csv':
      io.stdout.write(toCsv(names, specs, results, options.perQuery));
      io.stderr.write(legend(specs));
      return;
    case 'markdown':
      io.stdout.write(toMarkdown(names, specs, results, options.perQuery));
      io.stdout.write(`\n${legend(specs)}`);
      return;
    case 'table':
      io.stdout.write(formatTable(rows(specs, results, options.perQuery), { header: header(names, options.perQuery) }));
      io.stdout.write(`\n${legend(specs)}`);
      return;
  }
}

function uniqueLabels(paths: readonly string[]): string[] {
  const names = paths.map((path) => basename(path));
  return names.map((name, index) => (names.indexOf(name) === names.lastIndexOf(name) ? name : (paths[index] as string)));
}

function reportCoverage(io: CliIo, label: string, evaluation: Evaluation, policy: 'skip' | 'zero'): void {
  const missing = evaluation.judgedWithoutResults.length;
  const unjudged = evaluation.resultsWithoutJudgments.length;
  if (missing > 0) {
    io.stderr.write(`${label}: ${String(missing)} judged quer${missing === 1 ? 'y has' : 'ies have'} no results (${policy === 'skip' ? 'left out of the means, as trec_eval does; --missing-queries zero counts them as 0' : 'counted as 0'})\n`);
  }
  if (unjudged > 0) io.stderr.write(`${label}: ${String(unjudged)} quer${unjudged === 1 ? 'y has' : 'ies have'} results but no judgments (not evaluated)\n`);
}

function formatValue(spec: MeasureSpec, value: number | undefined): string {
  if (value === undefined) return '';
  return spec.aggregation === 'sum' || spec.aggregation === 'count' ? String(Math.trunc(value)) : formatFixed(value, 4);
}

function header(names: readonly string[], perQuery: boolean): string[] {
  return perQuery ? ['run', 'query', ...names] : ['run', ...names];
}

function rows(specs: readonly MeasureSpec[], results: readonly RunEvaluation[], perQuery: boolean): string[][] {
  const table: string[][] = [];
  for (const { label, evaluation } of results) {
    if (perQuery) {
      for (const qid of evaluation.queries) table.push([label, qid, ...specs.map((spec) => formatValue(spec, evaluation.perQuery[qid]?.[spec.name]))]);
      table.push([label, `all (${String(evaluation.queryCount)})`, ...specs.map((spec) => formatValue(spec, evaluation.aggregate[spec.name]))]);
    } else {
      table.push([label, ...specs.map((spec) => formatValue(spec, evaluation.aggregate[spec.name]))]);
    }
  }
  return table;
}

function toMarkdown(names: readonly string[], specs: readonly MeasureSpec[], results: readonly RunEvaluation[], perQuery: boolean): string {
  const head = header(names, perQuery);
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const lines = [`| ${head.map(escape).join(' | ')} |`, `|${head.map((_cell, index) => (index < (perQuery ? 2 : 1) ? '---' : '--:')).join('|')}|`];
  for (const row of rows(specs, results, perQuery)) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

function toCsv(names: readonly string[], specs: readonly MeasureSpec[], results: readonly RunEvaluation[], perQuery: boolean): string {
  const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [header(names, perQuery).map(quote).join(',')];
  for (const row of rows(specs, results, perQuery)) lines.push(row.map(quote).join(','));
  return `${lines.join('\n')}\n`;
}

/** One line per measure: what was evaluated, in words and as trec_eval flags. */
function legend(specs: readonly MeasureSpec[]): string {
  return `${specs.map((spec) => `${spec.name}: ${spec.description} [trec_eval ${spec.trecEvalFlags}]`).join('\n')}\n`;
}

function toJson(options: EvalOptions, specs: readonly MeasureSpec[], results: readonly RunEvaluation[]): unknown {
  return {
    qrels: options.qrels,
    trecEvalVersion: options.version,
    missingQueries: options.missingQueries,
    measures: specs.map((spec) => ({ name: spec.name, input: spec.input, description: spec.description, trecEval: spec.trecEvalFlags, aggregation: spec.aggregation })),
    runs: results.map(({ label, path, evaluation }) => ({
      name: label,
      path,
      queryCount: evaluation.queryCount,
      aggregate: evaluation.aggregate,
      judgedWithoutResults: evaluation.judgedWithoutResults,
      resultsWithoutJudgments: evaluation.resultsWithoutJudgments,
      ...(options.perQuery ? { perQuery: evaluation.perQuery } : {}),
    })),
  };
}

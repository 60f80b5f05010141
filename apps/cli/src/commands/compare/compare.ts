import { resolve } from 'node:path';
import { compareRuns, comparisonFormats, formatComparison } from '@benchline/metrics';
import type { ComparisonFormat, ComparisonOptions, ComparisonReport, ComparisonTest, PValueAdjustment, TrecEvalVersion } from '@benchline/metrics';
import { readQrelsFile, readRunFile } from '@benchline/metrics/node';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { colorsFor } from '../../output/colors.js';
import { parsePositiveInteger } from '../../options.js';
import type { CompareFlags } from './register.js';
import { uniqueLabels, writeTextAtomically } from './write-output.js';

/**
 * Refuses `--correction` other than none with `--test tukey` (its p-values are family-wise already), worded with
 * the flags before any file is read.
 */
export function checkTukeyCorrection(test: string | undefined, correction: string | undefined): void {
  if (test === 'tukey' && correction !== undefined && correction !== 'none') {
    throw usageError(`--correction ${correction} does not apply to --test tukey: the randomized Tukey HSD already holds the family-wise error over every pair of systems; leave --correction out or give none`);
  }
}

/** Reads `--alpha`, `--seed`... into the library's options; a bad value is a usage error naming the flag. */
export function statisticsOptions(flags: Pick<CompareFlags, 'test' | 'correction' | 'alpha' | 'alternative' | 'seed' | 'permutations'>): ComparisonOptions {
  const alpha = Number(flags.alpha);
  if (!(alpha > 0 && alpha < 1)) throw usageError(`--alpha expects a number strictly between 0 and 1, got "${flags.alpha}"`);
  const seed = /^\d+$/.test(flags.seed) ? Number(flags.seed) : Number.NaN;
  if (!Number.isSafeInteger(seed)) throw usageError(`--seed expects a non-negative integer, got "${flags.seed}"`);
  const permutations = parsePositiveInteger('--permutations', flags.permutations);
  checkTukeyCorrection(flags.test, flags.correction);
  if (flags.test === 'tukey' && flags.alternative !== 'two-sided') {
    throw usageError(`--test tukey is two-sided only (it compares every pair of systems in both directions); leave --alternative out`);
  }
  return {
    test: flags.test as ComparisonTest,
    ...(flags.correction === undefined ? {} : { correction: flags.correction as PValueAdjustment }),
    alpha,
    alternative: flags.alternative as 'two-sided' | 'greater' | 'less',
    seed,
    permutations,
    resamples: permutations,
  };
}

/** Writes a report in the chosen format to `--out` (atomically) or stdout; warnings go to stderr. */
export async function writeReport(report: ComparisonReport, format: ComparisonFormat, out: string | undefined, io: CliIo): Promise<void> {
  if (!comparisonFormats.includes(format)) throw usageError(`--format expects one of ${comparisonFormats.join(', ')}, got "${format}"`);
  const colors = colorsFor(io.stderr, io.env);
  // The table and markdown print warnings themselves; the other formats are for files and programs.
  if (format !== 'table' && format !== 'markdown') for (const warning of report.warnings) io.stderr.write(`${colors.yellow('warning:')} ${warning}\n`);
  const text = formatComparison(report, format);
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, out);
  await writeTextAtomically(path, text);
  io.stderr.write(`wrote the ${format} report to ${path}\n`);
}

/** `benchline compare --qrels Q --baseline B run...`. */
export async function compareCommand(paths: readonly string[], flags: CompareFlags, io: CliIo): Promise<void> {
  const options = statisticsOptions(flags);
  const labels = uniqueLabels([flags.baseline, ...paths]);
  const qrels = await readQrelsFile(resolve(io.cwd, flags.qrels));
  const read = async (path: string, label: string): Promise<{ name: string; results: Awaited<ReturnType<typeof readRunFile>>['results'] }> => {
    const run = await readRunFile(resolve(io.cwd, path));
    return { name: label, results: run.results };
  };
  const baseline = await read(flags.baseline, labels[0] as string);
  const systems = [];
  for (const [index, path] of paths.entries()) systems.push(await read(path, labels[index + 1] as string));
  const report = compareRuns({
    qrels,
    baseline,
    systems,
    ...(flags.measure === undefined ? {} : { measures: flags.measure }),
    trecEvalVersion: flags.trecEvalVersion as TrecEvalVersion,
    ...options,
    ...(flags.title === undefined ? {} : { title: flags.title }),
  });
  await writeReport(report, (flags.json ? 'json' : flags.format) as ComparisonFormat, flags.out, io);
}

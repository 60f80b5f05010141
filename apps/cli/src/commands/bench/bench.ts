import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { beirFiles, createSearcher, entries } from '@benchline/glossary';
import {
  formatBenchmarkSpec,
  formatComparisonJson,
  formatTrecRun,
  parseBeirCorpus,
  parseBeirQrels,
  parseBeirQueries,
  parseBenchmarkSpec,
  runBenchmark,
  validateBenchmarkSpec,
} from '@benchline/metrics';
import type { BenchmarkDataset, BenchmarkSpec, ComparisonFormat, ComparisonReport, HostSystemContext, Run, ScoredDocument } from '@benchline/metrics';
import { findCachedDataset, knownDatasetNames, loadBeirDataset, readRunFile, resolveCacheDirectory } from '@benchline/metrics/node';
import { CliError, usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { colorsFor } from '../../output/colors.js';
import { createProgress } from '../../output/progress.js';
import { checkTukeyCorrection, writeReport } from '../compare/compare.js';
import { uniqueLabels, writeTextAtomically } from '../compare/write-output.js';
import { builtinBenchmarkSpec, builtinDatasetName } from './builtin-benchmark.js';
import type { BenchFlags } from './register.js';

const hostSystemTypes = ['glossary-search'];

/** The spec to run and the folder its relative paths are relative to. */
interface ResolvedSpec {
  readonly spec: BenchmarkSpec;
  readonly folder: string;
  /** Where the spec came from, for messages. */
  readonly origin: string;
}

/** The default "improved" system on a dataset given with --dataset and no --system: RRF of three BM25 variants. */
const defaultFusion = {
  name: 'rrf-bm25-variants',
  type: 'fusion',
  method: 'rrf',
  runs: [
    'bm25',
    { name: 'bm25-k1.2-b0.75', type: 'bm25', k1: 1.2, b: 0.75 },
    { name: 'bm25-title-text-fields', type: 'bm25', fields: [{ source: 'title' }, { source: 'text' }] },
  ],
};

/** Statistics and measures given on the command line, in spec terms (they override a spec file's). */
function commandLineOverrides(flags: BenchFlags): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  if (flags.split !== undefined) overrides.split = flags.split;
  if (flags.measure !== undefined) overrides.measures = flags.measure;
  if (flags.test !== undefined) overrides.test = flags.test;
  if (flags.correction !== undefined) overrides.correction = flags.correction;
  if (flags.test === 'tukey') {
    // Tukey's p-values are family-wise over all pairs already: a spec's correction does not apply to them.
    checkTukeyCorrection(flags.test, flags.correction);
    overrides.correction = 'none';
  }
  if (flags.alpha !== undefined) {
    const alpha = Number(flags.alpha);
    if (!(alpha > 0 && alpha < 1)) throw usageError(`--alpha expects a number strictly between 0 and 1, got "${flags.alpha}"`);
    overrides.alpha = alpha;
  }
  if (flags.seed !== undefined) {
    if (!/^\d+$/.test(flags.seed)) throw usageError(`--seed expects a non-negative integer, got "${flags.seed}"`);
    overrides.seed = Number(flags.seed);
  }
  return overrides;
}

async function resolveSpec(flags: BenchFlags, io: CliIo): Promise<ResolvedSpec> {
  const overrides = commandLineOverrides(flags);
  if (flags.spec !== undefined) {
    const given = (['dataset', 'baseline', 'system'] as const).filter((flag) => flags[flag] !== undefined);
    if (given.length > 0) throw usageError(`--spec describes the dataset, the baseline and the systems; leave out --${given.join(', --')}`);
    const path = resolve(io.cwd, flags.spec);
    const text = await readFile(path, 'utf8');
    // The file alone must be valid (it is the record of the comparison); command-line options then override it.
    let spec = parseBenchmarkSpec(text, { source: flags.spec, hostSystemTypes });
    if (Object.keys(overrides).length > 0) {
      spec = validateBenchmarkSpec({ ...(JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>), ...overrides }, { source: `${flags.spec} with the command-line options`, hostSystemTypes });
    }
    return { spec, folder: dirname(path), origin: flags.spec };
  }
  if (flags.dataset === undefined) {
    // Run files belong to a dataset's queries; the built-in benchmark is the default only when nothing else is named.
    if (flags.baseline !== undefined || flags.system !== undefined) throw usageError('--baseline and --system need --dataset (or a --spec) naming the data the runs were made on');
    return { spec: validateBenchmarkSpec({ ...builtinBenchmarkSpec, ...overrides }, { source: 'the built-in benchmark', hostSystemTypes }), folder: io.cwd, origin: 'the built-in benchmark' };
  }
  const dataset = flags.dataset;
  const runPaths = flags.system ?? [];
  const baselineIsRun = flags.baseline !== undefined && flags.baseline !== 'bm25';
  if (runPaths.length === 0 && baselineIsRun) throw usageError('with a run file as --baseline, name the systems to compare with --system');
  const labels = uniqueLabels([...(baselineIsRun ? [flags.baseline as string] : []), ...runPaths]);
  const baseline = baselineIsRun ? { name: labels[0], type: 'run', path: flags.baseline } : { name: 'bm25', type: 'bm25' };
  const offset = baselineIsRun ? 1 : 0;
  const systems = runPaths.length === 0 ? [defaultFusion] : runPaths.map((path, index) => ({ name: labels[index + offset], type: 'run', path }));
  const isPath = /[/\\]/.test(dataset) || dataset.startsWith('.');
  const spec = validateBenchmarkSpec(
    { name: dataset, dataset: isPath ? { path: dataset } : dataset, baseline, systems, ...overrides },
    { source: 'the command line', hostSystemTypes },
  );
  return { spec, folder: io.cwd, origin: 'the command line' };
}

/** The built-in concept-search benchmark, from the glossary's in-memory BEIR files (the bundle ships no data folder). */
function builtinDataset(split: string): BenchmarkDataset {
  if (split !== 'test') throw usageError(`the built-in benchmark has only the split test, not "${split}"`);
  const files = beirFiles();
  return {
    corpus: parseBeirCorpus(files['corpus.jsonl'], 'concept-search/corpus.jsonl'),
    queries: parseBeirQueries(files['queries.jsonl'], 'concept-search/queries.jsonl'),
    qrels: parseBeirQrels(files['qrels/test.tsv'], { source: 'concept-search/qrels/test.tsv' }),
  };
}

async function loadDataset(resolved: ResolvedSpec, flags: BenchFlags, io: CliIo): Promise<{ dataset: BenchmarkDataset; description: string }> {
  const { spec } = resolved;
  if (spec.dataset.kind === 'path') {
    const folder = resolve(resolved.folder, spec.dataset.path);
    return { dataset: await loadBeirDataset(folder, { split: spec.split }), description: folder };
  }
  if (spec.dataset.name === builtinDatasetName) return { dataset: builtinDataset(spec.split), description: 'the built-in concept-search benchmark' };
  const cacheDir = resolveCacheDirectory({ cacheDir: flags.cacheDir === undefined ? undefined : resolve(io.cwd, flags.cacheDir), env: io.env });
  const folder = await findCachedDataset(spec.dataset.name, { cacheDir });
  if (folder === undefined) {
    const known = knownDatasetNames.includes(spec.dataset.name);
    throw new CliError(
      known
        ? `dataset "${spec.dataset.name}" is not downloaded yet (cache: ${cacheDir}); run: benchline dataset get ${spec.dataset.name}`
        : `unknown dataset "${spec.dataset.name}" in ${resolved.origin}: expected a folder path (containing / or starting with .), "${builtinDatasetName}", or a downloaded BEIR dataset (${knownDatasetNames.join(', ')})`,
    );
  }
  return { dataset: await loadBeirDataset(folder, { split: spec.split }), description: folder };
}

/** The glossary's own search as a benchmark system: each query's best entries by the glossary's TF-IDF scorer. */
function glossarySearchRun(context: HostSystemContext): Run {
  const ids = new Set(entries.map((entry) => entry.id));
  const unknown = context.dataset.corpus.find((document) => !ids.has(document.id));
  if (unknown !== undefined) {
    throw usageError(`system "${context.name}" (glossary-search) answers with glossary entries; it fits only the ${builtinDatasetName} dataset, whose documents are the entries (found document "${unknown.id}")`);
  }
  const searcher = createSearcher(entries);
  const results = new Map<string, ScoredDocument[]>();
  for (const query of context.queries) {
    results.set(
      query.id,
      searcher.search(query.text, { limit: context.depth }).map((hit) => ({ docno: hit.entry.id, score: hit.score })),
    );
  }
  return { name: context.name, results };
}

/** One line per system on the first measure: the verdict a reader looks for first. */
function verdicts(report: ComparisonReport): string[] {
  const measure = report.measures[0];
  if (measure === undefined) return [];
  const lines: string[] = [];
  for (const system of report.systems) {
    const comparison = system.comparisons[0];
    if (comparison === undefined) continue;
    const relative = comparison.relativeDifference === null ? '' : `, ${comparison.relativeDifference >= 0 ? '+' : ''}${(comparison.relativeDifference * 100).toFixed(1)}%`;
    const verdict = comparison.outcome === 'better' ? 'significantly better' : comparison.outcome === 'worse' ? 'significantly worse' : 'no significant difference';
    lines.push(
      `${system.name}: ${measure.name} ${comparison.mean.toFixed(3)} vs ${comparison.baselineMean.toFixed(3)} (${comparison.difference >= 0 ? '+' : ''}${comparison.difference.toFixed(3)}${relative}; ${String(comparison.wins)} queries better, ${String(comparison.losses)} worse), adjusted p = ${comparison.adjustedPValue < 0.0001 ? comparison.adjustedPValue.toExponential(1) : comparison.adjustedPValue.toFixed(4)}: ${verdict}`,
    );
  }
  return lines;
}

/** `benchline bench`: builds the baseline, evaluates every system, compares, prints the report. */
export async function benchCommand(flags: BenchFlags, io: CliIo): Promise<void> {
  const resolved = await resolveSpec(flags, io);
  const { spec } = resolved;
  if (flags.printSpec) {
    io.stdout.write(formatBenchmarkSpec(spec));
    return;
  }
  const started = Date.now();
  const { dataset, description } = await loadDataset(resolved, flags, io);
  const systemCount = 1 + spec.systems.length;
  const progress = createProgress(io, { total: systemCount, label: 'bench' });
  let built = 0;
  const result = await runBenchmark(spec, {
    dataset,
    readRun: async (path) => readRunFile(resolve(resolved.folder, path)),
    hostSystems: { 'glossary-search': glossarySearchRun },
    onSystem: () => progress.update(++built),
  });
  progress.stop();
  const milliseconds = Date.now() - started;
  if (flags.saveRuns !== undefined) {
    const folder = resolve(io.cwd, flags.saveRuns);
    await mkdir(folder, { recursive: true });
    for (const [name, run] of result.runs) await writeTextAtomically(join(folder, `${name.replace(/[^\w.+-]/g, '_')}.run`), formatTrecRun(run));
    io.stderr.write(`wrote ${String(result.runs.size)} runs to ${folder}\n`);
  }
  const format = (flags.json ? 'json' : flags.format) as ComparisonFormat;
  if (format === 'json') {
    const report = JSON.parse(formatComparisonJson(result.report)) as Record<string, unknown>;
    const text = `${JSON.stringify({ ...report, benchmark: { spec, dataset: description, timings: result.timings, milliseconds } }, null, 2)}\n`;
    if (flags.out === undefined) io.stdout.write(text);
    else {
      const path = resolve(io.cwd, flags.out);
      await writeTextAtomically(path, text);
      io.stderr.write(`wrote the json report to ${path}\n`);
    }
    for (const warning of result.report.warnings) io.stderr.write(`warning: ${warning}\n`);
    return;
  }
  await writeReport(result.report, format, flags.out, io);
  if (format === 'table' || format === 'markdown') {
    const colors = colorsFor(io.stdout, io.env);
    const lines = verdicts(result.report);
    io.stdout.write(`\n${format === 'markdown' ? '### Verdict\n\n' : `${colors.bold('Verdict')} (${result.report.measures[0]?.name ?? ''}, against ${result.report.baseline.name}):\n`}${lines.map((line) => `${format === 'markdown' ? '- ' : '  '}${line}`).join('\n')}\n`);
  }
  io.stderr.write(`${description}: ${String(result.report.queries.length)} queries, ${String(systemCount)} runs built and compared in ${String(milliseconds)} ms\n`);
}


import { bm25Index } from '../baselines/bm25/bm25-index.js';
import { fuse } from '../baselines/fusion/fuse.js';
import { oracleRun } from '../baselines/oracle-run.js';
import { randomRun } from '../baselines/random-run.js';
import { compareRuns } from '../comparison/compare-runs.js';
import type { ComparisonReport } from '../comparison/comparison-report.js';
import type { CorpusDocument, SearchQuery } from '../datasets/corpus.js';
import { InvalidArgumentError } from '../errors.js';
import type { Qrels, Run } from '../types.js';
import type { BenchmarkSpec, SystemDefinition } from './benchmark-spec.js';

/** The data a benchmark runs on. */
export interface BenchmarkDataset {
  readonly corpus: readonly CorpusDocument[];
  readonly queries: readonly SearchQuery[];
  readonly qrels: Qrels;
}

/** What a host-provided system receives: the queries to answer and the corpus. */
export interface HostSystemContext {
  readonly dataset: BenchmarkDataset;
  /** The queries to answer (judged ones by default). */
  readonly queries: readonly SearchQuery[];
  /** Results to keep per query. */
  readonly depth: number;
  /** The system's name (the run's name). */
  readonly name: string;
  /** Its parameters as written in the spec (`options`). */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** Options of {@link runBenchmark}. */
export interface RunBenchmarkOptions {
  readonly dataset: BenchmarkDataset;
  /** Reads a run file named by a `run` system (the path as written in the spec). Required when the spec has one. */
  readonly readRun?: (path: string) => Promise<Run>;
  /** Builders of the host-provided system types, by type name. */
  readonly hostSystems?: Readonly<Record<string, (context: HostSystemContext) => Run | Promise<Run>>>;
  /** Called as each system's run is ready (for progress). */
  readonly onSystem?: (name: string, milliseconds: number) => void;
  /** Clock for the timings (default `performance.now` when present, else `Date.now`). */
  readonly now?: () => number;
}

/** The result of {@link runBenchmark}. */
export interface BenchmarkResult {
  readonly report: ComparisonReport;
  /** Every run, by system name: the baseline, the systems, and the inline parts of fusions. */
  readonly runs: ReadonlyMap<string, Run>;
  /** Milliseconds spent building each run (reading, for run files), and comparing. */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Runs a benchmark spec: builds or reads the baseline's and every system's run, evaluates them against the split's
 * qrels and compares each system with the baseline ({@link compareRuns}; the spec's test, correction, α, seed).
 * Built systems (BM25, random, oracle, fusion) answer the judged queries unless the spec says `"queries": "all"`.
 * BM25 indexes are shared between systems with the same settings.
 *
 * @param spec - from {@link parseBenchmarkSpec}.
 * @param options - the dataset, a run-file reader, host-provided systems.
 * @returns the report, the runs and the timings.
 * @throws {InvalidArgumentError} for a run system without a `readRun`, or a host type without a builder.
 * @throws {ComparisonInputError} when a run does not fit the qrels (see {@link compareRuns}).
 */
export async function runBenchmark(spec: BenchmarkSpec, options: RunBenchmarkOptions): Promise<BenchmarkResult> {
  const now = options.now ?? (typeof performance === 'undefined' ? () => Date.now() : () => performance.now());
  const { dataset } = options;
  const queries = spec.queries === 'all' ? dataset.queries : dataset.queries.filter((query) => dataset.qrels.has(query.id));
  const runs = new Map<string, Run>();
  const timings: Record<string, number> = {};
  const indexes = new Map<string, ReturnType<typeof bm25Index>>();
  const topLevel = new Map([spec.baseline, ...spec.systems].map((system) => [system.name, system]));
  const building = new Set<string>();

  const build = async (system: SystemDefinition): Promise<Run> => {
    const existing = runs.get(system.name);
    if (existing !== undefined) return existing;
    if (building.has(system.name)) throw new InvalidArgumentError('systems', `system "${system.name}" fuses itself`);
    building.add(system.name);
    const started = now();
    let run: Run;
    switch (system.type) {
      case 'bm25': {
        const key = JSON.stringify([system.variant, system.k1, system.b, system.analyzer, system.fields]);
        let index = indexes.get(key);
        if (index === undefined) {
          index = bm25Index(dataset.corpus, {
            variant: system.variant,
            k1: system.k1,
            b: system.b,
            analyzer: system.analyzer,
            fields: system.fields.map((field) => ({ source: field.source, weight: field.weight, ...(field.analyzer === undefined ? {} : { analyzer: field.analyzer }) })),
          });
          indexes.set(key, index);
        }
        run = index.search(queries, { k: spec.depth, name: system.name });
        break;
      }
      case 'run': {
        if (options.readRun === undefined) throw new InvalidArgumentError('readRun', `system "${system.name}" is a run file (${system.path}); runBenchmark needs a readRun function to read it`);
        const read = await options.readRun(system.path);
        run = { name: system.name, results: read.results };
        break;
      }
      case 'fusion': {
        const parts: Run[] = [];
        for (const input of system.runs) {
          if (input.type === 'reference') {
            const target = topLevel.get(input.name);
            if (target === undefined) throw new InvalidArgumentError('systems', `system "${system.name}" fuses "${input.name}", which is not defined`);
            parts.push(await build(target));
          } else {
            parts.push(await build(input));
          }
        }
        run = fuse(parts, {
          method: system.method,
          name: system.name,
          k: spec.depth,
          ...(system.normalization === undefined ? {} : { normalization: system.normalization }),
          ...(system.rrfK === undefined ? {} : { rrfK: system.rrfK }),
          ...(system.weights === undefined ? {} : { weights: system.weights }),
        });
        break;
      }
      case 'random':
        run = { ...randomRun(dataset.corpus.map((document) => document.id), queries, { seed: spec.seed, k: spec.depth }), name: system.name };
        break;
      case 'oracle':
        run = { ...oracleRun(dataset.qrels), name: system.name };
        break;
      case 'host': {
        const builder = options.hostSystems?.[system.hostType];
        if (builder === undefined) throw new InvalidArgumentError('hostSystems', `system "${system.name}" has type "${system.hostType}", which this program does not provide`);
        const built = await builder({ dataset, queries, depth: spec.depth, name: system.name, parameters: system.parameters });
        run = { name: system.name, results: built.results };
        break;
      }
    }
    const elapsed = now() - started;
    timings[system.name] = elapsed;
    options.onSystem?.(system.name, elapsed);
    runs.set(system.name, run);
    building.delete(system.name);
    return run;
  };

  const baseline = await build(spec.baseline);
  const systems: Run[] = [];
  for (const system of spec.systems) systems.push(await build(system));
  const started = now();
  const report = compareRuns({
    qrels: dataset.qrels,
    baseline,
    systems,
    measures: spec.measures,
    trecEvalVersion: spec.trecEvalVersion,
    test: spec.test,
    ...(spec.correction === undefined ? {} : { correction: spec.correction }),
    alpha: spec.alpha,
    alternative: spec.alternative,
    confidenceLevel: spec.confidenceLevel,
    seed: spec.seed,
    permutations: spec.permutations,
    resamples: spec.resamples,
    ...(spec.name === undefined ? {} : { title: spec.name }),
  });
  timings.comparison = now() - started;
  return { report, runs, timings };
}

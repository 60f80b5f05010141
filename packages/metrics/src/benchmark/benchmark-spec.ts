import { bm25Variants } from '../baselines/bm25/bm25-variants.js';
import type { Bm25Variant } from '../baselines/bm25/bm25-variants.js';
import { fusionMethods, scoreNormalizations } from '../baselines/fusion/fuse.js';
import type { FusionMethod, ScoreNormalization } from '../baselines/fusion/fuse.js';
import { analyzerNames } from '../baselines/text/analyzers.js';
import type { AnalyzerName } from '../baselines/text/analyzers.js';
import { comparisonCorrections, comparisonTests } from '../comparison/comparison-report.js';
import type { ComparisonTest } from '../comparison/comparison-report.js';
import { MetricsError } from '../errors.js';
import { parseMeasure } from '../measures/measure-names.js';
import type { PValueAdjustment } from '../stats/adjust-p-values.js';
import { trecEvalVersions } from '../trec-eval/options.js';
import type { TrecEvalVersion } from '../trec-eval/options.js';
import type { Alternative } from '../stats/types.js';

/**
 * A benchmark spec file is wrong: the message names the spec file, the field (as a path such as
 * `systems[1].fusion.method`), what was expected and what was found.
 */
export class BenchmarkSpecError extends MetricsError {
  override readonly name = 'BenchmarkSpecError';
  /** The spec file (or the label the caller gave). */
  readonly source: string;
  /** The field at fault, e.g. `systems[1].type`; empty for the file as a whole. */
  readonly field: string;
  readonly expected: string;
  readonly found: string;

  constructor(details: { source: string; field: string; expected: string; found: string; line?: number }) {
    const where = details.field === '' ? details.source : `${details.source}: field "${details.field}"`;
    const line = details.line === undefined ? '' : ` line ${String(details.line)}`;
    super('invalid_argument', `${where}${line}: expected ${details.expected}, found ${details.found}`);
    this.source = details.source;
    this.field = details.field;
    this.expected = details.expected;
    this.found = details.found;
  }
}

/** Where the benchmark's data comes from. */
export type DatasetReference =
  /** A BEIR folder (relative paths are relative to the spec file). */
  | { readonly kind: 'path'; readonly path: string }
  /** A name the host resolves: `concept-search` (the built-in benchmark) or a BEIR dataset name (downloaded and cached). */
  | { readonly kind: 'builtin'; readonly name: string };

/** One indexed field of a BM25 system. */
export interface Bm25FieldDefinition {
  /** Document keys joined with a line break (`title`, `text`, or keys of the corpus rows such as `text_zh`). */
  readonly source: readonly string[];
  readonly analyzer: AnalyzerName | undefined;
  readonly weight: number;
}

/** A BM25 run built from the benchmark's corpus. */
export interface Bm25SystemDefinition {
  readonly type: 'bm25';
  readonly name: string;
  readonly variant: Bm25Variant;
  readonly k1: number;
  readonly b: number;
  readonly analyzer: AnalyzerName;
  /** The fields; one flat field of `title` and `text` by default. */
  readonly fields: readonly Bm25FieldDefinition[];
}

/** A run file (TREC, JSON or JSON Lines; relative paths are relative to the spec file). */
export interface RunFileSystemDefinition {
  readonly type: 'run';
  readonly name: string;
  readonly path: string;
}

/** A fusion of other systems' runs. */
export interface FusionSystemDefinition {
  readonly type: 'fusion';
  readonly name: string;
  readonly method: FusionMethod;
  readonly normalization: ScoreNormalization | undefined;
  readonly rrfK: number | undefined;
  readonly weights: readonly number[] | undefined;
  /** The fused systems: inline definitions, or references by name to the baseline or another system. */
  readonly runs: readonly (SystemDefinition | { readonly type: 'reference'; readonly name: string })[];
}

/** The seeded random floor or the oracle ceiling. */
export interface ReferenceRunDefinition {
  readonly type: 'random' | 'oracle';
  readonly name: string;
}

/** A system type the host program provides (such as the CLI's `glossary-search`), with its parameters as written. */
export interface HostSystemDefinition {
  readonly type: 'host';
  readonly hostType: string;
  readonly name: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export type SystemDefinition = Bm25SystemDefinition | RunFileSystemDefinition | FusionSystemDefinition | ReferenceRunDefinition | HostSystemDefinition;

/** A validated benchmark spec with every default filled in: enough to re-run a comparison exactly. */
export interface BenchmarkSpec {
  /** The report's title. */
  readonly name: string | undefined;
  readonly dataset: DatasetReference;
  readonly split: string;
  /** Canonical measure names, cutoffs and relevance level applied. */
  readonly measures: readonly string[];
  /** Which trec_eval the evaluation matches (default 9.0.8, which compares scores as 32-bit floats). */
  readonly trecEvalVersion: TrecEvalVersion;
  /** Which queries the built systems answer: the judged ones of the split (default, as BEIR) or all of queries.jsonl. */
  readonly queries: 'judged' | 'all';
  /** Results kept per query by built systems (default 1000). */
  readonly depth: number;
  readonly test: ComparisonTest;
  /** Undefined: Holm when the family has more than one comparison, else none. */
  readonly correction: PValueAdjustment | undefined;
  readonly alpha: number;
  readonly alternative: Alternative;
  readonly confidenceLevel: number;
  /** Seed of the randomization/bootstrap tests and of random runs. */
  readonly seed: number;
  readonly permutations: number;
  readonly resamples: number;
  readonly baseline: SystemDefinition;
  readonly systems: readonly SystemDefinition[];
}

/** Options of {@link parseBenchmarkSpec}. */
export interface ParseBenchmarkSpecOptions {
  /** The spec file's name, for error messages (default `benchmark spec`). */
  readonly source?: string;
  /** System types the host program provides besides the built-in ones (e.g. `['glossary-search']`). */
  readonly hostSystemTypes?: readonly string[];
}

const builtInTypes = ['bm25', 'run', 'fusion', 'random', 'oracle'] as const;
const topLevelKeys = ['$schema', 'name', 'dataset', 'split', 'measures', 'cutoffs', 'relevanceLevel', 'trecEvalVersion', 'queries', 'depth', 'test', 'correction', 'alpha', 'alternative', 'confidenceLevel', 'seed', 'permutations', 'resamples', 'baseline', 'systems'];

type JsonObject = Record<string, unknown>;

class Reader {
  constructor(
    readonly source: string,
    readonly hostTypes: readonly string[],
  ) {}

  fail(field: string, expected: string, found: unknown): never {
    throw new BenchmarkSpecError({ source: this.source, field, expected, found: describe(found) });
  }

  /** Like {@link Reader.fail} with the finding already in words. */
  failWith(field: string, expected: string, found: string): never {
    throw new BenchmarkSpecError({ source: this.source, field, expected, found });
  }

  object(value: unknown, field: string, allowed: readonly string[]): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'an object', value);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        throw new BenchmarkSpecError({ source: this.source, field: field === '' ? key : `${field}.${key}`, expected: `one of the fields ${allowed.join(', ')}`, found: 'an unknown field' });
      }
    }
    return value as JsonObject;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'a non-empty string', value);
    return value;
  }

  choice<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
    if (typeof value !== 'string' || !choices.includes(value as T)) this.fail(field, `one of ${choices.join(', ')}`, value);
    return value as T;
  }

  number(value: unknown, field: string, check: { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number; integer?: boolean }): number {
    const range = [
      check.integer === true ? 'an integer' : 'a number',
      check.min === undefined ? '' : `≥ ${String(check.min)}`,
      check.exclusiveMin === undefined ? '' : `> ${String(check.exclusiveMin)}`,
      check.max === undefined ? '' : `≤ ${String(check.max)}`,
      check.exclusiveMax === undefined ? '' : `< ${String(check.exclusiveMax)}`,
    ]
      .filter((part) => part !== '')
      .join(' ');
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (check.integer === true && !Number.isInteger(value)) ||
      (check.min !== undefined && value < check.min) ||
      (check.max !== undefined && value > check.max) ||
      (check.exclusiveMin !== undefined && value <= check.exclusiveMin) ||
      (check.exclusiveMax !== undefined && value >= check.exclusiveMax)
    ) {
      this.fail(field, range, value);
    }
    return value;
  }

  array(value: unknown, field: string, minimum = 1): unknown[] {
    if (!Array.isArray(value) || value.length < minimum) this.fail(field, minimum > 0 ? 'a non-empty array' : 'an array', value);
    return value as unknown[];
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads a benchmark spec from JSON text and validates every field, filling in the defaults, so that the comparison
 * it describes re-runs exactly. The format:
 *
 * ```json
 * {
 *   "name": "Cranfield: fusion against BM25",
 *   "dataset": "../shared/data/cranfield/beir",          // a BEIR folder, or a built-in name such as "concept-search"
 *   "split": "test",
 *   "measures": ["nDCG", "AP", "R", "Success"], "cutoffs": [10, 100], "relevanceLevel": 1,
 *   "test": "t", "correction": "holm", "alpha": 0.05, "seed": 42,
 *   "baseline": { "name": "bm25", "type": "bm25", "k1": 0.9, "b": 0.4 },
 *   "systems": [
 *     { "name": "rrf", "type": "fusion", "method": "rrf", "runs": ["bm25", { "type": "bm25", "k1": 1.2, "b": 0.75 }] },
 *     { "name": "dense", "type": "run", "path": "runs/dense.trec" }
 *   ]
 * }
 * ```
 *
 * A dataset string containing `/` or `\` or starting with `.` is a path; otherwise a built-in name.
 * `cutoffs`: every measure written without `@k` that accepts a cutoff is evaluated at each cutoff (nDCG → nDCG@10,
 * nDCG@100); the others once. `relevanceLevel` N ≠ 1 is applied to every readable measure as `(rel=N)`.
 * Unknown fields are errors (a typo would otherwise be silently ignored).
 *
 * @param text - the JSON text.
 * @param options - the file name for messages; host-provided system types.
 * @returns the spec with defaults filled in.
 * @throws {BenchmarkSpecError} for invalid JSON (with the line) or any invalid field (named as a path).
 */
export function parseBenchmarkSpec(text: string, options: ParseBenchmarkSpecOptions = {}): BenchmarkSpec {
  const source = options.source ?? 'benchmark spec';
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text);
    const line = offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
    throw new BenchmarkSpecError({ source, field: '', expected: 'JSON text', found: message, ...(line === undefined ? {} : { line }) });
  }
  return validateBenchmarkSpec(json, options);
}

/**
 * Where JSON text goes wrong. V8 does not always say (`Unexpected token ',', ... is not valid JSON`), so find the
 * shortest prefix that cannot be the start of a valid text: a prefix that is only incomplete fails at its very end.
 */
function jsonErrorOffset(text: string): number | undefined {
  const status = (length: number): 'valid' | 'incomplete' | 'invalid' => {
    try {
      JSON.parse(text.slice(0, length));
      return 'valid';
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      const position = /position (\d+)/.exec(message);
      return message.includes('end of JSON input') || (position !== null && Number(position[1]) >= length) ? 'incomplete' : 'invalid';
    }
  };
  if (status(text.length) !== 'invalid') return undefined;
  let low = 0;
  let high = text.length;
  // Invariant: the prefix of length `low` is valid or incomplete, the one of length `high` is invalid.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (status(middle) === 'invalid') high = middle;
    else low = middle;
  }
  return high - 1;
}

/**
 * Validates an already-parsed spec object (see {@link parseBenchmarkSpec} for the format).
 *
 * @throws {BenchmarkSpecError} for any invalid field.
 */
export function validateBenchmarkSpec(value: unknown, options: ParseBenchmarkSpecOptions = {}): BenchmarkSpec {
  const reader = new Reader(options.source ?? 'benchmark spec', options.hostSystemTypes ?? []);
  const spec = reader.object(value, '', topLevelKeys);
  const name = spec.name === undefined ? undefined : reader.string(spec.name, 'name');
  const dataset = readDataset(reader, spec.dataset);
  const split = spec.split === undefined ? 'test' : reader.string(spec.split, 'split');
  const cutoffs = spec.cutoffs === undefined ? undefined : reader.array(spec.cutoffs, 'cutoffs').map((cutoff, index) => reader.number(cutoff, `cutoffs[${String(index)}]`, { integer: true, min: 1 }));
  const relevanceLevel = spec.relevanceLevel === undefined ? 1 : reader.number(spec.relevanceLevel, 'relevanceLevel', { integer: true });
  const measureNames = spec.measures === undefined ? ['nDCG@10', 'AP', 'RR@10', 'R@100', 'Success@1'] : reader.array(spec.measures, 'measures').map((measure, index) => reader.string(measure, `measures[${String(index)}]`));
  const measures = expandMeasures(reader, measureNames, cutoffs, relevanceLevel);
  const trecEvalVersion = spec.trecEvalVersion === undefined ? '9.0.8' : reader.choice(spec.trecEvalVersion, 'trecEvalVersion', trecEvalVersions);
  const depth = spec.depth === undefined ? 1000 : reader.number(spec.depth, 'depth', { integer: true, min: 1 });
  const queries = spec.queries === undefined ? 'judged' : reader.choice(spec.queries, 'queries', ['judged', 'all'] as const);
  const test = spec.test === undefined ? 't' : reader.choice(spec.test, 'test', comparisonTests);
  const correction = spec.correction === undefined ? undefined : reader.choice(spec.correction, 'correction', comparisonCorrections);
  const alpha = spec.alpha === undefined ? 0.05 : reader.number(spec.alpha, 'alpha', { exclusiveMin: 0, exclusiveMax: 1 });
  const alternative = spec.alternative === undefined ? 'two-sided' : reader.choice(spec.alternative, 'alternative', ['two-sided', 'greater', 'less'] as const);
  const confidenceLevel = spec.confidenceLevel === undefined ? 0.95 : reader.number(spec.confidenceLevel, 'confidenceLevel', { exclusiveMin: 0, exclusiveMax: 1 });
  const seed = spec.seed === undefined ? 42 : reader.number(spec.seed, 'seed', { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
  const permutations = spec.permutations === undefined ? 10_000 : reader.number(spec.permutations, 'permutations', { integer: true, min: 1 });
  const resamples = spec.resamples === undefined ? 10_000 : reader.number(spec.resamples, 'resamples', { integer: true, min: 1 });
  const baseline = spec.baseline === undefined ? defaultBm25('bm25') : readSystem(reader, spec.baseline, 'baseline', 'bm25');
  const systems = reader.array(spec.systems, 'systems').map((system, index) => readSystem(reader, system, `systems[${String(index)}]`, undefined));
  const names = new Set<string>();
  for (const [index, system] of [baseline, ...systems].entries()) {
    const field = index === 0 ? 'baseline.name' : `systems[${String(index - 1)}].name`;
    if (names.has(system.name)) reader.fail(field, 'a name no other system has', system.name);
    names.add(system.name);
  }
  checkReferences(reader, [baseline, ...systems], names);
  return { name, dataset, split, measures, trecEvalVersion, queries, depth, test, correction, alpha, alternative, confidenceLevel, seed, permutations, resamples, baseline, systems };
}

function readDataset(reader: Reader, value: unknown): DatasetReference {
  if (typeof value === 'string') {
    const text = reader.string(value, 'dataset');
    return /[/\\]/.test(text) || text.startsWith('.') ? { kind: 'path', path: text } : { kind: 'builtin', name: text };
  }
  const object = reader.object(value, 'dataset', ['path', 'builtin']);
  if (object.path !== undefined && object.builtin === undefined) return { kind: 'path', path: reader.string(object.path, 'dataset.path') };
  if (object.builtin !== undefined && object.path === undefined) return { kind: 'builtin', name: reader.string(object.builtin, 'dataset.builtin') };
  return reader.fail('dataset', 'a path, a built-in name, { "path": ... } or { "builtin": ... }', value);
}

function expandMeasures(reader: Reader, names: readonly string[], cutoffs: readonly number[] | undefined, relevanceLevel: number): string[] {
  const expanded: string[] = [];
  names.forEach((name, index) => {
    const field = `measures[${String(index)}]`;
    const parse = (text: string): string => {
      try {
        return parseMeasure(text).name;
      } catch (error) {
        return reader.failWith(field, 'a measure name such as nDCG@10, AP, RR@10, R@100 or Success@1', `${JSON.stringify(name)} (${error instanceof Error ? error.message : String(error)})`);
      }
    };
    const withLevel = (text: string): string => {
      if (relevanceLevel === 1) return text;
      const match = /^([A-Za-z][A-Za-z-]*)(?:\(([^)]*)\))?(@.*)?$/.exec(text);
      if (match === null || /^[a-z_]+[._]/.test(text)) return reader.fail(field, `a readable measure name (relevanceLevel applies as (rel=${String(relevanceLevel)}))`, name);
      const parameters = match[2] === undefined || match[2] === '' ? [] : match[2].split(',');
      if (parameters.some((parameter) => parameter.trim().startsWith('rel='))) return text;
      return `${match[1] ?? ''}(${[`rel=${String(relevanceLevel)}`, ...parameters].join(',')})${match[3] ?? ''}`;
    };
    if (cutoffs === undefined || name.includes('@') || /[._]\d/.test(name)) {
      expanded.push(parse(withLevel(parse(name))));
      return;
    }
    let withCutoff: string[];
    try {
      withCutoff = cutoffs.map((cutoff) => parseMeasure(`${name}@${String(cutoff)}`).name);
    } catch {
      // A measure that takes no cutoff (Rprec, Bpref) is evaluated once.
      withCutoff = [parse(name)];
    }
    for (const measure of withCutoff) expanded.push(parse(withLevel(measure)));
  });
  const seen = new Set<string>();
  expanded.forEach((measure) => {
    if (seen.has(measure)) reader.failWith('measures', 'each measure once', `${measure} twice`);
    seen.add(measure);
  });
  return expanded;
}

function defaultBm25(name: string): Bm25SystemDefinition {
  return { type: 'bm25', name, variant: 'lucene', k1: 0.9, b: 0.4, analyzer: 'english', fields: [{ source: ['title', 'text'], analyzer: undefined, weight: 1 }] };
}

type FusionInput = FusionSystemDefinition['runs'][number];

function readSystem(reader: Reader, value: unknown, field: string, defaultName: string | undefined): SystemDefinition {
  const raw = reader.object(value, field, ['name', 'type', 'variant', 'k1', 'b', 'analyzer', 'fields', 'path', 'method', 'normalization', 'rrfK', 'weights', 'runs', ...reader.hostTypes.length > 0 ? ['options'] : []]);
  const type = reader.choice(raw.type, `${field}.type`, [...builtInTypes, ...reader.hostTypes]);
  const name = raw.name === undefined ? defaultName : reader.string(raw.name, `${field}.name`);
  const allowed: Readonly<Record<string, readonly string[]>> = {
    bm25: ['name', 'type', 'variant', 'k1', 'b', 'analyzer', 'fields'],
    run: ['name', 'type', 'path'],
    fusion: ['name', 'type', 'method', 'normalization', 'rrfK', 'weights', 'runs'],
    random: ['name', 'type'],
    oracle: ['name', 'type'],
  };
  reader.object(raw, field, allowed[type] ?? ['name', 'type', 'options']);
  if (name === undefined) return reader.fail(`${field}.name`, 'a name (it labels the system in the report)', undefined);
  switch (type) {
    case 'bm25': {
      const analyzer = raw.analyzer === undefined ? 'english' : reader.choice(raw.analyzer, `${field}.analyzer`, analyzerNames);
      return {
        type: 'bm25',
        name,
        variant: raw.variant === undefined ? 'lucene' : reader.choice(raw.variant, `${field}.variant`, bm25Variants),
        k1: raw.k1 === undefined ? 0.9 : reader.number(raw.k1, `${field}.k1`, { min: 0 }),
        b: raw.b === undefined ? 0.4 : reader.number(raw.b, `${field}.b`, { min: 0, max: 1 }),
        analyzer,
        fields: raw.fields === undefined ? [{ source: ['title', 'text'], analyzer: undefined, weight: 1 }] : readFields(reader, raw.fields, `${field}.fields`),
      };
    }
    case 'run':
      return { type: 'run', name, path: reader.string(raw.path, `${field}.path`) };
    case 'fusion': {
      const runs = reader.array(raw.runs, `${field}.runs`, 2).map((input, index): FusionInput => {
        const inputField = `${field}.runs[${String(index)}]`;
        if (typeof input === 'string') return { type: 'reference', name: reader.string(input, inputField) };
        return readSystem(reader, input, inputField, `${name}/${String(index + 1)}`);
      });
      const weights = raw.weights === undefined ? undefined : reader.array(raw.weights, `${field}.weights`).map((weight, index) => reader.number(weight, `${field}.weights[${String(index)}]`, { min: 0 }));
      if (weights !== undefined && weights.length !== runs.length) {
        reader.failWith(`${field}.weights`, `one weight per fused run (${String(runs.length)})`, `${String(weights.length)} weight${weights.length === 1 ? '' : 's'}`);
      }
      return {
        type: 'fusion',
        name,
        method: raw.method === undefined ? 'rrf' : reader.choice(raw.method, `${field}.method`, fusionMethods),
        normalization: raw.normalization === undefined ? undefined : reader.choice(raw.normalization, `${field}.normalization`, scoreNormalizations),
        rrfK: raw.rrfK === undefined ? undefined : reader.number(raw.rrfK, `${field}.rrfK`, { min: 0 }),
        weights,
        runs,
      };
    }
    case 'random':
    case 'oracle':
      return { type, name };
    default: {
      const parameters = raw.options === undefined ? {} : reader.object(raw.options, `${field}.options`, Object.keys(raw.options as object));
      return { type: 'host', hostType: type, name, parameters };
    }
  }
}

function readFields(reader: Reader, value: unknown, field: string): Bm25FieldDefinition[] {
  const list = reader.array(value, field);
  // A list of strings is one flat field of those keys; a list of objects is one field each.
  if (list.every((item) => typeof item === 'string')) {
    return [{ source: list.map((item, index) => reader.string(item, `${field}[${String(index)}]`)), analyzer: undefined, weight: 1 }];
  }
  return list.map((item, index) => {
    const itemField = `${field}[${String(index)}]`;
    const object = reader.object(item, itemField, ['source', 'analyzer', 'weight']);
    const source = typeof object.source === 'string' ? [reader.string(object.source, `${itemField}.source`)] : reader.array(object.source, `${itemField}.source`).map((key, keyIndex) => reader.string(key, `${itemField}.source[${String(keyIndex)}]`));
    return {
      source,
      analyzer: object.analyzer === undefined ? undefined : reader.choice(object.analyzer, `${itemField}.analyzer`, analyzerNames),
      weight: object.weight === undefined ? 1 : reader.number(object.weight, `${itemField}.weight`, { exclusiveMin: 0 }),
    };
  });
}

function checkReferences(reader: Reader, systems: readonly SystemDefinition[], names: ReadonlySet<string>): void {
  const visit = (system: SystemDefinition, field: string, path: readonly string[]): void => {
    if (system.type !== 'fusion') return;
    system.runs.forEach((input, index) => {
      const inputField = `${field}.runs[${String(index)}]`;
      if (input.type === 'reference') {
        if (!names.has(input.name)) reader.fail(inputField, `the name of the baseline or of a system (${[...names].join(', ')})`, input.name);
        if (input.name === system.name || path.includes(input.name)) reader.fail(inputField, 'a system that does not fuse itself', input.name);
        const target = systems.find((candidate) => candidate.name === input.name);
        if (target !== undefined) visit(target, inputField, [...path, system.name]);
      } else {
        visit(input, inputField, [...path, system.name]);
      }
    });
  };
  systems.forEach((system, index) => visit(system, index === 0 ? 'baseline' : `systems[${String(index - 1)}]`, []));
}

function systemToJson(system: SystemDefinition | { readonly type: 'reference'; readonly name: string }): unknown {
  switch (system.type) {
    case 'reference':
      return system.name;
    case 'bm25':
      return {
        name: system.name,
        type: 'bm25',
        variant: system.variant,
        k1: system.k1,
        b: system.b,
        analyzer: system.analyzer,
        fields: system.fields.map((field) => ({ source: field.source, ...(field.analyzer === undefined ? {} : { analyzer: field.analyzer }), weight: field.weight })),
      };
    case 'run':
      return { name: system.name, type: 'run', path: system.path };
    case 'fusion':
      return {
        name: system.name,
        type: 'fusion',
        method: system.method,
        ...(system.normalization === undefined ? {} : { normalization: system.normalization }),
        ...(system.rrfK === undefined ? {} : { rrfK: system.rrfK }),
        ...(system.weights === undefined ? {} : { weights: system.weights }),
        runs: system.runs.map(systemToJson),
      };
    case 'random':
    case 'oracle':
      return { name: system.name, type: system.type };
    case 'host':
      return { name: system.name, type: system.hostType, ...(Object.keys(system.parameters).length === 0 ? {} : { options: system.parameters }) };
  }
}

/**
 * Writes a spec in the file format of {@link parseBenchmarkSpec}, every default spelled out, so that saving it and
 * running it again repeats the comparison exactly. `parseBenchmarkSpec(formatBenchmarkSpec(spec))` equals `spec`
 * (measures are written in their expanded, canonical form).
 *
 * @param spec - a validated spec.
 * @returns JSON text, indented by two spaces, ending with a line break.
 */
export function formatBenchmarkSpec(spec: BenchmarkSpec): string {
  const json = {
    ...(spec.name === undefined ? {} : { name: spec.name }),
    dataset: spec.dataset.kind === 'path' ? { path: spec.dataset.path } : { builtin: spec.dataset.name },
    split: spec.split,
    measures: spec.measures,
    trecEvalVersion: spec.trecEvalVersion,
    queries: spec.queries,
    depth: spec.depth,
    test: spec.test,
    ...(spec.correction === undefined ? {} : { correction: spec.correction }),
    alpha: spec.alpha,
    alternative: spec.alternative,
    confidenceLevel: spec.confidenceLevel,
    seed: spec.seed,
    permutations: spec.permutations,
    resamples: spec.resamples,
    baseline: systemToJson(spec.baseline),
    systems: spec.systems.map(systemToJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

import { TrecEvalError, UnknownMeasureError } from '../errors.js';
import { formatFixed, formatLong } from './c-format.js';
import { parseCDoubleText, parseCLongText } from './c-parse.js';
import { glibcMergeSort } from './glibc-sort.js';
import { findMeasureDefinition, measureDefinitions, measureNickname } from './measures.js';
import type { ConfiguredMeasure, MeasureDefinition, ParameterPair } from './measures.js';
import type { TrecEvalVersion } from './options.js';

interface MeasureArgument {
  readonly name: string;
  readonly parameters: string;
}

/** The measures `-m` arguments select, before their parameters are read (trec_eval's `mark_measure`). */
export interface MeasureSelection {
  readonly marked: ReadonlySet<string>;
  readonly arguments: readonly MeasureArgument[];
}

/**
 * Marks the measures named by `-m` arguments (names, `name.params`, nicknames such as `official` or `all_trec`),
 * as trec_eval does while reading its command line. No argument selects `official`.
 *
 * @throws {TrecEvalError} exit code 1 with trec_eval's message for an unknown measure or an empty parameter list.
 */
export function selectMeasures(requests: readonly string[], version: TrecEvalVersion, internal = false): MeasureSelection {
  const marked = new Set<string>();
  const measureArguments: MeasureArgument[] = [];
  const list = requests.length === 0 ? ['official'] : requests;
  for (const request of list) {
    const dot = request.indexOf('.');
    const name = dot < 0 ? request : request.slice(0, dot);
    if (dot >= 0) {
      const parameters = request.slice(dot + 1);
      if (parameters === '') {
        throw illegalMeasure(name, `trec_eval: improper measure in parameter '${name}'\n`, `measure "${request}" has an empty parameter list after the dot`);
      }
      measureArguments.push({ name, parameters });
    }
    const members = measureNickname(name, version);
    for (const member of members ?? [name]) {
      if (findMeasureDefinition(member, version, internal) === undefined) {
        throw illegalMeasure(name, '', unknownMeasureHint(name, version));
      }
      marked.add(member);
    }
  }
  return { marked, arguments: measureArguments };
}

function unknownMeasureHint(name: string, version: TrecEvalVersion): string {
  const since10 = measureDefinitions.find((candidate) => candidate.name === name)?.since10 === true;
  if (since10 && version !== '10.0') return `measure "${name}" exists only in trec_eval 10.0; add --trec-eval-version 10.0`;
  return `unknown trec_eval measure "${name}"; see \`trec_eval -h -m all_trec\` for the list`;
}

function illegalMeasure(name: string, before: string, friendly: string): TrecEvalError {
  return new TrecEvalError({ message: friendly, exitCode: 1, trecEvalMessage: `${before}trec_eval: illegal measure '${name}'\n`, cause: new UnknownMeasureError(name, friendly) });
}

/**
 * Reads each marked measure's parameters (the first `-m name.params` for that name wins, as in trec_eval's
 * `meas_init.c`) and lays out the values in trec_eval's measure order.
 *
 * @throws {TrecEvalError} exit code 2 for cutoffs that are not positive or repeat, or malformed `name=value` lists.
 */
export function configureMeasures(selection: MeasureSelection, version: TrecEvalVersion, internal = false): ConfiguredMeasure[] {
  const configured: ConfiguredMeasure[] = [];
  let offset = 0;
  for (const definition of measureDefinitions) {
    if (!selection.marked.has(definition.name) || findMeasureDefinition(definition.name, version, internal) === undefined) continue;
    const argument = selection.arguments.find((candidate) => candidate.name === definition.name);
    const measure = configure(definition, argument?.parameters, offset);
    configured.push(measure);
    offset += measure.names.length;
  }
  return configured;
}

function configure(definition: MeasureDefinition, parameters: string | undefined, offset: number): ConfiguredMeasure {
  const name = definition.name;
  switch (definition.parameters) {
    case 'none':
      return { definition, names: [name], params: [], pairs: [], offset };
    case 'long-cutoffs': {
      const cutoffs = parameters === undefined ? [...definition.defaults] : parameters.split(',').map(parseCLongText);
      // qsort with `(int)(a - b)`: a difference past 2^31 wraps, so glibc's merge sort decides the order.
      glibcMergeSort(cutoffs, compareLongsAsInt);
      if ((cutoffs[0] as number) <= 0) throw initFailure({ name, detail: 'trec_eval: Negative cutoff detected\n', friendly: `cutoffs of ${name} must be positive integers, got "${parameters ?? ''}"` });
      checkUnique(name, cutoffs, parameters);
      return { definition, names: cutoffs.map((cutoff) => `${name}_${formatLong(cutoff)}`), params: cutoffs, pairs: [], offset };
    }
    case 'double-cutoffs': {
      const cutoffs = parameters === undefined ? [...definition.defaults] : parameters.split(',').map(parseCDoubleText);
      // qsort with `<`/`>`: a NaN compares equal to everything, so glibc's merge sort decides the order.
      glibcMergeSort(cutoffs, (left, right) => (left < right ? -1 : left > right ? 1 : 0));
      checkUnique(name, cutoffs, parameters);
      return { definition, names: cutoffs.map((cutoff) => `${name}_${formatFixed(cutoff, 2, 3)}`), params: cutoffs, pairs: [], offset };
    }
    case 'double-params': {
      if (parameters === undefined) return { definition, names: [name], params: definition.defaults, pairs: [], offset };
      // utility's coefficient count is checked when it is computed (a topic-level error in trec_eval's order).
      return { definition, names: [`${name}_${parameters}`], params: parameters.split(',').map(parseCDoubleText), pairs: [], offset };
    }
    case 'pair-params': {
      if (parameters === undefined) return { definition, names: [name], params: [], pairs: [], offset };
      const pieces = parameters.split(',');
      if (!pieces.every((piece) => piece.split('=').length === 2)) {
        throw initFailure({ name, detail: `trec_eval: malformed pair parameters in '${parameters}'\n`, friendly: `parameters of ${name} must be level=gain pairs separated by commas, got "${parameters}"` });
      }
      const pairs: ParameterPair[] = pieces.map((piece) => {
        const [pairName = '', value = ''] = piece.split('=');
        return { name: pairName, value: parseCDoubleText(value) };
      });
      return { definition, names: [`${name}_${parameters}`], params: [], pairs, offset };
    }
  }
}

/** trec_eval's `comp_long`: the difference of two longs converted to `int` (wrapping modulo 2^32). */
function compareLongsAsInt(left: number, right: number): number {
  if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) return (left - right) | 0;
  return Number(BigInt.asIntN(32, BigInt(left) - BigInt(right)));
}

function checkUnique(name: string, cutoffs: readonly number[], parameters: string | undefined): void {
  for (let index = 1; index < cutoffs.length; index++) {
    if (cutoffs[index - 1] === cutoffs[index]) throw initFailure({ name, detail: 'trec_eval: duplicate cutoffs detected\n', friendly: `cutoffs of ${name} repeat a value: "${parameters ?? ''}"` });
  }
}

function initFailure(failure: { name: string; detail: string; friendly: string; exitCode?: number; verb?: string }): TrecEvalError {
  return new TrecEvalError({ message: failure.friendly, exitCode: failure.exitCode ?? 2, trecEvalMessage: `${failure.detail}trec_eval: ${failure.verb ?? 'Cannot initialize measure'} '${failure.name}'\n` });
}

import { UnknownMeasureError } from '../errors.js';
import { formatFixed } from '../trec-eval/c-format.js';
import { findMeasureDefinition } from '../trec-eval/measures.js';

/**
 * A measure as the evaluation engine runs it: a trec_eval measure (`name` + `parameters`) under trec_eval's
 * settings `-l` (relevance level), `-M` (depth) and `-J` (judged only). Readable names map onto these.
 */
export interface MeasureSpec {
  /** The name as written by the user (`"nDCG@10"`, `"R@1"`, `"ndcg_cut.10"`). */
  readonly input: string;
  /** Canonical readable name (`"nDCG@10"`, `"R@1"`, `"P(rel=2)@5"`, `"RR@10"`). */
  readonly name: string;
  /** trec_eval measure name (`"ndcg_cut"`). */
  readonly trecMeasure: string;
  /** trec_eval parameter text (`"10"`, `"p=0.8"`), if any. */
  readonly trecParameters: string | undefined;
  /** The output name in trec_eval (`"ndcg_cut_10"`), which selects the value among the measure's values. */
  readonly trecOutputName: string;
  /** Minimum relevance value counted as relevant (trec_eval `-l`); default 1. */
  readonly relevanceLevel: number;
  /** Evaluate only the first N ranked documents (trec_eval `-M`); used by `RR@k`. */
  readonly depth: number | undefined;
  /** Drop unjudged documents first (trec_eval `-J`). */
  readonly judgedOnly: boolean;
  /** The equivalent trec_eval command-line flags, e.g. `-M 10 -m recip_rank`. */
  readonly trecEvalFlags: string;
  /** One sentence saying what the number is. */
  readonly description: string;
  /** How per-query values become the aggregate: mean over queries, or a sum (counts). */
  readonly aggregation: 'mean' | 'sum' | 'geometric-mean' | 'count';
}

interface ReadableMeasure {
  /** trec_eval measure used with a cutoff `@k` and without one. */
  readonly withCutoff?: string;
  readonly withoutCutoff?: string;
  /** The cutoff applies as `-M k` (depth) instead of a measure parameter. */
  readonly cutoffIsDepth?: boolean;
  readonly canonical: string;
  readonly describe: (cutoff: string | undefined, level: number) => string;
  readonly aggregation?: MeasureSpec['aggregation'];
}

const relevantWord = (level: number): string => (level === 1 ? 'relevant' : `relevant (grade ≥ ${String(level)})`);

const readableMeasures: ReadonlyMap<string, ReadableMeasure> = new Map<string, ReadableMeasure>([
  ['P', { canonical: 'P', withCutoff: 'P', describe: (k, l) => `precision at ${k ?? '?'}: share of the top ${k ?? '?'} that is ${relevantWord(l)} (missing ranks count as not relevant)` }],
  ['R', { canonical: 'R', withCutoff: 'recall', describe: (k, l) => `TREC recall@${k ?? '?'}: fraction of the ${relevantWord(l)} documents found in the top ${k ?? '?'} (not Success@${k ?? '?'})` }],
  ['Success', { canonical: 'Success', withCutoff: 'success', describe: (k, l) => `Success@${k ?? '?'} (hit rate): 1 if any of the top ${k ?? '?'} is ${relevantWord(l)}, else 0; averaged, the share of queries with a hit` }],
  ['AP', { canonical: 'AP', withCutoff: 'map_cut', withoutCutoff: 'map', describe: (k, l) => `average precision${k === undefined ? '' : ` over the top ${k}`} (${relevantWord(l)} documents; divided by all relevant documents)` }],
  ['RR', { canonical: 'RR', withCutoff: 'recip_rank', withoutCutoff: 'recip_rank', cutoffIsDepth: true, describe: (k, l) => `reciprocal rank of the first ${relevantWord(l)} document${k === undefined ? '' : ` within the top ${k} (0 if none)`}` }],
  ['nDCG', { canonical: 'nDCG', withCutoff: 'ndcg_cut', withoutCutoff: 'ndcg', describe: (k) => `nDCG${k === undefined ? ' over the whole ranking' : `@${k}`} with linear gains (the judged grade) and log2 discount, as trec_eval` }],
  ['Rprec', { canonical: 'Rprec', withoutCutoff: 'Rprec', describe: (_k, l) => `R-precision: precision at rank R, R = number of ${relevantWord(l)} documents` }],
  ['Bpref', { canonical: 'Bpref', withoutCutoff: 'bpref', describe: () => 'bpref: how often judged relevant documents rank above judged non-relevant ones (unjudged ignored)' }],
  ['infAP', { canonical: 'infAP', withoutCutoff: 'infAP', describe: () => 'inferred average precision (Yilmaz & Aslam), for sampled judgments' }],
  ['Judged', { canonical: 'Judged', withCutoff: 'judged', describe: (k) => `share of the top ${k ?? '?'} that has a judgment (missing ranks count as unjudged)` }],
  ['IPrec', { canonical: 'IPrec', withCutoff: 'iprec_at_recall', describe: (k) => `interpolated precision at recall ${k ?? '?'}` }],
  ['NumQ', { canonical: 'NumQ', withoutCutoff: 'num_q', aggregation: 'count', describe: () => 'number of queries evaluated' }],
  ['NumRet', { canonical: 'NumRet', withoutCutoff: 'num_ret', aggregation: 'sum', describe: () => 'number of documents retrieved (summed over queries)' }],
  ['NumRel', { canonical: 'NumRel', withoutCutoff: 'num_rel', aggregation: 'sum', describe: (_k, l) => `number of ${relevantWord(l)} documents judged (summed over queries)` }],
  ['NumRelRet', { canonical: 'NumRelRet', withoutCutoff: 'num_rel_ret', aggregation: 'sum', describe: (_k, l) => `number of ${relevantWord(l)} documents retrieved (summed over queries)` }],
  ['SetP', { canonical: 'SetP', withoutCutoff: 'set_P', describe: () => 'precision of the whole retrieved set' }],
  ['SetR', { canonical: 'SetR', withoutCutoff: 'set_recall', describe: () => 'recall of the whole retrieved set' }],
  ['SetF', { canonical: 'SetF', withoutCutoff: 'set_F', describe: () => 'F-measure of the whole retrieved set' }],
  ['RBP', { canonical: 'RBP', withoutCutoff: 'rbp', describe: () => 'rank-biased precision (Moffat & Zobel), trec_eval 10.0 definition' }],
]);

/** Other spellings of the readable names. `Hit@k`, `HitRate@k` are Success@k; `Recall@k` is R@k. */
const aliases: ReadonlyMap<string, string> = new Map([
  ['MAP', 'AP'],
  ['MRR', 'RR'],
  ['NDCG', 'nDCG'],
  ['ndcg', 'nDCG'],
  ['Precision', 'P'],
  ['Recall', 'R'],
  ['Hit', 'Success'],
  ['HitRate', 'Success'],
  ['Hits', 'Success'],
  ['BPref', 'Bpref'],
  ['RPrec', 'Rprec'],
  ['R-Precision', 'Rprec'],
  ['SetRecall', 'SetR'],
]);

const readablePattern = /^([A-Za-z][A-Za-z-]*)(?:\(([^)]*)\))?(?:@([0-9.]+))?$/;

/**
 * Parses a measure name into the engine's terms. Accepts readable names as ir_measures writes them
 * (`nDCG@10`, `P@5`, `P(rel=2)@5`, `R@1000`, `AP`, `AP@100`, `RR`, `RR@10`, `Success@1`, `Judged@10`, `Rprec`,
 * `Bpref`, `IPrec@0.1`, `RBP(p=0.8)`, `nDCG(judged_only=True)@10`) and trec_eval names (`ndcg_cut.10`,
 * `ndcg_cut_10`, `P.5`, `recip_rank`, `map`).
 *
 * **R@k convention**: `R@k` (and `Recall@k`) is TREC recall, the fraction of relevant documents in the top k,
 * as in ir_measures and trec_eval's `recall.k`. The "R@1" of metric-learning and QA papers (a hit in the top
 * k) is `Success@k`, also accepted as `Hit@k` and `HitRate@k`.
 *
 * @throws {UnknownMeasureError} for a name it cannot map, with the reason.
 */
export function parseMeasure(input: string): MeasureSpec {
  const text = input.trim();
  const trec = parseTrecName(text, input);
  if (trec !== undefined) return trec;
  const match = readablePattern.exec(text);
  if (match === null) throw unknown(input, 'expected a name like nDCG@10, P(rel=2)@5, RR@10 or a trec_eval name like ndcg_cut.10');
  const [, rawName = '', rawParameters, cutoff] = match;
  const baseName = aliases.get(rawName) ?? rawName;
  const measure = readableMeasures.get(baseName);
  if (measure === undefined) throw unknown(input, `unknown measure "${rawName}"; known: ${[...readableMeasures.keys()].join(', ')} (and trec_eval names)`);
  let relevanceLevel = 1;
  let judgedOnly = false;
  const extraTrecParameters: string[] = [];
  const canonicalParameters: string[] = [];
  for (const assignment of (rawParameters ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const [key = '', value = ''] = assignment.split('=').map((part) => part.trim());
    if (key === 'rel' && /^-?\d+$/.test(value)) {
      relevanceLevel = Number(value);
      if (relevanceLevel !== 1) canonicalParameters.push(`rel=${value}`);
    } else if (key === 'judged_only' && /^(True|False|true|false)$/.test(value)) {
      judgedOnly = value.toLowerCase() === 'true';
      if (judgedOnly) canonicalParameters.push('judged_only=True');
    } else if (key === 'p' && baseName === 'RBP' && Number.isFinite(Number(value))) {
      extraTrecParameters.push(`p=${value}`);
      canonicalParameters.push(`p=${value}`);
    } else if (key === 'beta' && baseName === 'SetF' && Number.isFinite(Number(value))) {
      extraTrecParameters.push(value);
      canonicalParameters.push(`beta=${value}`);
    } else {
      throw unknown(input, `parameter "${assignment}" is not supported for ${baseName}; supported: rel=N, judged_only=True${baseName === 'RBP' ? ', p=X' : ''}${baseName === 'SetF' ? ', beta=X' : ''}`);
    }
  }
  if (cutoff !== undefined && measure.withCutoff === undefined) throw unknown(input, `${baseName} takes no @cutoff`);
  if (cutoff === undefined && measure.withoutCutoff === undefined) throw unknown(input, `${baseName} needs a cutoff, e.g. ${baseName}@10`);
  const isRecallPoint = baseName === 'IPrec';
  if (cutoff !== undefined && !isRecallPoint && !/^[1-9][0-9]*$/.test(cutoff)) throw unknown(input, `the cutoff after @ must be a positive integer, got "${cutoff}"`);
  const trecMeasure = (cutoff === undefined ? measure.withoutCutoff : measure.withCutoff) as string;
  let trecParameters: string | undefined;
  let depth: number | undefined;
  if (cutoff !== undefined && measure.cutoffIsDepth === true) depth = Number(cutoff);
  else if (cutoff !== undefined) trecParameters = cutoff;
  if (extraTrecParameters.length > 0) trecParameters = extraTrecParameters.join(',');
  const trecOutputName = outputName(trecMeasure, trecParameters);
  const name = `${measure.canonical}${canonicalParameters.length > 0 ? `(${canonicalParameters.join(',')})` : ''}${cutoff === undefined ? '' : `@${cutoff}`}`;
  const flags = [
    relevanceLevel === 1 ? '' : `-l ${String(relevanceLevel)}`,
    depth === undefined ? '' : `-M ${String(depth)}`,
    judgedOnly ? '-J' : '',
    trecMeasure === 'judged' ? `-m unj.${cutoff ?? ''} (Judged = 1 − unj)` : `-m ${trecMeasure}${trecParameters === undefined ? '' : `.${trecParameters}`}`,
  ].filter((flag) => flag !== '');
  return {
    input,
    name,
    trecMeasure,
    trecParameters,
    trecOutputName,
    relevanceLevel,
    depth,
    judgedOnly,
    trecEvalFlags: flags.join(' '),
    description: measure.describe(cutoff, relevanceLevel),
    aggregation: measure.aggregation ?? (trecMeasure === 'gm_map' ? 'geometric-mean' : 'mean'),
  };
}

/** trec_eval names: `ndcg_cut.10`, `ndcg_cut_10`, `P.5`, `map`, `recip_rank`, `iprec_at_recall_0.10`. */
function parseTrecName(text: string, input: string): MeasureSpec | undefined {
  let measureName: string | undefined;
  let parameters: string | undefined;
  const dot = text.indexOf('.');
  if (dot > 0 && findMeasureDefinition(text.slice(0, dot), '10.0') !== undefined) {
    measureName = text.slice(0, dot);
    parameters = text.slice(dot + 1);
  } else if (findMeasureDefinition(text, '10.0') !== undefined) {
    measureName = text;
  } else {
    const underscore = text.lastIndexOf('_');
    if (underscore > 0 && findMeasureDefinition(text.slice(0, underscore), '10.0') !== undefined && /^[0-9.]+$/.test(text.slice(underscore + 1))) {
      measureName = text.slice(0, underscore);
      parameters = text.slice(underscore + 1);
    }
  }
  if (measureName === undefined) return undefined;
  const definition = findMeasureDefinition(measureName, '10.0');
  if (definition === undefined) return undefined;
  if (parameters !== undefined && parameters.includes(',')) throw unknown(input, 'give one cutoff per measure (e.g. -m P.5 -m P.10)');
  if (definition.parameters === 'none' && parameters !== undefined) throw unknown(input, `${measureName} takes no parameters`);
  if ((definition.parameters === 'long-cutoffs' || definition.parameters === 'double-cutoffs') && parameters === undefined) {
    throw unknown(input, `give one cutoff, e.g. ${measureName}.10 (trec_eval's default list prints several values)`);
  }
  if (definition.name === 'relstring' || definition.name === 'runid') throw unknown(input, `${measureName} is not a number`);
  const summary = definition.summary;
  return {
    input,
    name: parameters === undefined ? measureName : `${measureName}_${parameters}`,
    trecMeasure: measureName,
    trecParameters: parameters,
    trecOutputName: outputName(measureName, parameters),
    relevanceLevel: 1,
    depth: undefined,
    judgedOnly: false,
    trecEvalFlags: `-m ${text.includes('.') ? text : parameters === undefined ? measureName : `${measureName}.${parameters}`}`,
    description: `trec_eval's ${measureName}${parameters === undefined ? '' : ` with parameter ${parameters}`}`,
    aggregation: summary === 'sum' ? 'sum' : summary === 'geometric' ? 'geometric-mean' : summary === 'count' ? 'count' : 'mean',
  };
}

function outputName(measureName: string, parameters: string | undefined): string {
  if (parameters === undefined) return measureName;
  const definition = findMeasureDefinition(measureName, '10.0', true);
  if (definition?.parameters === 'long-cutoffs') return `${measureName}_${String(Math.trunc(Number(parameters)))}`;
  if (definition?.parameters === 'double-cutoffs') return `${measureName}_${formatFixed(Number(parameters), 2, 3)}`;
  return `${measureName}_${parameters}`;
}

function unknown(input: string, reason: string): UnknownMeasureError {
  return new UnknownMeasureError(input, `cannot read measure "${input}": ${reason}`);
}

/** The measures `benchline eval` and {@link evaluate} report when none are named. */
export const defaultMeasureNames: readonly string[] = ['nDCG@10', 'AP', 'RR@10', 'R@100', 'R@1000', 'P@10', 'Success@1'];

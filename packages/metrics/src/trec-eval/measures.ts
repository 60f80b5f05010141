import { parseCLongText } from './c-parse.js';
import type { TrecEvalVersion } from './options.js';
import { relNonpool, relUnjudged } from './ranking.js';
import type { RankedTopic } from './ranking.js';
import { pairAverage, recalculateWithRNonrel } from './prefs.js';
import type { JudgmentGroup, PreferenceCounts } from './prefs.js';

/** How a measure takes parameters (`-m name.params`), after trec_eval's `meas_init.c`. */
export type ParameterKind = 'none' | 'long-cutoffs' | 'double-cutoffs' | 'double-params' | 'pair-params';

/** How per-topic values become the summary line. */
export type SummaryKind = 'mean' | 'sum' | 'geometric' | 'count' | 'runid' | 'none';

/** A `name=value` measure parameter (`ndcg.1=3,2=9`, `rbp.p=0.8`). */
export interface ParameterPair {
  readonly name: string;
  readonly value: number;
}

/** A measure with its parameters resolved: the names it prints and where its values sit. */
export interface ConfiguredMeasure {
  readonly definition: MeasureDefinition;
  /** Printed names, one per value (`P_5`, `P_10`...). */
  readonly names: readonly string[];
  /** Cutoffs (sorted) or double parameters (in the order given). */
  readonly params: readonly number[];
  readonly pairs: readonly ParameterPair[];
  /** Index of the first value in a topic's value array. */
  readonly offset: number;
}

export interface CalcContext {
  readonly relevanceLevel: number;
  readonly numDocsInCollection: number;
  readonly version: TrecEvalVersion;
}

export interface MeasureDefinition {
  readonly name: string;
  readonly parameters: ParameterKind;
  /** Default cutoffs or parameters. */
  readonly defaults: readonly number[];
  /** Integer counts print with `%ld`. */
  readonly integer: boolean;
  readonly summary: SummaryKind;
  /** Printed for each topic with `-q` (gm_map, gm_bpref, runid and num_q appear only in the summary). */
  readonly perQuery: boolean;
  /** Added in trec_eval 10.0. */
  readonly since10: boolean;
  /** Not a trec_eval measure: used by readable names only (Judged@k), never selectable with `-m`. */
  readonly hidden?: boolean;
  /** The relevance format the measure needs when it is not plain qrels (`-R qrels_jg`, `-R prefs`). */
  readonly relFormat?: 'qrels_jg' | 'prefs';
  /** For preference measures: the topic's preference counts. */
  readonly calcPrefs?: (counts: PreferenceCounts, measure: ConfiguredMeasure, out: Float64Array) => void;
  /** For `qrels_jg` measures: the topic's ranking judged by each judgment group. */
  readonly calcGroups?: (groups: readonly RankedTopic[], measure: ConfiguredMeasure, context: CalcContext, out: Float64Array) => void;
  readonly calc: (topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext, out: Float64Array) => void;
}

const minGeoMean = 0.00001;
const infApEpsilon = 0.00001;
const standardCutoffs = [5, 10, 15, 20, 30, 100, 200, 500, 1000];
const recallPoints = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
const nothing = (): void => undefined;

function definition(partial: Partial<MeasureDefinition> & Pick<MeasureDefinition, 'name' | 'calc'>): MeasureDefinition {
  return { parameters: 'none', defaults: [], integer: false, summary: 'mean', perQuery: true, since10: false, ...partial };
}

function isRelevant(rel: number, level: number): boolean {
  return rel >= level;
}

/** lround: halves away from zero. */
function roundHalfAway(value: number): number {
  const truncated = Math.trunc(value);
  return Math.abs(value - truncated) >= 0.5 ? truncated + Math.sign(value) : truncated;
}

/** Rank cutoffs for recall points: `lround(p·R)` in 10.0, `(long)(p·R + 0.9)` in 9.0.8. */
function recallCutoff(point: number, numRel: number, version: TrecEvalVersion): number {
  return version === '10.0' ? roundHalfAway(point * numRel) : Math.trunc(point * numRel + 0.9);
}

/** Number of relevant documents in each rank prefix, evaluated lazily by cutoff functions. */
function relevantInTop(topic: RankedTopic, k: number, level: number): number {
  const limit = Math.min(k, topic.numRet);
  let count = 0;
  const rels = topic.rels;
  for (let rank = 0; rank < limit; rank++) if (isRelevant(rels[rank] as number, level)) count++;
  return count;
}

/** Interpolated precision at the given rank cutoffs (in relevant documents), as `m_iprec_at_recall.c`. */
function interpolatedPrecision(topic: RankedTopic, cutoffs: readonly number[], level: number, visit: (cut: number, value: number) => void): void {
  let currentCut = cutoffs.length - 1;
  while (currentCut >= 0 && (cutoffs[currentCut] as number) > topic.numRelRet) currentCut--;
  let precision = topic.numRelRet / topic.numRet;
  let interpolated = precision;
  let relSoFar = topic.numRelRet;
  for (let rank = topic.numRet; rank > 0 && relSoFar > 0; rank--) {
    precision = relSoFar / rank;
    if (interpolated < precision) interpolated = precision;
    if (isRelevant(topic.rels[rank - 1] as number, level)) {
      while (currentCut >= 0 && relSoFar === cutoffs[currentCut]) {
        visit(currentCut, interpolated);
        currentCut--;
      }
      relSoFar--;
    }
  }
  while (currentCut >= 0) {
    visit(currentCut, interpolated);
    currentCut--;
  }
}

interface RelGain {
  readonly level: number;
  numAtLevel: number;
  gain: number;
}

function isValidInteger(text: string): boolean {
  return /^[-+]?[0-9]+$/.test(text);
}

/** Gains per relevance level (`gain_init.c`): levels 0..max with gain = level, overridden by `L=G` pairs. */
function setupGains(topic: RankedTopic, pairs: readonly ParameterPair[], version: TrecEvalVersion): RelGain[] {
  const gains: RelGain[] = [];
  for (const pair of pairs) {
    if (version === '10.0' && !isValidInteger(pair.name)) continue;
    gains.push({ level: parseCLongText(pair.name), numAtLevel: 0, gain: pair.value });
  }
  const fromParameters = gains.length;
  for (let level = 0; level < topic.numRelLevels; level++) {
    let found = -1;
    for (let index = 0; index < fromParameters + (gains.length - fromParameters); index++) {
      if ((gains[index] as RelGain).level === level) {
        found = index;
        break;
      }
    }
    const count = topic.relLevels[level] ?? 0;
    if (found >= 0) (gains[found] as RelGain).numAtLevel = count;
    else gains.push({ level, numAtLevel: count, gain: level });
  }
  // qsort with `(int)(g1 - g2)`: gains closer than 1 compare equal. glibc's qsort is a stable merge sort here.
  gains.sort((left, right) => Math.trunc(left.gain - right.gain));
  return gains;
}

function gainOf(rel: number, gains: readonly RelGain[]): number {
  for (const entry of gains) if (entry.level === rel) return entry.gain;
  return 0;
}

/** Walks the ideal ranking's gains: highest gain level first, each as many times as it has judgments. */
class IdealGains {
  private level: number;
  private countAtLevel = 0;
  gain: number;
  constructor(private readonly gains: readonly RelGain[]) {
    this.level = gains.length - 1;
    this.gain = this.level >= 0 ? (gains[this.level] as RelGain).gain : 0;
  }
  next(): number {
    this.countAtLevel++;
    while (this.level >= 0 && this.countAtLevel > (this.gains[this.level] as RelGain).numAtLevel) {
      this.countAtLevel = 1;
      this.level--;
      this.gain = this.level >= 0 ? (this.gains[this.level] as RelGain).gain : 0;
    }
    return this.gain;
  }
}

function calcNdcgFamily(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): { dcg: number; ideal: number } {
  const gains = setupGains(topic, measure.pairs, context.version);
  const ideal = new IdealGains(gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
    const idealGain = ideal.next();
    if (idealGain > 0) idealDcg += idealGain / Math.log2(rank + 2);
  }
  for (; rank < topic.numRet; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
  }
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (idealGain > 0) idealDcg += idealGain / Math.log2(rank + 2);
    rank++;
  }
  return { dcg: resultsDcg, ideal: idealDcg };
}

function cutoffCalc(compute: (topic: RankedTopic, cutoff: number, level: number) => number): MeasureDefinition['calc'] {
  return (topic, measure, context, out) => {
    measure.params.forEach((cutoff, index) => {
      out[measure.offset + index] = compute(topic, cutoff, context.relevanceLevel);
    });
  };
}

/** Every trec_eval measure, in the order trec_eval computes and prints them (`measures.c`). */
export const measureDefinitions: readonly MeasureDefinition[] = [
  definition({ name: 'runid', summary: 'runid', perQuery: false, calc: nothing }),
  definition({ name: 'num_q', integer: true, summary: 'count', perQuery: false, calc: nothing }),
  definition({ name: 'num_ret', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRet; } }),
  definition({ name: 'num_rel', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRel; } }),
  definition({ name: 'num_rel_ret', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRelRet; } }),
  definition({
    name: 'map',
    calc: (topic, measure, context, out) => {
      out[measure.offset] = averagePrecision(topic, topic.numRet, context.relevanceLevel);
    },
  }),
  definition({
    name: 'gm_map',
    summary: 'geometric',
    perQuery: false,
    calc: (topic, measure, context, out) => {
      out[measure.offset] = Math.log(Math.max(averagePrecision(topic, topic.numRet, context.relevanceLevel), minGeoMean));
    },
  }),
  definition({
    name: 'Rprec',
    calc: (topic, measure, context, out) => {
      let relSoFar = 0;
      for (let rank = 0; rank < topic.numRet && rank < topic.numRel; rank++) if (isRelevant(topic.rels[rank] as number, context.relevanceLevel)) relSoFar++;
      out[measure.offset] = topic.numRel > 0 ? relSoFar / topic.numRel : 0;
    },
  }),
  definition({ name: 'bpref', calc: (topic, measure, context, out) => { out[measure.offset] = bpref(topic, context.relevanceLevel); } }),
  definition({
    name: 'recip_rank',
    calc: (topic, measure, context, out) => {
      let value = 0;
      for (let rank = 0; rank < topic.numRet; rank++) {
        if (isRelevant(topic.rels[rank] as number, context.relevanceLevel)) {
          value = 1 / (rank + 1);
          break;
        }
      }
      out[measure.offset] = value;
    },
  }),
  definition({
    name: 'iprec_at_recall',
    parameters: 'double-cutoffs',
    defaults: recallPoints,
    calc: (topic, measure, context, out) => {
      const cutoffs = measure.params.map((point) => recallCutoff(point, topic.numRel, context.version));
      interpolatedPrecision(topic, cutoffs, context.relevanceLevel, (cut, value) => {
        out[measure.offset + cut] = value;
      });
    },
  }),
  definition({ name: 'P', parameters: 'long-cutoffs', defaults: standardCutoffs, calc: cutoffCalc((topic, cutoff, level) => relevantInTop(topic, cutoff, level) / cutoff) }),
  definition({ name: 'relstring', parameters: 'double-params', defaults: [10], summary: 'none', calc: nothing }),
  definition({ name: 'recall', parameters: 'long-cutoffs', defaults: standardCutoffs, calc: cutoffCalc((topic, cutoff, level) => (topic.numRel > 0 ? relevantInTop(topic, cutoff, level) / topic.numRel : 0)) }),
  definition({
    name: 'infAP',
    calc: (topic, measure, context, out) => {
      let nonrelSoFar = 0;
      let relSoFar = 0;
      let poolUnjudgedSoFar = 0;
      let infAp = 0;
      for (let rank = 0; rank < topic.numRet; rank++) {
        const rel = topic.rels[rank] as number;
        if (rel === relNonpool) continue;
        if (rel === relUnjudged) {
          poolUnjudgedSoFar++;
          continue;
        }
        if (rel >= 0 && rel < context.relevanceLevel) nonrelSoFar++;
        else {
          relSoFar++;
          if (rank === 0) infAp += 1;
          else {
            const fj = rank;
            infAp +=
              1 / (fj + 1) +
              (fj / (fj + 1)) * ((relSoFar - 1 + nonrelSoFar + poolUnjudgedSoFar) / fj) * ((relSoFar - 1 + infApEpsilon) / (relSoFar - 1 + nonrelSoFar + 2 * infApEpsilon));
          }
        }
      }
      out[measure.offset] = topic.numRel > 0 ? infAp / topic.numRel : infAp;
    },
  }),
  definition({
    name: 'gm_bpref',
    summary: 'geometric',
    perQuery: false,
    calc: (topic, measure, context, out) => {
      out[measure.offset] = Math.log(Math.max(bpref(topic, context.relevanceLevel), minGeoMean));
    },
  }),
  definition({
    name: 'Rprec_mult',
    parameters: 'double-cutoffs',
    defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
    calc: (topic, measure, context, out) => {
      const cutoffs = measure.params.map((multiple) => Math.trunc(multiple * topic.numRel + 0.9));
      let currentCut = cutoffs.length - 1;
      while (currentCut >= 0 && (cutoffs[currentCut] as number) > topic.numRet) {
        out[measure.offset + currentCut] = topic.numRelRet / (cutoffs[currentCut] as number);
        currentCut--;
      }
      let relSoFar = topic.numRelRet;
      for (let rank = topic.numRet; rank > 0 && relSoFar > 0; rank--) {
        const precision = relSoFar / rank;
        while (currentCut >= 0 && rank === cutoffs[currentCut]) {
          out[measure.offset + currentCut] = precision;
          currentCut--;
        }
        if (isRelevant(topic.rels[rank - 1] as number, context.relevanceLevel)) relSoFar--;
      }
    },
  }),
  definition({
    name: 'utility',
    parameters: 'double-params',
    defaults: [1.0, -1.0, 0.0, 0.0],
    calc: (topic, measure, context, out) => {
      const [a = 0, b = 0, c = 0, d = 0] = measure.params;
      out[measure.offset] =
        a * topic.numRelRet + b * (topic.numRet - topic.numRelRet) + c * (topic.numRel - topic.numRelRet) + d * (context.numDocsInCollection + topic.numRelRet - topic.numRet - topic.numRel);
    },
  }),
  definition({
    name: '11pt_avg',
    parameters: 'double-params',
    defaults: recallPoints,
    calc: (topic, measure, context, out) => {
      const cutoffs = measure.params.map((point) => recallCutoff(point, topic.numRel, context.version));
      let sum = 0;
      interpolatedPrecision(topic, cutoffs, context.relevanceLevel, (_cut, value) => {
        sum += value;
      });
      out[measure.offset] = sum / measure.params.length;
    },
  }),
  definition({
    name: 'binG',
    calc: (topic, measure, context, out) => {
      let relSoFar = 0;
      let sum = 0;
      for (let rank = 0; rank < topic.numRet; rank++) {
        if (isRelevant(topic.rels[rank] as number, context.relevanceLevel)) {
          relSoFar++;
          sum += 1 / Math.log2(3 + rank - relSoFar);
        }
      }
      out[measure.offset] = relSoFar > 0 ? sum / topic.numRel : 0;
    },
  }),
  definition({ name: 'G', parameters: 'pair-params', calc: (topic, measure, context, out) => { out[measure.offset] = gMeasure(topic, measure, context); } }),
  definition({ name: 'dcg', parameters: 'pair-params', since10: true, calc: (topic, measure, context, out) => { out[measure.offset] = calcNdcgFamily(topic, measure, context).dcg; } }),
  definition({ name: 'ideal_dcg', parameters: 'pair-params', since10: true, calc: (topic, measure, context, out) => { out[measure.offset] = calcNdcgFamily(topic, measure, context).ideal; } }),
  definition({
    name: 'ndcg',
    parameters: 'pair-params',
    calc: (topic, measure, context, out) => {
      const { dcg, ideal } = calcNdcgFamily(topic, measure, context);
      out[measure.offset] = ideal > 0 ? dcg / ideal : 0;
    },
  }),
  definition({ name: 'ndcg_rel', parameters: 'pair-params', calc: (topic, measure, context, out) => { out[measure.offset] = ndcgRel(topic, measure, context); } }),
  definition({ name: 'Rndcg', parameters: 'pair-params', calc: (topic, measure, context, out) => { out[measure.offset] = rNdcg(topic, measure, context); } }),
  definition({ name: 'ndcg_cut', parameters: 'long-cutoffs', defaults: standardCutoffs, calc: ndcgCut }),
  definition({
    name: 'map_cut',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: cutoffCalc((topic, cutoff, level) => (topic.numRel > 0 ? sumPrecisionAtRelevant(topic, Math.min(cutoff, topic.numRet), level) / topic.numRel : 0)),
  }),
  definition({
    name: 'relative_P',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: cutoffCalc((topic, cutoff, level) => (topic.numRel > 0 ? relevantInTop(topic, cutoff, level) / Math.min(cutoff, topic.numRel) : 0)),
  }),
  definition({ name: 'success', parameters: 'long-cutoffs', defaults: [1, 5, 10], calc: cutoffCalc((topic, cutoff, level) => (relevantInTop(topic, cutoff, level) > 0 ? 1 : 0)) }),
  definition({ name: 'set_P', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRet > 0 ? topic.numRelRet / topic.numRet : 0; } }),
  definition({
    name: 'set_relative_P',
    calc: (topic, measure, _context, out) => {
      out[measure.offset] = topic.numRet > 0 && topic.numRel > 0 ? topic.numRelRet / Math.min(topic.numRet, topic.numRel) : 0;
    },
  }),
  definition({ name: 'set_recall', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRel > 0 ? topic.numRelRet / topic.numRel : 0; } }),
  definition({
    name: 'set_map',
    calc: (topic, measure, _context, out) => {
      out[measure.offset] = topic.numRet > 0 && topic.numRel > 0 ? (topic.numRelRet * topic.numRelRet) / (topic.numRet * topic.numRel) : 0;
    },
  }),
  definition({
    name: 'set_F',
    parameters: 'double-params',
    defaults: [1.0],
    calc: (topic, measure, _context, out) => {
      if (topic.numRet > 0 && topic.numRel > 0 && topic.numRelRet > 0) {
        const precision = topic.numRelRet / topic.numRet;
        const recall = topic.numRelRet / topic.numRel;
        const x = measure.params[0] ?? 1;
        out[measure.offset] = ((x + 1) * precision * recall) / (x * precision + recall);
      }
    },
  }),
  definition({
    name: 'num_nonrel_judged_ret',
    integer: true,
    summary: 'sum',
    calc: (topic, measure, _context, out) => {
      out[measure.offset] = topic.numRet - topic.numNonpool - topic.numUnjudged - topic.numRelRet;
    },
  }),
  ...preferenceMeasures(),
  definition({
    name: 'map_avgjg',
    relFormat: 'qrels_jg',
    calc: nothing,
    calcGroups: (groups, measure, context, out) => {
      let value = 0;
      for (const topic of groups) {
        let relSoFar = 0;
        let sum = 0;
        for (let rank = 0; rank < topic.numRet; rank++) {
          if (isRelevant(topic.rels[rank] as number, context.relevanceLevel)) {
            relSoFar++;
            sum += relSoFar / (rank + 1);
          }
        }
        if (relSoFar > 0) value += sum / topic.numRel;
      }
      out[measure.offset] = groups.length > 1 ? value / groups.length : value;
    },
  }),
  definition({
    name: 'P_avgjg',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    relFormat: 'qrels_jg',
    calc: nothing,
    calcGroups: (groups, measure, context, out) => {
      measure.params.forEach((cutoff, index) => {
        let value = 0;
        for (const topic of groups) value += relevantInTop(topic, cutoff, context.relevanceLevel) / cutoff;
        out[measure.offset + index] = groups.length > 1 ? value / groups.length : value;
      });
    },
  }),
  definition({
    name: 'Rprec_mult_avgjg',
    parameters: 'double-cutoffs',
    defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
    relFormat: 'qrels_jg',
    calc: nothing,
    calcGroups: (groups, measure, context, out) => {
      const offset = measure.offset;
      for (const topic of groups) {
        const cutoffs = measure.params.map((multiple) => Math.trunc(multiple * topic.numRel + 0.9));
        let currentCut = cutoffs.length - 1;
        while (currentCut >= 0 && (cutoffs[currentCut] as number) > topic.numRet) {
          out[offset + currentCut] = (out[offset + currentCut] as number) + topic.numRelRet / (cutoffs[currentCut] as number);
          currentCut--;
        }
        let relSoFar = topic.numRelRet;
        for (let rank = topic.numRet; rank > 0 && relSoFar > 0; rank--) {
          const precision = relSoFar / rank;
          while (currentCut >= 0 && rank === cutoffs[currentCut]) {
            out[offset + currentCut] = (out[offset + currentCut] as number) + precision;
            currentCut--;
          }
          if (isRelevant(topic.rels[rank - 1] as number, context.relevanceLevel)) relSoFar--;
        }
      }
      if (groups.length > 1) for (let index = 0; index < measure.params.length; index++) out[offset + index] = (out[offset + index] as number) / groups.length;
    },
  }),
  definition({
    name: 'rbp',
    parameters: 'pair-params',
    since10: true,
    calc: (topic, measure, context, out) => {
      let persistence = 0.9;
      for (const pair of measure.pairs) if (pair.name === 'p') persistence = pair.value;
      const gains = setupGains(topic, measure.pairs, context.version);
      // trec_eval leaves min and max uninitialised; its released build behaves as if both start at 0.
      let min = 0;
      let max = 0;
      for (const entry of gains) {
        if (entry.gain < min) min = entry.gain;
        if (entry.gain > max) max = entry.gain;
      }
      if (min < 0 || max > 1) for (const entry of gains) entry.gain = (entry.gain - min) / (max - min);
      let sum = 0;
      let weight = 1;
      for (let rank = 0; rank < topic.numRet; rank++) {
        const gain = gainOf(topic.rels[rank] as number, gains);
        if (gain !== 0) sum += gain * weight;
        weight *= persistence;
      }
      out[measure.offset] = (1 - persistence) * sum;
    },
  }),
  definition({
    name: 'rbp_resid',
    since10: true,
    calc: (topic, measure, _context, out) => {
      const persistence = 0.9;
      let unjudged = 0;
      let sum = 0;
      let weight = 1;
      for (let rank = 0; rank < topic.numRet; rank++) {
        if ((topic.rels[rank] as number) < 0) {
          unjudged++;
          sum += weight;
        }
        weight *= persistence;
      }
      if (unjudged > 0) out[measure.offset] = weight + (1 - persistence) * sum;
    },
  }),
  definition({
    name: 'unj',
    parameters: 'long-cutoffs',
    defaults: [5, 10, 20],
    since10: true,
    calc: cutoffCalc((topic, cutoff) => {
      const limit = Math.min(cutoff, topic.numRet);
      let unjudged = 0;
      for (let rank = 0; rank < limit; rank++) {
        const rel = topic.rels[rank] as number;
        if (rel === relNonpool || rel === relUnjudged) unjudged++;
      }
      return unjudged / cutoff;
    }),
  }),
  definition({
    name: 'judged',
    parameters: 'long-cutoffs',
    defaults: [10],
    hidden: true,
    calc: cutoffCalc((topic, cutoff) => {
      const limit = Math.min(cutoff, topic.numRet);
      let judged = 0;
      for (let rank = 0; rank < limit; rank++) if ((topic.rels[rank] as number) >= 0) judged++;
      return judged / cutoff;
    }),
  }),
];

function averagePrecision(topic: RankedTopic, depth: number, level: number): number {
  if (topic.numRel === 0) return 0;
  const sum = sumPrecisionAtRelevant(topic, depth, level);
  return sum / topic.numRel;
}

function sumPrecisionAtRelevant(topic: RankedTopic, depth: number, level: number): number {
  let relSoFar = 0;
  let sum = 0;
  for (let rank = 0; rank < depth; rank++) {
    if (isRelevant(topic.rels[rank] as number, level)) {
      relSoFar++;
      sum += relSoFar / (rank + 1);
    }
  }
  return sum;
}

function bpref(topic: RankedTopic, level: number): number {
  let numNonrel = 0;
  for (let value = 0; value < level; value++) numNonrel += topic.relLevels[value] ?? 0;
  let nonrelSoFar = 0;
  let value = 0;
  for (let rank = 0; rank < topic.numRet; rank++) {
    const rel = topic.rels[rank] as number;
    if (rel === relNonpool || rel === relUnjudged) continue;
    if (rel >= 0 && rel < level) nonrelSoFar++;
    else if (nonrelSoFar > 0) value += 1 - Math.min(nonrelSoFar, topic.numRel) / Math.min(numNonrel, topic.numRel);
    else value += 1;
  }
  return topic.numRel > 0 ? value / topic.numRel : value;
}

function gMeasure(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): number {
  const gains = setupGains(topic, measure.pairs, context.version);
  const ideal = new IdealGains(gains);
  let resultsG = 0;
  let sumResults = 0;
  let sumIdeal = 0;
  let sumCost = 0;
  const minCost = 1;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    sumResults += gain;
    const idealGain = ideal.next();
    if (idealGain > 0) sumIdeal += idealGain;
    sumCost += idealGain >= minCost ? idealGain : minCost;
    if (gain !== 0) resultsG += gain / Math.log2(2 + sumCost - sumResults);
  }
  for (; rank < topic.numRet; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    sumResults += gain;
    sumCost += minCost;
    if (gain !== 0) resultsG += gain / Math.log2(2 + sumCost - sumResults);
  }
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (idealGain > 0) sumIdeal += idealGain;
  }
  return sumIdeal > 0 ? resultsG / sumIdeal : 0;
}

function ndcgRel(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): number {
  const gains = setupGains(topic, measure.pairs, context.version);
  const ideal = new IdealGains(gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let sum = 0;
  let numRelRet = 0;
  let numRel = 0;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
    const idealGain = ideal.next();
    if (idealGain > 0) {
      numRel++;
      idealDcg += idealGain / Math.log2(rank + 2);
    }
    if (gain > 0) {
      sum += resultsDcg / idealDcg;
      numRelRet++;
    }
  }
  for (; rank < topic.numRet; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
    if (gain > 0) {
      sum += resultsDcg / idealDcg;
      numRelRet++;
    }
  }
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (idealGain > 0) {
      numRel++;
      idealDcg += idealGain / Math.log2(rank + 2);
    }
    rank++;
  }
  sum += ((numRel - numRelRet) * resultsDcg) / idealDcg;
  return sum > 0 ? sum / numRel : 0;
}

function rNdcg(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): number {
  const gains = setupGains(topic, measure.pairs, context.version);
  if (topic.numRel === 0) return 0;
  const ideal = new IdealGains(gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let sum = 0;
  let changes = 0;
  let oldIdealGain = ideal.gain;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = gainOf(topic.rels[rank] as number, gains);
    const idealGain = ideal.next();
    if (oldIdealGain !== idealGain) {
      if (idealDcg > 0) {
        sum += resultsDcg / idealDcg;
        changes++;
      }
      oldIdealGain = idealGain;
    }
    if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
    if (idealGain > 0) idealDcg += idealGain / Math.log2(rank + 2);
  }
  if (rank < topic.numRet) {
    for (; rank < topic.numRet; rank++) {
      const gain = gainOf(topic.rels[rank] as number, gains);
      if (gain !== 0) resultsDcg += gain / Math.log2(rank + 2);
    }
    if (idealDcg > 0) {
      sum += resultsDcg / idealDcg;
      changes++;
    }
  }
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (oldIdealGain !== idealGain) {
      if (idealDcg > 0) {
        sum += resultsDcg / idealDcg;
        changes++;
      }
      oldIdealGain = idealGain;
    }
    if (idealGain > 0) idealDcg += idealGain / Math.log2(rank + 2);
    rank++;
  }
  return sum / changes;
}

function ndcgCut(topic: RankedTopic, measure: ConfiguredMeasure, _context: CalcContext, out: Float64Array): void {
  const cutoffs = measure.params;
  const offset = measure.offset;
  let cutoffIndex = 0;
  let sum = 0;
  for (let rank = 0; rank < topic.numRet; rank++) {
    if (rank === cutoffs[cutoffIndex]) {
      out[offset + cutoffIndex] = sum;
      if (++cutoffIndex === cutoffs.length) break;
    }
    const gain = topic.rels[rank] as number;
    if (gain > 0) sum += gain / Math.log2(rank + 2);
  }
  while (cutoffIndex < cutoffs.length) out[offset + cutoffIndex++] = sum;
  // Ideal DCG over the judgment levels, highest first, exactly as m_ndcg_cut.c walks them.
  cutoffIndex = 0;
  let level = topic.numRelLevels - 1;
  if (level < 0) return;
  let countAtLevel = 0;
  let idealDcg = 0;
  for (let rank = 0; ; rank++) {
    countAtLevel++;
    while (countAtLevel > (topic.relLevels[level] ?? 0)) {
      level--;
      if (level === 0) break;
      countAtLevel = 1;
    }
    if (level === 0) break;
    if (rank === cutoffs[cutoffIndex]) {
      if (idealDcg > 0) out[offset + cutoffIndex] = (out[offset + cutoffIndex] as number) / idealDcg;
      if (++cutoffIndex === cutoffs.length) break;
    }
    const gain = level;
    idealDcg += gain / Math.log2(rank + 2);
  }
  while (cutoffIndex < cutoffs.length) {
    if (idealDcg > 0) out[offset + cutoffIndex] = (out[offset + cutoffIndex] as number) / idealDcg;
    cutoffIndex++;
  }
}

/** The definition named `name` that exists in `version`, if any. */
export function findMeasureDefinition(name: string, version: TrecEvalVersion, internal = false): MeasureDefinition | undefined {
  const found = measureDefinitions.find((candidate) => candidate.name === name);
  if (found === undefined) return undefined;
  if (!internal && (found.hidden === true || (found.since10 && version !== '10.0'))) return undefined;
  return found;
}

/** trec_eval's measure nicknames (`measures.c`). */
export function measureNickname(name: string, version: TrecEvalVersion): readonly string[] | undefined {
  switch (name) {
    case 'official':
      return ['runid', 'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'map', 'gm_map', 'Rprec', 'bpref', 'recip_rank', 'iprec_at_recall', 'P'];
    case 'all_trec': {
      const names = ['runid', 'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'map', 'gm_map', 'Rprec', 'bpref', 'recip_rank', 'iprec_at_recall', 'P', 'relstring', 'recall', 'infAP', 'gm_bpref', 'utility', '11pt_avg', 'ndcg', 'relative_P', 'Rprec_mult', 'success', 'map_cut', 'ndcg_cut', 'ndcg_rel', 'Rndcg', 'binG', 'G', 'set_P', 'set_recall', 'set_relative_P', 'set_map', 'set_F', 'num_nonrel_judged_ret'];
      return version === '10.0' ? [...names, 'rbp', 'rbp_resid', 'unj'] : names;
    }
    case 'set':
      return ['runid', 'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'utility', 'set_P', 'set_recall', 'set_relative_P', 'set_map', 'set_F'];
    case 'all_prefs':
      return ['runid', 'num_q', 'prefs_num_prefs_poss', 'prefs_num_prefs_ful', 'prefs_num_prefs_ful_ret', 'prefs_simp', 'prefs_pair', 'prefs_avgjg', 'prefs_avgjg_Rnonrel', 'prefs_simp_ret', 'prefs_pair_ret', 'prefs_avgjg_ret', 'prefs_avgjg_Rnonrel_ret', 'prefs_simp_imp', 'prefs_pair_imp', 'prefs_avgjg_imp'];
    case 'prefs':
      return ['runid', 'num_q', 'prefs_num_prefs_poss', 'prefs_num_prefs_ful', 'prefs_num_prefs_ful_ret', 'prefs_simp', 'prefs_pair', 'prefs_avgjg'];
    case 'qrels_jg':
      return ['runid', 'num_q', 'map_avgjg', 'P_avgjg', 'Rprec_mult_avgjg'];
    default:
      return undefined;
  }
}

type GroupRatio = (group: JudgmentGroup) => [number, number];

/** The preference measures (`-R prefs` / `-R qrels_prefs`), in trec_eval's order. */
function preferenceMeasures(): MeasureDefinition[] {
  const allRatio: GroupRatio = (group) => [group.fulfilledRet + group.fulfilledImp, group.possibleRet + group.possibleImp + group.possibleNotoccur];
  const retRatio: GroupRatio = (group) => [group.fulfilledRet, group.possibleRet];
  const impRatio: GroupRatio = (group) => [group.fulfilledRet + group.fulfilledImp, group.possibleRet + group.possibleImp];
  const prefs = (name: string, compute: (counts: PreferenceCounts) => number, integer = false): MeasureDefinition =>
    definition({
      name,
      relFormat: 'prefs',
      integer,
      summary: integer ? 'sum' : 'mean',
      calc: nothing,
      calcPrefs: (counts, measure, out) => {
        out[measure.offset] = compute(counts);
      },
    });
  const simple = (ratio: GroupRatio) => (counts: PreferenceCounts): number => {
    let fulfilled = 0;
    let possible = 0;
    for (const group of counts.groups) {
      const [groupFulfilled, groupPossible] = ratio(group);
      fulfilled += groupFulfilled;
      possible += groupPossible;
    }
    return possible > 0 ? fulfilled / possible : 0;
  };
  const averageOverGroups = (ratio: GroupRatio) => (counts: PreferenceCounts): number => {
    let sum = 0;
    for (const group of counts.groups) {
      const [fulfilled, possible] = ratio(group);
      if (possible > 0) sum += fulfilled / possible;
    }
    return sum > 0 ? sum / counts.groups.length : 0;
  };
  const rNonrel = (retrievedOnly: boolean) => (counts: PreferenceCounts): number => {
    let sum = 0;
    for (const group of counts.groups) {
      const relevant = retrievedOnly ? group.numRelRet : group.numRel;
      const nonrelevant = retrievedOnly ? group.numNonrelRet : group.numNonrel;
      if (relevant >= nonrelevant) {
        let [fulfilled, possible] = retrievedOnly ? retRatio(group) : allRatio(group);
        fulfilled += group.numRelRet * (relevant - nonrelevant);
        possible += group.numRel * (relevant - nonrelevant);
        sum += fulfilled / possible;
      } else {
        const { fulfilled, possible } = recalculateWithRNonrel(group, counts.numJudgedRet, retrievedOnly);
        sum += fulfilled / possible;
      }
    }
    return sum > 0 ? sum / counts.groups.length : 0;
  };
  const total = (pick: (group: JudgmentGroup) => number) => (counts: PreferenceCounts): number => counts.groups.reduce((sum, group) => sum + pick(group), 0);
  return [
    prefs('prefs_num_prefs_poss', total((group) => group.possibleRet + group.possibleImp + group.possibleNotoccur), true),
    prefs('prefs_num_prefs_ful', total((group) => group.fulfilledRet + group.fulfilledImp), true),
    prefs('prefs_num_prefs_ful_ret', total((group) => group.fulfilledRet), true),
    prefs('prefs_simp', simple(allRatio)),
    prefs('prefs_pair', (counts) => pairAverage(counts, 'all')),
    prefs('prefs_avgjg', averageOverGroups(allRatio)),
    prefs('prefs_avgjg_Rnonrel', rNonrel(false)),
    prefs('prefs_simp_ret', simple(retRatio)),
    prefs('prefs_pair_ret', (counts) => pairAverage(counts, 'ret')),
    prefs('prefs_avgjg_ret', averageOverGroups(retRatio)),
    prefs('prefs_avgjg_Rnonrel_ret', rNonrel(true)),
    prefs('prefs_simp_imp', simple(impRatio)),
    prefs('prefs_pair_imp', (counts) => pairAverage(counts, 'imp')),
    prefs('prefs_avgjg_imp', averageOverGroups(impRatio)),
  ];
}

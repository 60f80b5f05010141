import { cLog, cLog2 } from './c-math.js';
import { parseCLongText } from './c-parse.js';
import { cLround, doubleToCInt, doubleToCLong, glibcMergeSort } from './glibc-sort.js';
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
  /** Cutoffs (in trec_eval's sorted order) or double parameters (in the order given). */
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
  /** False for the measures that never build a topic's ranking (runid, num_q): they never see a duplicate. */
  readonly usesRanking: boolean;
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
  return { parameters: 'none', defaults: [], integer: false, summary: 'mean', perQuery: true, since10: false, usesRanking: true, ...partial };
}

// The measures below read the sparse ranking of ranking.ts: `relevantRanks` lists the ranks (0-based, ascending)
// of the relevant documents, `entryRanks`/`entryRels` those of every judged document; every other rank holds a
// document outside the pool. Each computation is the C loop of the named trec_eval file with the iterations that
// cannot change anything skipped: the same floating-point operations in the same order, so the same doubles.

/** Number of `ranks` (ascending) below `limit`. */
function countBelow(ranks: Int32Array, limit: number): number {
  let low = 0;
  let high = ranks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ranks[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Judged documents (relevance ≥ 0) ranked below `limit`. */
function judgedBelow(topic: RankedTopic, limit: number): number {
  const ranks = topic.entryRanks;
  const rels = topic.entryRels;
  let count = 0;
  for (let entry = 0; entry < ranks.length && (ranks[entry] as number) < limit; entry++) if ((rels[entry] as number) >= 0) count++;
  return count;
}

/**
 * trec_eval's cutoff loop (`m_P.c`, `m_recall.c`, `m_success.c`, `m_rel_P.c`, `m_unjudged.c`...):
 * `for (i = 0; i < num_ret; i++) { if (i == cutoffs[k]) { value(k) from the count before rank i; k++ } ... }`,
 * then every cutoff not reached takes the value from the count over the whole ranking. Only the current cutoff
 * is compared, so a cutoff list out of order (trec_eval sorts with a comparator that overflows) behaves as
 * there. `atRank(k, cutoff)` gives the value of a cutoff reached inside the loop, `afterLoop(k, cutoff)` of one
 * that was not.
 */
function cutoffLoop(cutoffs: readonly number[], numRet: number, atRank: (index: number, cutoff: number) => void, afterLoop: (index: number, cutoff: number) => void): void {
  let index = 0;
  let nextRank = 0;
  for (; index < cutoffs.length; index++) {
    const cutoff = cutoffs[index] as number;
    if (!(cutoff >= nextRank && cutoff < numRet)) break;
    atRank(index, cutoff);
    nextRank = cutoff + 1;
  }
  for (; index < cutoffs.length; index++) afterLoop(index, cutoffs[index] as number);
}

/** `cutoffLoop` for measures of the number of relevant documents above a rank. */
function relevantCutoffs(topic: RankedTopic, measure: ConfiguredMeasure, value: (relevantAbove: number, cutoff: number) => number, out: Float64Array): void {
  const relevant = topic.relevantRanks;
  const offset = measure.offset;
  cutoffLoop(
    measure.params,
    topic.numRet,
    (index, cutoff) => {
      out[offset + index] = value(countBelow(relevant, cutoff), cutoff);
    },
    (index, cutoff) => {
      out[offset + index] = value(relevant.length, cutoff);
    },
  );
}

/** Sum of (relevant so far)/(rank) over the relevant documents ranked below `limit`, in rank order (map, map_cut). */
function precisionSum(relevant: Int32Array, limit: number): number {
  let sum = 0;
  for (let position = 0; position < relevant.length; position++) {
    const rank = relevant[position] as number;
    if (rank >= limit) break;
    sum += (position + 1) / (rank + 1);
  }
  return sum;
}

/**
 * Interpolated precision at rank cutoffs counted in relevant documents (`m_iprec_at_recall.c`, `m_11pt_avg.c`):
 * trec_eval walks the ranking upwards from the last document keeping the best precision seen; between two
 * relevant documents the precision is highest at the upper one, so only those ranks are visited.
 */
function interpolatedPrecision(topic: RankedTopic, cutoffs: readonly number[], visit: (cut: number, value: number) => void): void {
  let currentCut = cutoffs.length - 1;
  while (currentCut >= 0 && (cutoffs[currentCut] as number) > topic.numRelRet) currentCut--;
  let interpolated = topic.numRelRet / topic.numRet;
  let relSoFar = topic.numRelRet;
  const relevant = topic.relevantRanks;
  let next = relevant.length - 1;
  let rank = topic.numRet;
  while (rank > 0 && relSoFar > 0) {
    if (next < 0) {
      // No relevant document above: the precision only grows up to rank 1.
      if (interpolated < relSoFar) interpolated = relSoFar;
      break;
    }
    const relevantRank = (relevant[next--] as number) + 1;
    const precision = relSoFar / relevantRank;
    if (interpolated < precision) interpolated = precision;
    while (currentCut >= 0 && relSoFar === cutoffs[currentCut]) {
      visit(currentCut, interpolated);
      currentCut--;
    }
    relSoFar--;
    rank = relevantRank - 1;
  }
  while (currentCut >= 0) {
    visit(currentCut, interpolated);
    currentCut--;
  }
}

/**
 * Precision at rank cutoffs `cutoffs` (already computed from multiples of R), as `m_Rprec_mult.c` walks the
 * ranking upwards: `fill(cut, value)` for every cut the walk reaches.
 */
function precisionAtRanks(topic: RankedTopic, cutoffs: readonly number[], fill: (cut: number, value: number) => void): void {
  let currentCut = cutoffs.length - 1;
  while (currentCut >= 0 && (cutoffs[currentCut] as number) > topic.numRet) {
    fill(currentCut, topic.numRelRet / (cutoffs[currentCut] as number));
    currentCut--;
  }
  const relevant = topic.relevantRanks;
  let next = relevant.length - 1;
  let relSoFar = topic.numRelRet;
  let top = topic.numRet;
  while (currentCut >= 0 && relSoFar > 0) {
    const cut = cutoffs[currentCut] as number;
    if (!(cut >= 1 && cut <= top)) break;
    // Relevant documents ranked below the cut are passed first (each lowers the count); the walk stops at 0.
    while (next >= 0 && (relevant[next] as number) + 1 > cut && relSoFar > 0) {
      relSoFar--;
      next--;
    }
    if (relSoFar === 0) break;
    fill(currentCut, relSoFar / cut);
    currentCut--;
    top = cut;
  }
}

/** Rank cutoffs for recall points: `lround(p·R)` in 10.0, `(long)(p·R + 0.9)` in 9.0.8. */
function recallCutoff(point: number, numRel: number, version: TrecEvalVersion): number {
  return version === '10.0' ? cLround(point * numRel) : doubleToCLong(point * numRel + 0.9);
}

interface RelGain {
  readonly level: number;
  numAtLevel: number;
  gain: number;
}

function isValidInteger(text: string): boolean {
  return /^[-+]?[0-9]+$/.test(text);
}

/** The judgment level a gain parameter names (`ndcg.2=5`), or undefined when trec_eval ignores the pair. */
export function gainLevel(pair: ParameterPair, version: TrecEvalVersion): number | undefined {
  // 10.0 checks that the name is an integer (`valid_int`); 9.0.8 reads any name with atol ("p" is level 0).
  if (version === '10.0' && !isValidInteger(pair.name)) return undefined;
  return parseCLongText(pair.name);
}

/** Gains per relevance level (`gain_init.c`): levels 0..max with gain = level, overridden by `L=G` pairs. */
function setupGains(topic: RankedTopic, pairs: readonly ParameterPair[], version: TrecEvalVersion): RelGain[] {
  const gains: RelGain[] = [];
  if (pairs.length === 0) {
    // No parameters: gain = level for levels 0, 1, 2..., already in the order the sort would give.
    for (let level = 0; level < topic.numRelLevels; level++) gains.push({ level, numAtLevel: topic.relLevels[level] ?? 0, gain: level });
    return gains;
  }
  for (const pair of pairs) {
    const level = gainLevel(pair, version);
    if (level !== undefined) gains.push({ level, numAtLevel: 0, gain: pair.value });
  }
  const fromParameters = gains.length;
  for (let level = 0; level < topic.numRelLevels; level++) {
    let found = -1;
    for (let index = 0; index < fromParameters; index++) {
      if ((gains[index] as RelGain).level === level) {
        found = index;
        break;
      }
    }
    const count = topic.relLevels[level] ?? 0;
    if (found >= 0) (gains[found] as RelGain).numAtLevel = count;
    else gains.push({ level, numAtLevel: count, gain: level });
  }
  // qsort with `(int)(g1 - g2)`: gains closer than 1 compare equal, which is not a consistent order; the result
  // is glibc's merge sort's.
  return glibcMergeSort(gains, (left, right) => doubleToCInt(left.gain - right.gain));
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

/** Reads the gains of the ranking rank by rank: the listed documents' gains, 0 elsewhere (outside the pool). */
class RankGains {
  private entry = 0;
  constructor(
    private readonly topic: RankedTopic,
    private readonly gains: readonly RelGain[],
  ) {}
  /** Gain at `rank`; ranks must be asked in increasing order. */
  at(rank: number): number {
    const ranks = this.topic.entryRanks;
    while (this.entry < ranks.length && (ranks[this.entry] as number) < rank) this.entry++;
    if (this.entry < ranks.length && ranks[this.entry] === rank) return gainOf(this.topic.entryRels[this.entry] as number, this.gains);
    return 0;
  }
  /** Calls `visit(rank, gain)` for every listed document at or after `rank` with a gain other than 0. */
  rest(rank: number, visit: (rank: number, gain: number) => void): void {
    const ranks = this.topic.entryRanks;
    let entry = this.entry;
    while (entry < ranks.length && (ranks[entry] as number) < rank) entry++;
    for (; entry < ranks.length; entry++) {
      const gain = gainOf(this.topic.entryRels[entry] as number, this.gains);
      if (gain !== 0) visit(ranks[entry] as number, gain);
    }
  }
}

/** `m_ndcg.c` (also `dcg` and `ideal_dcg`): DCG of the ranking and of the ideal ranking. */
function calcNdcgFamily(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): { dcg: number; ideal: number } {
  const gains = setupGains(topic, measure.pairs, context.version);
  const ideal = new IdealGains(gains);
  const reader = new RankGains(topic, gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = reader.at(rank);
    if (gain !== 0) resultsDcg += gain / cLog2(rank + 2);
    const idealGain = ideal.next();
    if (idealGain > 0) idealDcg += idealGain / cLog2(rank + 2);
  }
  reader.rest(rank, (at, gain) => {
    resultsDcg += gain / cLog2(at + 2);
  });
  rank = Math.max(rank, topic.numRet);
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (idealGain > 0) idealDcg += idealGain / cLog2(rank + 2);
    rank++;
  }
  return { dcg: resultsDcg, ideal: idealDcg };
}

// rbp's weights p^i, computed by repeated multiplication as trec_eval does, kept for the last persistence used.
let weightsPersistence = Number.NaN;
let weights = new Float64Array(0);

function persistenceWeights(persistence: number, count: number): Float64Array {
  if (!Object.is(persistence, weightsPersistence) || weights.length < count + 1) {
    const table = new Float64Array(Math.max(count + 1, 1024));
    let weight = 1;
    for (let rank = 0; rank < table.length; rank++) {
      table[rank] = weight;
      weight *= persistence;
    }
    weights = table;
    weightsPersistence = persistence;
  }
  return weights;
}

function persistenceOf(measure: ConfiguredMeasure): number {
  let persistence = 0.9;
  for (const pair of measure.pairs) if (pair.name === 'p') persistence = pair.value;
  return persistence;
}

function averagePrecisionSum(topic: RankedTopic): number {
  return precisionSum(topic.relevantRanks, Number.POSITIVE_INFINITY);
}

/** The relevance code string of `m_relstring.c` for the first `length` ranks. */
export function relString(topic: RankedTopic, lengthParameter: number): string {
  const length = Math.max(0, Math.min(doubleToCLong(lengthParameter), topic.numRet));
  const ranks = topic.entryRanks;
  const rels = topic.entryRels;
  let entry = 0;
  let text = '';
  for (let rank = 0; rank < length; rank++) {
    while (entry < ranks.length && (ranks[entry] as number) < rank) entry++;
    const rel = entry < ranks.length && ranks[entry] === rank ? (rels[entry] as number) : relNonpool;
    if (rel > 9) text += '>';
    else if (rel >= 0) text += String.fromCharCode(48 + rel);
    else if (rel === relNonpool) text += '-';
    else if (rel === relUnjudged) text += '.';
    else text += '<';
  }
  return text;
}

function bpref(topic: RankedTopic, level: number): number {
  let numNonrel = 0;
  for (let value = 0; value < level; value++) numNonrel += topic.relLevels[value] ?? 0;
  let nonrelSoFar = 0;
  let value = 0;
  const rels = topic.entryRels;
  for (let entry = 0; entry < rels.length; entry++) {
    const rel = rels[entry] as number;
    if (rel === relNonpool || rel === relUnjudged) continue;
    if (rel >= 0 && rel < level) nonrelSoFar++;
    else if (nonrelSoFar > 0) value += 1 - Math.min(nonrelSoFar, topic.numRel) / Math.min(numNonrel, topic.numRel);
    else value += 1;
  }
  return topic.numRel !== 0 ? value / topic.numRel : value;
}

function geometricLog(value: number): number {
  // C's MAX macro: a NaN loses to the floor.
  return cLog(value > minGeoMean ? value : minGeoMean);
}

function gMeasure(topic: RankedTopic, measure: ConfiguredMeasure, context: CalcContext): number {
  const gains = setupGains(topic, measure.pairs, context.version);
  const ideal = new IdealGains(gains);
  const reader = new RankGains(topic, gains);
  let resultsG = 0;
  let sumResults = 0;
  let sumIdeal = 0;
  let sumCost = 0;
  const minCost = 1;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = reader.at(rank);
    sumResults += gain;
    const idealGain = ideal.next();
    if (idealGain > 0) sumIdeal += idealGain;
    sumCost += idealGain >= minCost ? idealGain : minCost;
    if (gain !== 0) resultsG += gain / cLog2(2 + sumCost - sumResults);
  }
  // The cost grows by 1 per rank. trec_eval adds it one rank at a time; while the cost is a whole number (below
  // 2^53) those additions are exact, so the cost at a later rank is known at once and only gains are visited.
  if (Number.isInteger(sumCost) && Math.abs(sumCost) + topic.numRet < 2 ** 53) {
    const costBefore = sumCost - rank;
    reader.rest(rank, (at, gain) => {
      sumResults += gain;
      resultsG += gain / cLog2(2 + (costBefore + at + 1) - sumResults);
    });
    rank = topic.numRet;
  }
  for (; rank < topic.numRet; rank++) {
    const gain = reader.at(rank);
    sumResults += gain;
    sumCost += minCost;
    if (gain !== 0) resultsG += gain / cLog2(2 + sumCost - sumResults);
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
  const reader = new RankGains(topic, gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let sum = 0;
  let numRelRet = 0;
  let numRel = 0;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = reader.at(rank);
    if (gain !== 0) resultsDcg += gain / cLog2(rank + 2);
    const idealGain = ideal.next();
    if (idealGain > 0) {
      numRel++;
      idealDcg += idealGain / cLog2(rank + 2);
    }
    if (gain > 0) {
      sum += resultsDcg / idealDcg;
      numRelRet++;
    }
  }
  reader.rest(rank, (at, gain) => {
    resultsDcg += gain / cLog2(at + 2);
    if (gain > 0) {
      sum += resultsDcg / idealDcg;
      numRelRet++;
    }
  });
  rank = Math.max(rank, topic.numRet);
  while (ideal.gain > 0) {
    const idealGain = ideal.next();
    if (idealGain > 0) {
      numRel++;
      idealDcg += idealGain / cLog2(rank + 2);
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
  const reader = new RankGains(topic, gains);
  let resultsDcg = 0;
  let idealDcg = 0;
  let sum = 0;
  let changes = 0;
  let oldIdealGain = ideal.gain;
  let rank = 0;
  for (; rank < topic.numRet && ideal.gain > 0; rank++) {
    const gain = reader.at(rank);
    const idealGain = ideal.next();
    if (oldIdealGain !== idealGain) {
      if (idealDcg > 0) {
        sum += resultsDcg / idealDcg;
        changes++;
      }
      oldIdealGain = idealGain;
    }
    if (gain !== 0) resultsDcg += gain / cLog2(rank + 2);
    if (idealGain > 0) idealDcg += idealGain / cLog2(rank + 2);
  }
  if (rank < topic.numRet) {
    reader.rest(rank, (at, gain) => {
      resultsDcg += gain / cLog2(at + 2);
    });
    rank = topic.numRet;
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
    if (idealGain > 0) idealDcg += idealGain / cLog2(rank + 2);
    rank++;
  }
  return sum / changes;
}

function ndcgCut(topic: RankedTopic, measure: ConfiguredMeasure, _context: CalcContext, out: Float64Array): void {
  const cutoffs = measure.params;
  const offset = measure.offset;
  // DCG at each cutoff from the raw judgment values above 0 (no gain parameters), as m_ndcg_cut.c.
  const ranks = topic.entryRanks;
  const rels = topic.entryRels;
  let entry = 0;
  let sum = 0;
  const advance = (limit: number): void => {
    for (; entry < ranks.length && (ranks[entry] as number) < limit; entry++) {
      const gain = rels[entry] as number;
      if (gain > 0) sum += gain / cLog2((ranks[entry] as number) + 2);
    }
  };
  cutoffLoop(
    cutoffs,
    topic.numRet,
    (index, cutoff) => {
      advance(cutoff);
      out[offset + index] = sum;
    },
    (index) => {
      advance(Number.POSITIVE_INFINITY);
      out[offset + index] = sum;
    },
  );
  // Ideal DCG over the judgment levels, highest first, exactly as m_ndcg_cut.c walks them.
  let cutoffIndex = 0;
  let level = topic.numRelLevels - 1;
  let countAtLevel = 0;
  let idealDcg = 0;
  for (let rank = 0; ; rank++) {
    countAtLevel++;
    while (level > 0 && countAtLevel > (topic.relLevels[level] ?? 0)) {
      level--;
      countAtLevel = 1;
    }
    if (level === 0) break;
    if (rank === cutoffs[cutoffIndex]) {
      if (idealDcg > 0) out[offset + cutoffIndex] = (out[offset + cutoffIndex] as number) / idealDcg;
      if (++cutoffIndex === cutoffs.length) break;
    }
    const gain = level;
    idealDcg += gain / cLog2(rank + 2);
  }
  while (cutoffIndex < cutoffs.length) {
    if (idealDcg > 0) out[offset + cutoffIndex] = (out[offset + cutoffIndex] as number) / idealDcg;
    cutoffIndex++;
  }
}

/** Every trec_eval measure, in the order trec_eval computes and prints them (`measures.c`). */
export const measureDefinitions: readonly MeasureDefinition[] = [
  definition({ name: 'runid', summary: 'runid', perQuery: false, usesRanking: false, calc: nothing }),
  definition({ name: 'num_q', integer: true, summary: 'count', perQuery: false, usesRanking: false, calc: nothing }),
  definition({ name: 'num_ret', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRet; } }),
  definition({ name: 'num_rel', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRel; } }),
  definition({ name: 'num_rel_ret', integer: true, summary: 'sum', calc: (topic, measure, _context, out) => { out[measure.offset] = topic.numRelRet; } }),
  definition({
    name: 'map',
    calc: (topic, measure, _context, out) => {
      if (topic.relevantRanks.length > 0) out[measure.offset] = averagePrecisionSum(topic) / topic.numRel;
    },
  }),
  definition({
    name: 'gm_map',
    summary: 'geometric',
    perQuery: false,
    calc: (topic, measure, _context, out) => {
      let sum = averagePrecisionSum(topic);
      if (topic.relevantRanks.length > 0) sum = sum / topic.numRel;
      out[measure.offset] = geometricLog(sum);
    },
  }),
  definition({
    name: 'Rprec',
    calc: (topic, measure, _context, out) => {
      const lookAt = Math.min(topic.numRet, topic.numRel);
      if (lookAt === 0) return;
      out[measure.offset] = countBelow(topic.relevantRanks, lookAt) / topic.numRel;
    },
  }),
  definition({ name: 'bpref', calc: (topic, measure, context, out) => { out[measure.offset] = bpref(topic, context.relevanceLevel); } }),
  definition({
    name: 'recip_rank',
    calc: (topic, measure, _context, out) => {
      if (topic.relevantRanks.length > 0) out[measure.offset] = 1 / ((topic.relevantRanks[0] as number) + 1);
    },
  }),
  definition({
    name: 'iprec_at_recall',
    parameters: 'double-cutoffs',
    defaults: recallPoints,
    calc: (topic, measure, context, out) => {
      const cutoffs = measure.params.map((point) => recallCutoff(point, topic.numRel, context.version));
      interpolatedPrecision(topic, cutoffs, (cut, value) => {
        out[measure.offset + cut] = value;
      });
    },
  }),
  definition({
    name: 'P',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: (topic, measure, _context, out) => {
      relevantCutoffs(topic, measure, (relevant, cutoff) => relevant / cutoff, out);
    },
  }),
  definition({ name: 'relstring', parameters: 'double-params', defaults: [10], summary: 'none', calc: nothing }),
  definition({
    name: 'recall',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: (topic, measure, _context, out) => {
      if (topic.numRel === 0) return;
      relevantCutoffs(topic, measure, (relevant) => relevant / topic.numRel, out);
    },
  }),
  definition({
    name: 'infAP',
    calc: (topic, measure, context, out) => {
      let nonrelSoFar = 0;
      let relSoFar = 0;
      let poolUnjudgedSoFar = 0;
      let infAp = 0;
      const ranks = topic.entryRanks;
      const rels = topic.entryRels;
      for (let entry = 0; entry < rels.length; entry++) {
        const rel = rels[entry] as number;
        if (rel === relNonpool) continue;
        if (rel === relUnjudged) {
          poolUnjudgedSoFar++;
          continue;
        }
        if (rel >= 0 && rel < context.relevanceLevel) nonrelSoFar++;
        else {
          relSoFar++;
          const rank = ranks[entry] as number;
          if (rank === 0) infAp += 1;
          else {
            const fj = rank;
            infAp +=
              1 / (fj + 1) +
              (fj / (fj + 1)) * ((relSoFar - 1 + nonrelSoFar + poolUnjudgedSoFar) / fj) * ((relSoFar - 1 + infApEpsilon) / (relSoFar - 1 + nonrelSoFar + 2 * infApEpsilon));
          }
        }
      }
      out[measure.offset] = topic.numRel !== 0 ? infAp / topic.numRel : infAp;
    },
  }),
  definition({
    name: 'gm_bpref',
    summary: 'geometric',
    perQuery: false,
    calc: (topic, measure, context, out) => {
      out[measure.offset] = geometricLog(bpref(topic, context.relevanceLevel));
    },
  }),
  definition({
    name: 'Rprec_mult',
    parameters: 'double-cutoffs',
    defaults: [0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8, 2.0],
    calc: (topic, measure, _context, out) => {
      const cutoffs = measure.params.map((multiple) => doubleToCLong(multiple * topic.numRel + 0.9));
      precisionAtRanks(topic, cutoffs, (cut, value) => {
        out[measure.offset + cut] = value;
      });
    },
  }),
  definition({
    name: 'utility',
    parameters: 'double-params',
    defaults: [1.0, -1.0, 0.0, 0.0],
    calc: (topic, measure, context, out) => {
      // A coefficient list of another length stops trec_eval when it computes the measure (see the session).
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
      interpolatedPrecision(topic, cutoffs, (_cut, value) => {
        sum += value;
      });
      out[measure.offset] = sum / measure.params.length;
    },
  }),
  definition({
    name: 'binG',
    calc: (topic, measure, _context, out) => {
      const relevant = topic.relevantRanks;
      let sum = 0;
      for (let position = 0; position < relevant.length; position++) sum += 1 / cLog2(3 + (relevant[position] as number) - (position + 1));
      if (relevant.length > 0) out[measure.offset] = sum / topic.numRel;
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
      if (ideal > 0) out[measure.offset] = dcg / ideal;
    },
  }),
  definition({ name: 'ndcg_rel', parameters: 'pair-params', calc: (topic, measure, context, out) => { out[measure.offset] = ndcgRel(topic, measure, context); } }),
  definition({ name: 'Rndcg', parameters: 'pair-params', calc: (topic, measure, context, out) => { out[measure.offset] = rNdcg(topic, measure, context); } }),
  definition({ name: 'ndcg_cut', parameters: 'long-cutoffs', defaults: standardCutoffs, calc: ndcgCut }),
  definition({
    name: 'map_cut',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: (topic, measure, _context, out) => {
      if (topic.numRel === 0) return;
      const relevant = topic.relevantRanks;
      let position = 0;
      let sum = 0;
      const advance = (limit: number): void => {
        for (; position < relevant.length && (relevant[position] as number) < limit; position++) sum += (position + 1) / ((relevant[position] as number) + 1);
      };
      cutoffLoop(
        measure.params,
        topic.numRet,
        (index, cutoff) => {
          advance(cutoff);
          out[measure.offset + index] = sum / topic.numRel;
        },
        (index) => {
          advance(Number.POSITIVE_INFINITY);
          out[measure.offset + index] = sum / topic.numRel;
        },
      );
    },
  }),
  definition({
    name: 'relative_P',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    calc: (topic, measure, _context, out) => {
      if (topic.numRel === 0) return;
      relevantCutoffs(topic, measure, (relevant, cutoff) => relevant / (cutoff > topic.numRel ? topic.numRel : cutoff), out);
    },
  }),
  definition({
    name: 'success',
    parameters: 'long-cutoffs',
    defaults: [1, 5, 10],
    calc: (topic, measure, _context, out) => {
      relevantCutoffs(topic, measure, (relevant) => (relevant > 0 ? 1 : 0), out);
    },
  }),
  definition({ name: 'set_P', calc: (topic, measure, _context, out) => { if (topic.numRet > 0) out[measure.offset] = topic.numRelRet / topic.numRet; } }),
  definition({
    name: 'set_relative_P',
    calc: (topic, measure, _context, out) => {
      if (topic.numRet > 0 && topic.numRel > 0) out[measure.offset] = topic.numRelRet / Math.min(topic.numRet, topic.numRel);
    },
  }),
  definition({ name: 'set_recall', calc: (topic, measure, _context, out) => { if (topic.numRel > 0) out[measure.offset] = topic.numRelRet / topic.numRel; } }),
  definition({
    name: 'set_map',
    calc: (topic, measure, _context, out) => {
      if (topic.numRet > 0 && topic.numRel > 0) out[measure.offset] = (topic.numRelRet * topic.numRelRet) / (topic.numRet * topic.numRel);
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
    calcGroups: (groups, measure, _context, out) => {
      let value = 0;
      for (const topic of groups) if (topic.relevantRanks.length > 0) value += averagePrecisionSum(topic) / topic.numRel;
      out[measure.offset] = groups.length > 1 ? value / groups.length : value;
    },
  }),
  definition({
    name: 'P_avgjg',
    parameters: 'long-cutoffs',
    defaults: standardCutoffs,
    relFormat: 'qrels_jg',
    calc: nothing,
    calcGroups: (groups, measure, _context, out) => {
      measure.params.forEach((cutoff, index) => {
        let value = 0;
        for (const topic of groups) value += countBelow(topic.relevantRanks, Math.min(cutoff, topic.numRet)) / cutoff;
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
    calcGroups: (groups, measure, _context, out) => {
      const offset = measure.offset;
      for (const topic of groups) {
        const cutoffs = measure.params.map((multiple) => doubleToCLong(multiple * topic.numRel + 0.9));
        precisionAtRanks(topic, cutoffs, (cut, value) => {
          out[offset + cut] = (out[offset + cut] as number) + value;
        });
      }
      if (groups.length > 1) for (let index = 0; index < measure.params.length; index++) out[offset + index] = (out[offset + index] as number) / groups.length;
    },
  }),
  definition({
    name: 'yaap',
    calc: (topic, measure, _context, out) => {
      // m_yaap.c: log((1 + Σ precision at relevant) / (1 + R − Σ)), Robertson's smoothed average precision.
      const sum = averagePrecisionSum(topic);
      out[measure.offset] = cLog((1 + sum) / (1 + topic.numRel - sum));
    },
  }),
  definition({
    name: 'rbp',
    parameters: 'pair-params',
    since10: true,
    calc: (topic, measure, _context, out) => {
      const persistence = persistenceOf(measure);
      // rbp exists only in 10.0: its gain parameters follow 10.0's rules whatever version evaluate() matches.
      const gains = setupGains(topic, measure.pairs, '10.0');
      // trec_eval leaves min and max uninitialised; its released build behaves as if both start at 0.
      let min = 0;
      let max = 0;
      for (const entry of gains) {
        if (entry.gain < min) min = entry.gain;
        if (entry.gain > max) max = entry.gain;
      }
      if (min < 0 || max > 1) for (const entry of gains) entry.gain = (entry.gain - min) / (max - min);
      const table = persistenceWeights(persistence, topic.numRet);
      let sum = 0;
      const ranks = topic.entryRanks;
      const rels = topic.entryRels;
      for (let entry = 0; entry < ranks.length; entry++) {
        const gain = gainOf(rels[entry] as number, gains);
        if (gain !== 0) sum += gain * (table[ranks[entry] as number] as number);
      }
      out[measure.offset] = (1 - persistence) * sum;
    },
  }),
  definition({
    name: 'rbp_resid',
    parameters: 'pair-params',
    since10: true,
    calc: (topic, measure, _context, out) => {
      const persistence = persistenceOf(measure);
      const table = persistenceWeights(persistence, topic.numRet);
      // Every rank without a judgment (outside the pool or unjudged) adds its weight, in rank order.
      const ranks = topic.entryRanks;
      const rels = topic.entryRels;
      let entry = 0;
      let unjudged = 0;
      let sum = 0;
      for (let rank = 0; rank < topic.numRet; rank++) {
        while (entry < ranks.length && (ranks[entry] as number) < rank) entry++;
        const rel = entry < ranks.length && ranks[entry] === rank ? (rels[entry] as number) : relNonpool;
        if (rel < 0) {
          unjudged++;
          sum += table[rank] as number;
        }
      }
      if (unjudged > 0) out[measure.offset] = (table[topic.numRet] as number) + (1 - persistence) * sum;
    },
  }),
  definition({
    name: 'unj',
    parameters: 'long-cutoffs',
    defaults: [5, 10, 20],
    since10: true,
    calc: (topic, measure, _context, out) => {
      cutoffLoop(
        measure.params,
        topic.numRet,
        (index, cutoff) => {
          out[measure.offset + index] = (cutoff - judgedBelow(topic, cutoff)) / cutoff;
        },
        (index, cutoff) => {
          out[measure.offset + index] = (topic.numRet - judgedBelow(topic, topic.numRet)) / cutoff;
        },
      );
    },
  }),
  definition({
    name: 'judged',
    parameters: 'long-cutoffs',
    defaults: [10],
    hidden: true,
    calc: (topic, measure, _context, out) => {
      measure.params.forEach((cutoff, index) => {
        out[measure.offset + index] = judgedBelow(topic, Math.min(cutoff, topic.numRet)) / cutoff;
      });
    },
  }),
];

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

import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { binaryStringToText, bytesToBinaryString, createLineFields, decodeUtf8, parseCDouble, splitLineFields } from './c-parse.js';
import type { TrecEvalVersion } from './options.js';
import { createQrelsTopic } from './qrels-file.js';
import type { QrelsFile, QrelsTopic } from './qrels-file.js';
import type { RankingSettings } from './ranking.js';
import type { RunBlock } from './run-reader.js';

/** One line of a preference file: in judgment group `jg`, sub-group `jsg`, `docno` has level `relLevel`. */
export interface PreferenceLine {
  readonly jg: string;
  readonly jsg: string;
  readonly docno: string;
  readonly relLevel: number;
}

/** An equivalence class of a judgment group: documents (by docid rank) sharing one relevance level. */
interface EquivalenceClass {
  readonly relLevel: number;
  readonly ranks: number[];
}

/** Preference counts of one judgment group (trec_eval's `JG`). */
export interface JudgmentGroup {
  fulfilledRet: number;
  possibleRet: number;
  fulfilledImp: number;
  possibleImp: number;
  possibleNotoccur: number;
  numRel: number;
  numRelRet: number;
  numNonrel: number;
  numNonrelRet: number;
  /** Equivalence classes (one sub-group) or, with several sub-groups, the preference matrix. */
  readonly classes: readonly EquivalenceClass[];
  readonly matrix: Uint8Array | undefined;
  readonly relArray: Float64Array | undefined;
}

/** Everything the preference measures need for one topic (trec_eval's `RESULTS_PREFS`). */
export interface PreferenceCounts {
  readonly numJudged: number;
  readonly numJudgedRet: number;
  readonly groups: readonly JudgmentGroup[];
  /** counts[i * numJudged + j]: how many judgment groups prefer docid rank i to j. */
  readonly counts: Uint16Array;
}

/**
 * Reads a `-R prefs` file (`qid jg jsg docno rel_level`) or a qrels file read as preferences (`-R qrels_prefs`:
 * `qid jg docno rel_level`, one sub-group "0"), as trec_eval's `get_prefs.c` / `get_qrels_prefs.c`.
 */
export function parsePreferenceFile(bytes: Uint8Array, source: string, version: TrecEvalVersion, format: 'prefs' | 'qrels_prefs'): QrelsFile {
  const reader = format === 'prefs' ? 'get_prefs' : 'get_qrels_prefs';
  const fieldCount = format === 'prefs' ? 5 : 4;
  const failure = (first: string, cause: ParseError): TrecEvalError => new TrecEvalError({ message: cause.message, exitCode: 2, trecEvalMessage: `${first}trec_eval: Quit in file '${source}'\n`, cause });
  if (bytes.length === 0) throw failure(`trec_eval.get_prefs: Cannot read prefs file '${source}'\n`, new ParseError({ source, line: 0, expected: 'preference lines', found: 'an empty file' }));
  const lines: (PreferenceLine & { qid: string })[] = [];
  let position = 0;
  let physicalLine = 1;
  const fields = createLineFields(fieldCount);
  while (position < bytes.length) {
    if (version === '10.0' && bytes[position] === 35) {
      while (position < bytes.length && bytes[position] !== 10) position++;
      position++;
      physicalLine++;
      if (position >= bytes.length) break;
    }
    const lineStart = position;
    const lineEnd = splitLineFields(bytes, position, fields);
    position = lineEnd + 1;
    if (fields.count !== fieldCount) {
      const expected = format === 'prefs' ? '5 whitespace-separated fields (qid jg jsg docno rel_level)' : '4 whitespace-separated fields (qid jg docno rel_level)';
      throw failure(`trec_eval.${reader}: Malformed line ${String(lines.length + 1)}\n`, new ParseError({ source, line: physicalLine, expected, found: `${String(fields.count)} fields: ${quoteFound(decodeUtf8(bytes, lineStart, lineEnd))}` }));
    }
    const text = (index: number): string => bytesToBinaryString(bytes, fields.starts[index] as number, fields.ends[index] as number);
    const last = fieldCount - 1;
    lines.push({ qid: text(0), jg: text(1), jsg: format === 'prefs' ? text(2) : '0', docno: text(fieldCount - 2), relLevel: parseCDouble(bytes, fields.starts[last] as number, fields.ends[last] as number) });
    physicalLine++;
  }
  // Sorted by query then document id; JavaScript's sort is stable, as glibc's merge sort is here.
  lines.sort((left, right) => (left.qid < right.qid ? -1 : left.qid > right.qid ? 1 : left.docno < right.docno ? -1 : left.docno > right.docno ? 1 : 0));
  const topics: QrelsTopic[] = [];
  const byQid = new Map<string, QrelsTopic>();
  let first = 0;
  while (first < lines.length) {
    const qid = (lines[first] as PreferenceLine & { qid: string }).qid;
    let last = first;
    while (last < lines.length && (lines[last] as PreferenceLine & { qid: string }).qid === qid) last++;
    const topic = createQrelsTopic(qid, { docnos: [], rels: [] }, { preferences: lines.slice(first, last) });
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

/** The outcome of forming preference counts: the counts, or the duplicated document that stops trec_eval. */
export type PreferenceOutcome = { readonly counts: PreferenceCounts; readonly duplicateDocno?: undefined } | { readonly counts?: undefined; readonly duplicateDocno: string };

/** trec_eval's `form_prefs_counts.c` for one topic. */
export function formPreferenceCounts(blocks: readonly RunBlock[], preferences: readonly PreferenceLine[], settings: RankingSettings): PreferenceOutcome {
  // Rank the results: score descending, ties by document id ASCENDING (unlike form_res_rels).
  const documents: { docno: string; score: number }[] = [];
  for (const block of blocks) {
    for (let index = 0; index < block.count; index++) {
      documents.push({ docno: bytesToBinaryString(block.docnoBytes, block.docnoStarts[index] as number, block.docnoStarts[index + 1] as number), score: block.scores[index] as number });
    }
  }
  documents.sort((left, right) => (left.score > right.score ? -1 : left.score < right.score ? 1 : left.docno < right.docno ? -1 : left.docno > right.docno ? 1 : 0));
  const kept = documents.slice(0, Math.max(0, Math.min(documents.length, settings.maxRetrievedPerTopic)));
  const byDocno = [...kept].sort((left, right) => (left.docno < right.docno ? -1 : left.docno > right.docno ? 1 : 0));
  for (let index = 1; index < byDocno.length; index++) {
    if ((byDocno[index] as { docno: string }).docno === (byDocno[index - 1] as { docno: string }).docno) return { duplicateDocno: (byDocno[index] as { docno: string }).docno };
  }
  const judgedDocnos = new Set(preferences.map((line) => line.docno));
  // Retrieved judged documents get docid ranks 0.. in rank order; the other judged ones follow in docno order.
  const docidRank = new Map<string, number>();
  for (const document of kept) if (judgedDocnos.has(document.docno)) docidRank.set(document.docno, docidRank.size);
  const numJudgedRet = docidRank.size;
  for (const docno of [...judgedDocnos].sort()) if (!docidRank.has(docno)) docidRank.set(docno, docidRank.size);
  const numJudged = docidRank.size;
  const ranked = preferences.map((line) => ({ ...line, rank: docidRank.get(line.docno) as number }));
  ranked.sort((left, right) => (left.jg < right.jg ? -1 : left.jg > right.jg ? 1 : left.jsg < right.jsg ? -1 : left.jsg > right.jsg ? 1 : left.relLevel > right.relLevel ? -1 : left.relLevel < right.relLevel ? 1 : left.rank - right.rank));
  const counts = new Uint16Array(numJudged * numJudged);
  const groups: JudgmentGroup[] = [];
  let start = 0;
  while (start < ranked.length) {
    const jg = (ranked[start] as PreferenceLine).jg;
    let end = start;
    const subGroups = new Set<string>();
    while (end < ranked.length && (ranked[end] as PreferenceLine).jg === jg) subGroups.add((ranked[end++] as PreferenceLine).jsg);
    const lines = ranked.slice(start, end);
    groups.push(subGroups.size > 1 ? matrixGroup(lines, numJudged, numJudgedRet, counts) : classGroup(lines, numJudged, numJudgedRet, counts));
    start = end;
  }
  return { counts: { numJudged, numJudgedRet, groups, counts } };
}

function emptyGroup(classes: EquivalenceClass[], matrix?: Uint8Array, relArray?: Float64Array): JudgmentGroup {
  return { fulfilledRet: 0, possibleRet: 0, fulfilledImp: 0, possibleImp: 0, possibleNotoccur: 0, numRel: 0, numRelRet: 0, numNonrel: 0, numNonrelRet: 0, classes, matrix, relArray };
}

function classGroup(lines: readonly (PreferenceLine & { rank: number })[], numJudged: number, numJudgedRet: number, counts: Uint16Array): JudgmentGroup {
  const classes: EquivalenceClass[] = [];
  for (const line of lines) {
    const last = classes[classes.length - 1];
    if (last === undefined || last.relLevel !== line.relLevel) classes.push({ relLevel: line.relLevel, ranks: [line.rank] });
    else last.ranks.push(line.rank);
  }
  const group = emptyGroup(classes);
  classes.forEach((first, firstIndex) => {
    // trec_eval counts the leading ranks below numJudgedRet (the ranks of a class are ascending).
    let retrieved = 0;
    while (retrieved < first.ranks.length && (first.ranks[retrieved] as number) < numJudgedRet) retrieved++;
    if (first.relLevel > 0) {
      group.numRelRet += retrieved;
      group.numRel += first.ranks.length;
    } else {
      group.numNonrelRet += retrieved;
      group.numNonrel += first.ranks.length;
    }
    for (let secondIndex = firstIndex + 1; secondIndex < classes.length; secondIndex++) {
      const second = classes[secondIndex] as EquivalenceClass;
      for (const preferred of first.ranks) {
        for (const other of second.ranks) {
          counts[preferred * numJudged + other] = (counts[preferred * numJudged + other] as number) + 1;
          if (preferred < other) {
            if (other < numJudgedRet) group.fulfilledRet++;
            else if (preferred < numJudgedRet) group.fulfilledImp++;
            else group.possibleNotoccur++;
          } else if (preferred < numJudgedRet) group.possibleRet++;
          else if (other < numJudgedRet) group.possibleImp++;
          else group.possibleNotoccur++;
        }
      }
    }
  });
  group.possibleRet += group.fulfilledRet;
  group.possibleImp += group.fulfilledImp;
  return group;
}

function matrixGroup(lines: readonly (PreferenceLine & { rank: number })[], numJudged: number, numJudgedRet: number, counts: Uint16Array): JudgmentGroup {
  const matrix = new Uint8Array(numJudged * numJudged);
  const relArray = new Float64Array(numJudged).fill(-1);
  lines.forEach((line, index) => {
    relArray[line.rank] = line.relLevel;
    let other = index + 1;
    while (other < lines.length && (lines[other] as PreferenceLine).jsg === line.jsg && (lines[other] as PreferenceLine).relLevel === line.relLevel) other++;
    while (other < lines.length && (lines[other] as PreferenceLine).jsg === line.jsg) {
      matrix[line.rank * numJudged + (lines[other] as { rank: number }).rank] = 1;
      other++;
    }
  });
  // Transitive preferences (trec_eval squares the matrix until it stops changing: the transitive closure).
  for (let via = 0; via < numJudged; via++) {
    for (let from = 0; from < numJudged; from++) {
      if (from === via || matrix[from * numJudged + via] === 0) continue;
      for (let to = 0; to < numJudged; to++) if (to !== from && matrix[via * numJudged + to] === 1) matrix[from * numJudged + to] = 1;
    }
  }
  const group = emptyGroup([], matrix, relArray);
  for (let index = 0; index < numJudged; index++) {
    const rel = relArray[index] as number;
    if (rel > 0) {
      group.numRel++;
      if (index < numJudgedRet) group.numRelRet++;
    } else if (rel === 0) {
      group.numNonrel++;
      if (index < numJudgedRet) group.numNonrelRet++;
    }
  }
  for (let i = 0; i < numJudged; i++) {
    for (let j = 0; j < numJudged; j++) {
      if (i === j || matrix[i * numJudged + j] === 0) continue;
      counts[i * numJudged + j] = (counts[i * numJudged + j] as number) + 1;
      if (i < numJudgedRet) {
        if (j < i) group.possibleRet++;
        else if (j < numJudgedRet) group.fulfilledRet++;
        else group.fulfilledImp++;
      } else if (j < numJudgedRet) group.possibleImp++;
      else group.possibleNotoccur++;
    }
  }
  group.possibleRet += group.fulfilledRet;
  group.possibleImp += group.fulfilledImp;
  return group;
}

/** Preferences counted again with only the first R non-relevant documents (`prefs_avgjg_Rnonrel*`). */
export function recalculateWithRNonrel(group: JudgmentGroup, numJudgedRet: number, retrievedOnly: boolean): { fulfilled: number; possible: number } {
  let fulfilled = 0;
  let possible = 0;
  const limit = retrievedOnly ? group.numRelRet : group.numRel;
  if (group.classes.length > 0) {
    const classes = group.classes;
    const lastClass = classes[classes.length - 1] as EquivalenceClass;
    const nonrel = lastClass.ranks.slice(0, limit);
    const take = (ranks: readonly number[]): readonly number[] => {
      if (!retrievedOnly) return ranks;
      const kept: number[] = [];
      for (const rank of ranks) {
        if (rank >= numJudgedRet) break;
        kept.push(rank);
      }
      return kept;
    };
    const pair = (a: number, b: number): void => {
      if (a < b && (retrievedOnly || a < numJudgedRet)) fulfilled++;
      else possible++;
    };
    for (let first = 0; first < classes.length; first++) {
      for (let second = first + 1; second < classes.length - 1; second++) {
        for (const a of take((classes[first] as EquivalenceClass).ranks)) for (const b of take((classes[second] as EquivalenceClass).ranks)) pair(a, b);
      }
    }
    for (const ecl of classes) for (const a of take(ecl.ranks)) for (const b of take(nonrel)) pair(a, b);
    possible += fulfilled;
    return { fulfilled, possible };
  }
  const matrix = group.matrix as Uint8Array;
  const relArray = group.relArray as Float64Array;
  const numJudged = relArray.length;
  let seen = 0;
  let firstDiscarded = 0;
  const scanLimit = retrievedOnly ? numJudgedRet : numJudged;
  for (; firstDiscarded < scanLimit; firstDiscarded++) {
    if (relArray[firstDiscarded] === 0) {
      seen++;
      if (seen === group.numRel + 1) break;
    }
  }
  const skip = (index: number): boolean => index >= firstDiscarded && relArray[index] === 0;
  for (let i = 0; i < numJudgedRet; i++) {
    if (skip(i)) continue;
    for (let j = 0; j < i; j++) if (!skip(j) && matrix[i * numJudged + j] === 1) possible++;
    for (let j = i + 1; j < numJudgedRet; j++) if (!skip(j) && matrix[i * numJudged + j] === 1) fulfilled++;
    if (!retrievedOnly) for (let j = numJudgedRet; j < numJudged; j++) if (!skip(j) && matrix[i * numJudged + j] === 1) fulfilled++;
  }
  if (!retrievedOnly) {
    for (let i = numJudgedRet; i < numJudged; i++) {
      if (skip(i)) continue;
      for (let j = 0; j < numJudged; j++) if (j !== i && !skip(j) && matrix[i * numJudged + j] === 1) possible++;
    }
  }
  possible += fulfilled;
  return { fulfilled, possible };
}

/** The preference ratio averaged over document pairs, over the given pair regions (`prefs_pair*`). */
export function pairAverage(counts: PreferenceCounts, regions: 'ret' | 'imp' | 'all'): number {
  const { numJudged, numJudgedRet } = counts;
  const count = (i: number, j: number): number => counts.counts[i * numJudged + j] as number;
  let sum = 0;
  let pairs = 0;
  const visit = (i: number, j: number, contributes: boolean): void => {
    if (count(i, j) > 0 || count(j, i) > 0) {
      pairs++;
      if (contributes) sum += count(i, j) / (count(i, j) + count(j, i));
    }
  };
  for (let i = 0; i < numJudgedRet; i++) for (let j = i + 1; j < numJudgedRet; j++) visit(i, j, true);
  if (regions !== 'ret') for (let i = 0; i < numJudgedRet; i++) for (let j = numJudgedRet; j < numJudged; j++) visit(i, j, true);
  if (regions === 'all') for (let i = numJudgedRet; i < numJudged; i++) for (let j = i + 1; j < numJudged; j++) visit(i, j, false);
  return pairs > 0 ? sum / pairs : 0;
}

export { binaryStringToText };

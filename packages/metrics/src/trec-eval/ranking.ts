import { glibcMergeSortIndices } from './glibc-sort.js';
import { maximumRelevanceLevel } from './qrels-file.js';
import type { QrelsTopic } from './qrels-file.js';
import type { RunBlock } from './run-reader.js';

/** A document outside the judgment pool (absent from the qrels). */
export const relNonpool = -1;
/** A document in the pool but unjudged (a negative value in the qrels). */
export const relUnjudged = -2;

/**
 * One topic's ranking as every trec_eval measure sees it (`RES_RELS` in `form_res_rels.c`), stored sparsely:
 * a run usually has a few judged documents among a thousand, so only the ranks of documents found in the qrels
 * are listed (the "entries"); every other rank below `numRet` holds a document outside the pool
 * ({@link relNonpool}). With `allEntries`, every rank is listed (a relevance level below 0 makes pool-less
 * documents relevant, `-J` keeps only judged documents, gains can be given to negative levels).
 */
export interface RankedTopic {
  readonly numRet: number;
  /** Judged documents at or above the relevance level, retrieved or not. */
  readonly numRel: number;
  readonly numRelRet: number;
  readonly numNonpool: number;
  readonly numUnjudged: number;
  /** Number of judgments at each value 0, 1, 2, ... (negative values are not counted). */
  readonly relLevels: readonly number[];
  /** Highest value with a judgment, plus one; 0 when the topic has no non-negative judgment. */
  readonly numRelLevels: number;
  /**
   * True when every judgment of the topic is negative. trec_eval then reads judgment-level counts left over from
   * the topic it evaluated before (or fails when there is none); the session reproduces that, `evaluate` does not.
   */
  readonly noJudgmentLevels: boolean;
  /** Ranks (0-based, ascending) of the listed documents. */
  readonly entryRanks: Int32Array;
  /** Relevance of the listed documents: the qrels value (≥ 0), {@link relUnjudged}, or {@link relNonpool}. */
  readonly entryRels: Float64Array;
  /** Ranks (ascending) of the listed documents whose relevance is at least the relevance level. */
  readonly relevantRanks: Int32Array;
  /** Every rank below `numRet` is listed (`entryRanks[i] === i`). */
  readonly allEntries: boolean;
}

export interface RankingSettings {
  readonly relevanceLevel: number;
  readonly maxRetrievedPerTopic: number;
  readonly judgedOnly: boolean;
  /** List every rank, not only judged documents (needed when documents outside the pool can score). */
  readonly allEntries?: boolean;
  /** The caller has checked that no document id repeats in a block (evaluate does): no duplicate search. */
  readonly uniqueDocnos?: boolean;
}

/** Why trec_eval cannot rank a topic: a duplicated document, or judgment levels too large to count. */
export type RankingFailure =
  | { readonly kind: 'duplicate'; readonly docno: string; readonly in: 'run' | 'qrels' }
  | { readonly kind: 'levels'; readonly maxLevel: number };

/** The result of ranking one topic: the ranking, or why trec_eval stops there. */
export type RankingOutcome = { readonly ranked: RankedTopic; readonly failure?: undefined } | { readonly ranked?: undefined; readonly failure: RankingFailure };

// Scratch space shared by every ranking: an open-addressing table of document indices with a stamp per slot,
// so that a new topic starts with an empty table without clearing it.
let tableIndices = new Int32Array(0);
let tableStamps = new Int32Array(0);
let currentStamp = 0;

function prepareTable(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  if (tableIndices.length < size) {
    tableIndices = new Int32Array(size);
    tableStamps = new Int32Array(size);
    currentStamp = 0;
  }
  if (currentStamp === 0x7fffffff) {
    tableStamps.fill(0);
    currentStamp = 0;
  }
  currentStamp++;
  return size - 1;
}

/**
 * Ranks one topic as trec_eval does (`form_res_rels.c`): score descending, ties broken by document id
 * descending (byte order); keeps the first `maxRetrievedPerTopic`; stops on a document id that appears twice
 * among those kept, then on a qrels topic judging one document twice; looks up each judged document; with
 * `judgedOnly`, drops the documents that are not judged. Blocks are the topic's lines in file order (several
 * when not consecutive). With NaN scores the order is the one glibc's `qsort` gives trec_eval.
 */
export function rankTopic(blocks: readonly RunBlock[], qrels: QrelsTopic, settings: RankingSettings): RankingOutcome {
  const block = blocks.length === 1 ? (blocks[0] as RunBlock) : mergeBlocks(blocks);
  const total = block.count;
  const kept = Math.max(0, Math.min(total, settings.maxRetrievedPerTopic));
  // Runs are usually written by descending score; only ties may be out of trec_eval's order. When every
  // document is kept, the rank of the few judged ones is found within their tie, without sorting the rest.
  const scoreOrdered = kept === total && (block.scoresDescending ?? scoresDescending(block));
  const order = scoreOrdered ? undefined : rankOrder(block);

  // Every kept document goes into the table: it finds duplicates, then the judged documents' ranks. When the ids
  // are known unique (evaluate checks them, the WebAssembly parser tells) and every document is kept, the few
  // judged documents are looked up by hash instead.
  const unique = settings.uniqueDocnos === true || block.uniqueDocnos === true;
  const useTable = !unique || !scoreOrdered || qrels.count > 64;
  const mask = useTable ? prepareTable(kept) : 0;
  const duplicate = useTable ? enterDocuments(block, kept, order, mask) : -1;
  if (duplicate >= 0) return { failure: { kind: 'duplicate', docno: docnoText(block, duplicate), in: 'run' } };
  if (qrels.duplicateDocno !== undefined) return { failure: { kind: 'duplicate', docno: qrels.duplicateDocno, in: 'qrels' } };
  if (qrels.maxLevel > maximumRelevanceLevel) return { failure: { kind: 'levels', maxLevel: qrels.maxLevel } };

  // The judged documents among the kept ones, with their ranks.
  let inverse: Int32Array | undefined;
  const judgedCount = qrels.count;
  const foundRanks: number[] = [];
  const foundRels: number[] = [];
  for (let judgment = 0; judgment < judgedCount; judgment++) {
    const index = useTable ? lookUp(block, mask, qrels, judgment) : scanFor(block, qrels, judgment);
    if (index < 0) continue;
    let rank: number;
    if (scoreOrdered) rank = rankWithinTie(block, index);
    else if (order !== undefined) {
      inverse ??= inverseOrder(order, total);
      rank = inverse[index] as number;
    } else rank = index;
    foundRanks.push(rank);
    const value = qrels.rels[judgment] as number;
    foundRels.push(value < 0 ? relUnjudged : value);
  }
  const foundCount = foundRanks.length;
  const byRank = sortByRank(foundRanks);

  const level = settings.relevanceLevel;
  let numRelRet = 0;
  let numUnjudged = 0;
  for (let found = 0; found < foundCount; found++) {
    const rel = foundRels[found] as number;
    if (rel === relUnjudged) numUnjudged++;
    else if (rel >= level) numRelRet++;
  }
  let entryRanks: Int32Array;
  let entryRels: Float64Array;
  let numRet: number;
  let numNonpool: number;
  let allEntries: boolean;
  if (settings.judgedOnly) {
    // -J: only judged documents remain, ranked 1..n again in their order.
    let judged = 0;
    for (let found = 0; found < foundCount; found++) if ((foundRels[found] as number) >= 0) judged++;
    entryRanks = new Int32Array(judged);
    entryRels = new Float64Array(judged);
    let next = 0;
    for (const found of byRank) {
      const rel = foundRels[found] as number;
      if (rel < 0) continue;
      entryRanks[next] = next;
      entryRels[next++] = rel;
    }
    numRet = judged;
    numNonpool = 0;
    numUnjudged = 0;
    allEntries = true;
  } else if (settings.allEntries === true) {
    entryRanks = new Int32Array(kept);
    entryRels = new Float64Array(kept).fill(relNonpool);
    for (let rank = 0; rank < kept; rank++) entryRanks[rank] = rank;
    for (let found = 0; found < foundCount; found++) entryRels[foundRanks[found] as number] = foundRels[found] as number;
    numRet = kept;
    numNonpool = kept - foundCount;
    allEntries = true;
  } else {
    entryRanks = new Int32Array(foundCount);
    entryRels = new Float64Array(foundCount);
    byRank.forEach((found, position) => {
      entryRanks[position] = foundRanks[found] as number;
      entryRels[position] = foundRels[found] as number;
    });
    numRet = kept;
    numNonpool = kept - foundCount;
    allEntries = false;
  }
  let relevantCount = 0;
  for (let entry = 0; entry < entryRels.length; entry++) if ((entryRels[entry] as number) >= level) relevantCount++;
  const relevantRanks = new Int32Array(relevantCount);
  relevantCount = 0;
  for (let entry = 0; entry < entryRels.length; entry++) if ((entryRels[entry] as number) >= level) relevantRanks[relevantCount++] = entryRanks[entry] as number;

  const relLevels = qrels.relLevels;
  let numRel = 0;
  for (let value = Math.max(0, level); value < relLevels.length; value++) numRel += relLevels[value] as number;
  return {
    ranked: {
      numRet,
      numRel,
      numRelRet,
      numNonpool,
      numUnjudged,
      relLevels,
      numRelLevels: qrels.maxLevel + 1,
      noJudgmentLevels: qrels.maxLevel < 0 && qrels.rels.length > 0,
      entryRanks,
      entryRels,
      relevantRanks,
      allEntries,
    },
  };
}

/** The smallest document id (byte order) that occurs twice in a block, as a binary string, or undefined. */
export function duplicateDocno(block: RunBlock): string | undefined {
  const duplicate = enterDocuments(block, block.count, undefined, prepareTable(block.count));
  return duplicate < 0 ? undefined : docnoText(block, duplicate);
}

/**
 * Enters the first `count` documents of a block (taken in `order` when given) into the table that
 * {@link prepareTable} just cleared, each id once, so that {@link lookUp} finds them.
 *
 * @returns the index of the smallest id (byte order) that occurs twice, or -1.
 */
function enterDocuments(block: RunBlock, count: number, order: Int32Array | undefined, mask: number): number {
  const indices = tableIndices;
  const stamps = tableStamps;
  const stamp = currentStamp;
  const hashes = block.hashes;
  let duplicate = -1;
  for (let rank = 0; rank < count; rank++) {
    const index = order === undefined ? rank : (order[rank] as number);
    const hash = hashes[index] as number;
    let slot = hash & mask;
    for (;;) {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        indices[slot] = index;
        break;
      }
      const other = indices[slot] as number;
      if (hashes[other] === hash && compareDocnos(block, other, index) === 0) {
        if (duplicate < 0 || compareDocnos(block, index, duplicate) < 0) duplicate = index;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return duplicate;
}

/** True when no score is NaN and none is above the score before it (ties may be in any document order). */
function scoresDescending(block: RunBlock): boolean {
  const scores = block.scores;
  for (let index = 1; index < block.count; index++) if (!((scores[index - 1] as number) >= (scores[index] as number))) return false;
  return true;
}

/** The rank of document `index` in a block whose scores descend: its tie's first index plus the ties above it. */
function rankWithinTie(block: RunBlock, index: number): number {
  const scores = block.scores;
  const score = scores[index] as number;
  let first = index;
  while (first > 0 && scores[first - 1] === score) first--;
  let rank = first;
  for (let other = first; other < block.count && scores[other] === score; other++) if (other !== index && compareDocnos(block, other, index) > 0) rank++;
  return rank;
}

/** Positions 0..n-1 of `ranks` ordered by rank (ranks are distinct). */
function sortByRank(ranks: readonly number[]): number[] {
  const positions = ranks.map((_rank, position) => position);
  if (positions.length > 1) positions.sort((left, right) => (ranks[left] as number) - (ranks[right] as number));
  return positions;
}

function inverseOrder(order: Int32Array, total: number): Int32Array {
  const inverse = new Int32Array(total);
  for (let rank = 0; rank < order.length; rank++) inverse[order[rank] as number] = rank;
  return inverse;
}

/** The index of the kept document with the id of judgment `judgment`, or -1. */
function lookUp(block: RunBlock, mask: number, qrels: QrelsTopic, judgment: number): number {
  const indices = tableIndices;
  const stamps = tableStamps;
  const stamp = currentStamp;
  const bytes = block.docnoBytes;
  const starts = block.docnoStarts;
  const hash = qrels.hashes[judgment] as number;
  const judged = qrels.docnoBytes;
  const judgedStart = qrels.docnoStarts[judgment] as number;
  const length = (qrels.docnoStarts[judgment + 1] as number) - judgedStart;
  let slot = hash & mask;
  while (stamps[slot] === stamp) {
    const index = indices[slot] as number;
    const start = starts[index] as number;
    if (block.hashes[index] === hash && (starts[index + 1] as number) - start === length) {
      let offset = 0;
      while (offset < length && judged[judgedStart + offset] === bytes[start + offset]) offset++;
      if (offset === length) return index;
    }
    slot = (slot + 1) & mask;
  }
  return -1;
}

/** The index of the document with the id of judgment `judgment`, found by its hash (ids known to be unique), or -1. */
function scanFor(block: RunBlock, qrels: QrelsTopic, judgment: number): number {
  const hash = qrels.hashes[judgment] as number;
  const judged = qrels.docnoBytes;
  const judgedStart = qrels.docnoStarts[judgment] as number;
  const length = (qrels.docnoStarts[judgment + 1] as number) - judgedStart;
  const bytes = block.docnoBytes;
  const starts = block.docnoStarts;
  for (let index = block.hashes.indexOf(hash); index >= 0 && index < block.count; index = block.hashes.indexOf(hash, index + 1)) {
    const start = starts[index] as number;
    if ((starts[index + 1] as number) - start !== length) continue;
    let offset = 0;
    while (offset < length && judged[judgedStart + offset] === bytes[start + offset]) offset++;
    if (offset === length) return index;
  }
  return -1;
}

/** The run trec_eval 10.0 gives a judged topic missing from the run under `-c`: one unjudged document. */
export function bogusBlock(qid: string): RunBlock {
  const bytes = new TextEncoder().encode('ceci_nest_pas_un_docno');
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return { qid, count: 1, docnoBytes: bytes, docnoStarts: Int32Array.of(0, bytes.length), hashes: Int32Array.of(hash), scores: Float64Array.of(1) };
}

function mergeBlocks(blocks: readonly RunBlock[]): RunBlock {
  let count = 0;
  let byteLength = 0;
  for (const block of blocks) {
    count += block.count;
    byteLength += block.docnoBytes.length;
  }
  const docnoBytes = new Uint8Array(byteLength);
  const docnoStarts = new Int32Array(count + 1);
  const hashes = new Int32Array(count);
  const scores = new Float64Array(count);
  let record = 0;
  let byteOffset = 0;
  for (const block of blocks) {
    docnoBytes.set(block.docnoBytes.subarray(0, block.docnoStarts[block.count]), byteOffset);
    for (let index = 0; index < block.count; index++) docnoStarts[record + index + 1] = byteOffset + (block.docnoStarts[index + 1] as number);
    hashes.set(block.hashes.subarray(0, block.count), record);
    scores.set(block.scores.subarray(0, block.count), record);
    record += block.count;
    byteOffset += block.docnoStarts[block.count] as number;
  }
  return { qid: (blocks[0] as RunBlock).qid, count, docnoBytes, docnoStarts, hashes, scores };
}

/**
 * Indices of the block's documents in rank order, or undefined when the block is already in that order (most
 * run files are: checked in one pass). With a NaN score, the order glibc's merge sort gives trec_eval's
 * comparator (which says nothing about NaN and falls through to the document ids), starting from the order
 * trec_eval sorts its lines in: by document id, equal ids in file order.
 */
export function rankOrder(block: RunBlock): Int32Array | undefined {
  const count = block.count;
  const scores = block.scores;
  let sorted = true;
  let nan = false;
  for (let index = 1; index < count; index++) {
    const previous = scores[index - 1] as number;
    const score = scores[index] as number;
    if (previous > score) continue;
    if (previous < score) sorted = false;
    else if (previous === score) {
      if (sorted && compareDocnos(block, index - 1, index) < 0) sorted = false;
    } else nan = true;
  }
  if (nan) {
    const order = new Int32Array(count);
    for (let index = 0; index < count; index++) order[index] = index;
    glibcMergeSortIndices(order, (left, right) => compareDocnos(block, left, right));
    return glibcMergeSortIndices(order, (left, right) => compareScoresThenDocnos(block, left, right));
  }
  if (sorted) return undefined;
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  // Insertion sort costs one step per inversion: nearly free on a run written in rank order whose ties are not
  // in trec_eval's docno order. Past a budget of moves it gives up for a general sort.
  let budget = 4 * count + 64;
  for (let index = 1; index < count; index++) {
    const item = order[index] as number;
    let target = index;
    while (target > 0 && compareScoresThenDocnos(block, order[target - 1] as number, item) > 0) {
      order[target] = order[target - 1] as number;
      target--;
      if (--budget < 0) break;
    }
    order[target] = item;
    if (budget < 0) {
      order.sort((left, right) => compareScoresThenDocnos(block, left, right));
      break;
    }
  }
  return order;
}

/** trec_eval's `comp_sim_docno`: score descending, then document id descending. */
function compareScoresThenDocnos(block: RunBlock, left: number, right: number): number {
  const leftScore = block.scores[left] as number;
  const rightScore = block.scores[right] as number;
  if (leftScore > rightScore) return -1;
  if (leftScore < rightScore) return 1;
  return compareDocnos(block, right, left);
}

function docnoText(block: RunBlock, index: number): string {
  let text = '';
  for (let position = block.docnoStarts[index] as number; position < (block.docnoStarts[index + 1] as number); position++) text += String.fromCharCode(block.docnoBytes[position] as number);
  return text;
}

/** `strcmp` of the document ids of records `left` and `right` of a block: compares unsigned bytes. */
export function compareDocnos(block: RunBlock, left: number, right: number): number {
  const bytes = block.docnoBytes;
  const starts = block.docnoStarts;
  const leftStart = starts[left] as number;
  const rightStart = starts[right] as number;
  const leftLength = (starts[left + 1] as number) - leftStart;
  const rightLength = (starts[right + 1] as number) - rightStart;
  const common = leftLength < rightLength ? leftLength : rightLength;
  for (let offset = 0; offset < common; offset++) {
    const difference = (bytes[leftStart + offset] as number) - (bytes[rightStart + offset] as number);
    if (difference !== 0) return difference;
  }
  return leftLength - rightLength;
}


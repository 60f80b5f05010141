import { findJudgment } from './qrels-file.js';
import type { QrelsTopic } from './qrels-file.js';
import type { RunBlock } from './run-reader.js';

/** A document outside the judgment pool (absent from the qrels). */
export const relNonpool = -1;
/** A document in the pool but unjudged (a negative value in the qrels). */
export const relUnjudged = -2;

/**
 * One topic's ranking as every trec_eval measure sees it (`RES_RELS` in `form_res_rels.c`): the relevance
 * value of each retrieved document in rank order, and counts over the judgments.
 */
export interface RankedTopic {
  /** Relevance of the document at each rank: the qrels value (≥ 0), {@link relNonpool} or {@link relUnjudged}. */
  readonly rels: Float64Array;
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
}

export interface RankingSettings {
  readonly relevanceLevel: number;
  readonly maxRetrievedPerTopic: number;
  readonly judgedOnly: boolean;
}

/** The result of ranking one topic: the ranking, or the duplicated document id that stops trec_eval. */
export type RankingOutcome =
  | { readonly ranked: RankedTopic; readonly duplicateDocno?: undefined }
  | { readonly ranked?: undefined; readonly duplicateDocno: string; readonly duplicateIn: 'run' | 'qrels' };

/**
 * Ranks one topic as trec_eval does: score descending, ties broken by document id descending (byte order);
 * keeps the first `maxRetrievedPerTopic`; rejects a document id that appears twice among those kept (and a
 * qrels topic judging one document twice); looks up each document's relevance; with `judgedOnly`, drops
 * documents that are not judged. Blocks are the topic's lines in file order (several when not consecutive).
 */
export function rankTopic(blocks: readonly RunBlock[], qrels: QrelsTopic, settings: RankingSettings): RankingOutcome {
  const block = blocks.length === 1 ? (blocks[0] as RunBlock) : mergeBlocks(blocks);
  const total = block.count;
  const order = sortedOrder(block);
  const kept = Math.max(0, Math.min(total, settings.maxRetrievedPerTopic));
  const duplicate = findDuplicate(block, order, kept);
  if (duplicate !== undefined) return { duplicateDocno: duplicate, duplicateIn: 'run' };
  if (qrels.duplicateDocno !== undefined) return { duplicateDocno: qrels.duplicateDocno, duplicateIn: 'qrels' };

  const relLevels: number[] = [];
  let maxLevel = -1;
  for (const rel of qrels.rels) {
    if (rel >= 0) {
      while (relLevels.length <= rel) relLevels.push(0);
      relLevels[rel] = (relLevels[rel] as number) + 1;
      if (rel > maxLevel) maxLevel = rel;
    }
  }
  const level = settings.relevanceLevel;
  let numRel = 0;
  for (let value = Math.max(0, level); value < relLevels.length; value++) numRel += relLevels[value] as number;

  const rels = new Float64Array(kept);
  let numRet = 0;
  let numRelRet = 0;
  let numNonpool = 0;
  let numUnjudged = 0;
  for (let rank = 0; rank < kept; rank++) {
    const index = order[rank] as number;
    const judgment = findJudgment(qrels, block, index);
    let rel: number;
    if (judgment < 0) rel = relNonpool;
    else {
      const value = qrels.rels[judgment] as number;
      rel = value < 0 ? relUnjudged : value;
    }
    if (settings.judgedOnly) {
      if (rel < 0) continue;
    } else if (rel === relNonpool) numNonpool++;
    else if (rel === relUnjudged) numUnjudged++;
    if (rel >= 0 && rel >= level) numRelRet++;
    rels[numRet++] = rel;
  }
  return {
    ranked: {
      rels: numRet === kept ? rels : rels.slice(0, numRet),
      numRet,
      numRel,
      numRelRet,
      numNonpool,
      numUnjudged,
      relLevels,
      numRelLevels: maxLevel + 1,
      noJudgmentLevels: maxLevel < 0 && qrels.rels.length > 0,
    },
  };
}

/** The run trec_eval 10.0 gives a judged topic missing from the run under `-c`: one unjudged document. */
export function bogusBlock(qid: string): RunBlock {
  const bytes = new TextEncoder().encode('ceci_nest_pas_un_docno');
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return { qid, count: 1, docnoBytes: bytes, docnoStarts: Int32Array.of(0, bytes.length), hashes: Int32Array.of(hash), scores: Float64Array.of(1) };
}

/** The ranking of {@link bogusBlock}. */
export function bogusRanking(qrels: QrelsTopic, settings: RankingSettings): RankedTopic {
  const outcome = rankTopic([bogusBlock(qrels.qid)], qrels, settings);
  if (outcome.ranked === undefined) throw new Error(`duplicate judgments for topic ${qrels.qid}`);
  return outcome.ranked;
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
    docnoBytes.set(block.docnoBytes, byteOffset);
    for (let index = 0; index < block.count; index++) docnoStarts[record + index + 1] = byteOffset + (block.docnoStarts[index + 1] as number);
    hashes.set(block.hashes, record);
    scores.set(block.scores, record);
    record += block.count;
    byteOffset += block.docnoBytes.length;
  }
  return { qid: (blocks[0] as RunBlock).qid, count, docnoBytes, docnoStarts, hashes, scores };
}

/** Indices of the block's documents in rank order. Most run files are already in that order: checked in O(n). */
function sortedOrder(block: RunBlock): Int32Array {
  const count = block.count;
  const scores = block.scores;
  const before = (left: number, right: number): number => {
    const leftScore = scores[left] as number;
    const rightScore = scores[right] as number;
    if (leftScore > rightScore) return -1;
    if (leftScore < rightScore) return 1;
    return compareDocnos(block, right, left);
  };
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  // Insertion sort costs one step per inversion: nearly free on a run written in rank order whose ties are not
  // in trec_eval's docno order. Past a budget of moves it gives up for a general sort.
  let budget = 4 * count + 64;
  for (let index = 1; index < count; index++) {
    const item = order[index] as number;
    let target = index;
    while (target > 0 && before(order[target - 1] as number, item) > 0) {
      order[target] = order[target - 1] as number;
      target--;
      if (--budget < 0) break;
    }
    order[target] = item;
    if (budget < 0) {
      order.sort(before);
      break;
    }
  }
  return order;
}

/** The smallest document id (byte order) that occurs twice among the first `kept` ranked documents. */
function findDuplicate(block: RunBlock, order: Int32Array, kept: number): string | undefined {
  let size = 16;
  while (size < kept * 2) size *= 2;
  const table = new Int32Array(size);
  const mask = size - 1;
  const bytes = block.docnoBytes;
  const starts = block.docnoStarts;
  let smallest = -1;
  for (let rank = 0; rank < kept; rank++) {
    const index = order[rank] as number;
    let slot = (block.hashes[index] as number) & mask;
    for (;;) {
      const entry = table[slot] as number;
      if (entry === 0) {
        table[slot] = index + 1;
        break;
      }
      const other = entry - 1;
      if (block.hashes[other] === block.hashes[index] && compareDocnos(block, other, index) === 0) {
        if (smallest < 0 || compareDocnos(block, index, smallest) < 0) smallest = index;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  if (smallest < 0) return undefined;
  let text = '';
  for (let position = starts[smallest] as number; position < (starts[smallest + 1] as number); position++) text += String.fromCharCode(bytes[position] as number);
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

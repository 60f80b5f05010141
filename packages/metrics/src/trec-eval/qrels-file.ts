import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { binaryStringToText, bytesToBinaryString, decodeUtf8, hashBinaryString, isSpaceByte, parseCLong } from './c-parse.js';
import type { TrecEvalVersion } from './options.js';
import type { PreferenceLine } from './prefs.js';

/** One topic of a qrels file, as trec_eval holds it: judgments sorted by document id (byte order). */
export interface QrelsTopic {
  /** Query id as a binary string (one character per byte): JavaScript compares these like `strcmp`. */
  readonly qid: string;
  /** Judged document ids (binary strings), sorted. */
  readonly docnos: readonly string[];
  /** `atol` of the relevance column, parallel to `docnos`. */
  readonly rels: readonly number[];
  /** The smallest document id judged twice for this topic, if any: trec_eval stops on it (exit 4). */
  readonly duplicateDocno: string | undefined;
  /** Judgments with a relevance above 0 (trec_eval's `-c` summary of num_rel counts these). */
  readonly positiveCount: number;
  /** FNV-1a hash of each document id ({@link hashBinaryString}, as signed 32-bit), parallel to `docnos`. */
  readonly hashes: Int32Array;
  /** Number of judgments at each value 0, 1, 2, ... (negative values are not counted); length `maxLevel + 1`. */
  readonly relLevels: readonly number[];
  /** The highest non-negative judgment, -1 when there is none. */
  readonly maxLevel: number;
  /** With `-R qrels_jg`: one set of judgments per judgment group (user), sorted by group id. */
  readonly groups?: readonly QrelsTopic[];
  /** With `-R prefs` or `-R qrels_prefs`: the topic's preference lines, sorted by document id. */
  readonly preferences?: readonly PreferenceLine[];
}

/** A qrels file: topics sorted by query id. */
export interface QrelsFile {
  readonly topics: readonly QrelsTopic[];
  readonly byQid: ReadonlyMap<string, QrelsTopic>;
}

interface QrelsLine {
  readonly qid: string;
  /** The second column: `iter` (ignored) in qrels, the judgment group in qrels_jg. */
  readonly group: string;
  readonly docno: string;
  readonly rel: number;
}

/**
 * Reads a qrels file exactly as trec_eval does (`get_qrels.c`): exactly four whitespace-separated fields
 * `qid iter docno rel`, `rel` read with `atol`, blank lines rejected; in 10.0 a line starting with `#` (column 0)
 * is a comment. Throws a {@link TrecEvalError} carrying trec_eval's own message and exit code 2.
 */
export function parseQrelsFile(bytes: Uint8Array, source: string, version: TrecEvalVersion): QrelsFile {
  return groupQrels(readQrelsLines(bytes, source, version, 'get_qrels'));
}

/**
 * Reads a `-R qrels_jg` file (`qid group docno rel`): judgments of several judgment groups (users) per topic,
 * as trec_eval's `get_qrels_jg.c`. A document judged twice within a group stops trec_eval (exit 2).
 */
export function parseQrelsJgFile(bytes: Uint8Array, source: string, version: TrecEvalVersion): QrelsFile {
  const lines = readQrelsLines(bytes, source, version, 'get_qrels_jg');
  lines.sort((left, right) => compare(left.qid, right.qid) || compare(left.group, right.group) || compare(left.docno, right.docno));
  for (let index = 1; index < lines.length; index++) {
    const previous = lines[index - 1] as QrelsLine;
    const line = lines[index] as QrelsLine;
    if (previous.qid === line.qid && previous.group === line.group && previous.docno === line.docno) {
      const cause = new ParseError({ source, line: 0, expected: 'each document judged once per topic and judgment group', found: `document "${binaryStringToText(line.docno)}" twice for topic "${binaryStringToText(line.qid)}", group "${binaryStringToText(line.group)}"` });
      throw readFailure(source, `trec_eval.get_qrels: duplicate docs ${binaryStringToText(line.docno)}\n`, cause);
    }
  }
  const topics: QrelsTopic[] = [];
  const byQid = new Map<string, QrelsTopic>();
  let first = 0;
  while (first < lines.length) {
    const qid = (lines[first] as QrelsLine).qid;
    let last = first;
    while (last < lines.length && (lines[last] as QrelsLine).qid === qid) last++;
    const groups: QrelsTopic[] = [];
    let groupFirst = first;
    while (groupFirst < last) {
      const group = (lines[groupFirst] as QrelsLine).group;
      let groupLast = groupFirst;
      while (groupLast < last && (lines[groupLast] as QrelsLine).group === group) groupLast++;
      groups.push(topicOf(qid, lines.slice(groupFirst, groupLast)));
      groupFirst = groupLast;
    }
    const whole = topicOf(qid, lines.slice(first, last));
    const topic = createQrelsTopic(qid, whole.docnos, whole.rels, whole.duplicateDocno, { groups });
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function readQrelsLines(bytes: Uint8Array, source: string, version: TrecEvalVersion, reader: string): QrelsLine[] {
  if (bytes.length === 0) {
    throw readFailure(source, `trec_eval.${reader}: Cannot read qrels file '${source}'\n`, new ParseError({ source, line: 0, expected: 'qrels lines "qid iter docno rel"', found: 'an empty file' }));
  }
  const lines: QrelsLine[] = [];
  const end = bytes.length;
  let position = 0;
  let physicalLine = 1;
  const starts = [0, 0, 0, 0, 0];
  const ends = [0, 0, 0, 0, 0];
  while (position < end) {
    if (version === '10.0' && bytes[position] === 35) {
      // trec_eval 10.0 skips one comment line starting in column 0, then reads a data line unconditionally.
      while (position < end && bytes[position] !== 10) position++;
      position++;
      physicalLine++;
      if (position >= end) {
        throw malformed({ reader, source, contentLine: lines.length + 1, physicalLine: physicalLine - 1, expected: 'a qrels line after the comment', found: 'the end of the file' });
      }
    }
    let fieldCount = 0;
    const lineStart = position;
    while (true) {
      while (position < end && bytes[position] !== 10 && isSpaceByte(bytes[position] as number)) position++;
      if (position >= end || bytes[position] === 10) break;
      const fieldStart = position;
      while (position < end && !isSpaceByte(bytes[position] as number)) position++;
      if (fieldCount < 5) {
        starts[fieldCount] = fieldStart;
        ends[fieldCount] = position;
      }
      fieldCount++;
    }
    const lineEnd = position;
    position++;
    if (fieldCount !== 4) {
      const text = decodeUtf8(bytes, lineStart, lineEnd);
      throw malformed({
        reader,
        source,
        contentLine: lines.length + 1,
        physicalLine,
        expected: '4 whitespace-separated fields (qid iter docno rel)',
        found: fieldCount === 0 ? 'a blank line' : `${String(fieldCount)} field${fieldCount === 1 ? '' : 's'}: ${quoteFound(text)}`,
      });
    }
    lines.push({
      qid: bytesToBinaryString(bytes, starts[0] as number, ends[0] as number),
      group: bytesToBinaryString(bytes, starts[1] as number, ends[1] as number),
      docno: bytesToBinaryString(bytes, starts[2] as number, ends[2] as number),
      rel: parseCLong(bytes, starts[3] as number, ends[3] as number),
    });
    physicalLine++;
  }
  return lines;
}

function groupQrels(lines: QrelsLine[]): QrelsFile {
  lines.sort((left, right) => compare(left.qid, right.qid) || compare(left.docno, right.docno));
  const topics: QrelsTopic[] = [];
  const byQid = new Map<string, QrelsTopic>();
  let first = 0;
  while (first < lines.length) {
    const qid = (lines[first] as QrelsLine).qid;
    let last = first;
    while (last < lines.length && (lines[last] as QrelsLine).qid === qid) last++;
    const topic = topicOf(qid, lines.slice(first, last));
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

/** One topic's judgments, from lines sorted by document id. */
function topicOf(qid: string, lines: readonly QrelsLine[]): QrelsTopic {
  const docnos: string[] = [];
  const rels: number[] = [];
  let duplicateDocno: string | undefined;
  for (const line of lines) {
    if (duplicateDocno === undefined && docnos.length > 0 && docnos[docnos.length - 1] === line.docno) duplicateDocno = line.docno;
    docnos.push(line.docno);
    rels.push(line.rel);
  }
  return createQrelsTopic(qid, docnos, rels, duplicateDocno);
}

/**
 * A qrels topic from its judgments sorted by document id (byte order): hashes, level counts and the count of
 * positive judgments are derived here, once per topic.
 */
export function createQrelsTopic(qid: string, docnos: readonly string[], rels: readonly number[], duplicateDocno: string | undefined, extra: Pick<QrelsTopic, 'groups' | 'preferences'> = {}): QrelsTopic {
  const hashes = new Int32Array(docnos.length);
  let positiveCount = 0;
  let maxLevel = -1;
  docnos.forEach((docno, index) => {
    hashes[index] = hashBinaryString(docno) | 0;
    const rel = rels[index] as number;
    if (rel > 0) positiveCount++;
    if (rel > maxLevel) maxLevel = rel;
  });
  // trec_eval allocates one counter per level up to the highest judgment; a grade in the billions would not fit.
  const relLevels: number[] = maxLevel > maximumRelevanceLevel ? [] : new Array<number>(maxLevel + 1).fill(0);
  if (maxLevel <= maximumRelevanceLevel) for (const rel of rels) if (rel >= 0) relLevels[rel] = (relLevels[rel] as number) + 1;
  return { qid, docnos, rels, duplicateDocno, positiveCount, hashes, relLevels, maxLevel, ...extra };
}

/** The highest relevance value the engine accepts (trec_eval allocates a counter for every level below it). */
export const maximumRelevanceLevel = 1 << 24;

function malformed(where: { reader: string; source: string; contentLine: number; physicalLine: number; expected: string; found: string }): TrecEvalError {
  return readFailure(where.source, `trec_eval.${where.reader}: Malformed line ${String(where.contentLine)}\n`, new ParseError({ source: where.source, line: where.physicalLine, expected: where.expected, found: where.found }));
}

function readFailure(source: string, firstLine: string, cause: ParseError): TrecEvalError {
  return new TrecEvalError({ message: cause.message, exitCode: 2, trecEvalMessage: `${firstLine}trec_eval: Quit in file '${source}'\n`, cause });
}

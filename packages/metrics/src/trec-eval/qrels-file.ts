import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { binaryStringToText, bytesToBinaryString, createLineFields, decodeUtf8, parseCLong, splitLineFields } from './c-parse.js';
import type { LineFields } from './c-parse.js';
import type { TrecEvalVersion } from './options.js';
import type { PreferenceLine } from './prefs.js';

/** One topic of a qrels file, as trec_eval holds it: judgments sorted by document id (byte order). */
export interface QrelsTopic {
  /** Query id as a binary string (one character per byte): JavaScript compares these like `strcmp`. */
  readonly qid: string;
  /** Number of judgments. */
  readonly count: number;
  /** Judged document ids as bytes, sorted: judgment `i` is `docnoBytes[docnoStarts[i], docnoStarts[i + 1])`. */
  readonly docnoBytes: Uint8Array;
  readonly docnoStarts: Int32Array;
  /** `atol` of the relevance column, one per judgment. */
  readonly rels: ArrayLike<number>;
  /** The smallest document id judged twice for this topic, if any: trec_eval stops on it (exit 4). */
  readonly duplicateDocno: string | undefined;
  /** Judgments with a relevance above 0 (trec_eval's `-c` summary of num_rel counts these). */
  readonly positiveCount: number;
  /** FNV-1a hash of each document id (as signed 32-bit), one per judgment. */
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
  if (bytes.length === 0) {
    throw readFailure(source, `trec_eval.get_qrels: Cannot read qrels file '${source}'\n`, new ParseError({ source, line: 0, expected: 'qrels lines "qid iter docno rel"', found: 'an empty file' }));
  }
  // 10.0 reads a line starting with # as a comment: only the byte parser knows.
  const comments = version === '10.0' && (bytes[0] === 35 || hasCommentLine(bytes));
  return (comments ? undefined : parseWellFormedQrels(bytes)) ?? parseQrelsColumns(bytes, source, version);
}

function hasCommentLine(bytes: Uint8Array): boolean {
  for (let newline = bytes.indexOf(10); newline >= 0; newline = bytes.indexOf(10, newline + 1)) if (bytes[newline + 1] === 35) return true;
  return false;
}

// A line of exactly four fields (C's isspace separators), matched by the regular-expression engine: quicker
// than a byte loop when the code runs once, cold, as it does for every qrels file.
const qrelsLinePattern = /[ \t\v\f\r]*([^ \t\n\v\f\r]+)[ \t\v\f\r]+[^ \t\n\v\f\r]+[ \t\v\f\r]+([^ \t\n\v\f\r]+)[ \t\v\f\r]+([^ \t\n\v\f\r]+)[ \t\v\f\r]*\n/y;

/**
 * The qrels of a file whose every line has exactly four fields (no comment, no blank line), or undefined: the
 * byte parser then reads it and words the error.
 */
function parseWellFormedQrels(bytes: Uint8Array): QrelsFile | undefined {
  let text = bytesToBinaryString(bytes, 0, bytes.length);
  if (text.charCodeAt(text.length - 1) !== 10) text += '\n';
  const qids: string[] = [];
  const docnos: string[] = [];
  const rels: number[] = [];
  const pattern = qrelsLinePattern;
  let position = 0;
  while (position < text.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    qids.push(match[1] as string);
    docnos.push(match[2] as string);
    rels.push(atolText(match[3] as string));
    position = pattern.lastIndex;
  }
  const count = qids.length;
  const before = (left: number, right: number): number => {
    const leftQid = qids[left] as string;
    const rightQid = qids[right] as string;
    if (leftQid !== rightQid) return leftQid < rightQid ? -1 : 1;
    const leftDocno = docnos[left] as string;
    const rightDocno = docnos[right] as string;
    return leftDocno < rightDocno ? -1 : leftDocno > rightDocno ? 1 : 0;
  };
  // Usually sorted already; otherwise a stable sort (glibc's merge sort is stable, and strcmp a total order).
  const order = new Int32Array(count);
  for (let line = 0; line < count; line++) order[line] = line;
  let sorted = true;
  for (let line = 1; line < count && sorted; line++) if (before(line - 1, line) > 0) sorted = false;
  if (!sorted) order.sort((left, right) => before(left, right) || left - right);
  // All document ids in sorted order in one buffer; each topic views its part.
  let byteCount = 0;
  for (let line = 0; line < count; line++) byteCount += (docnos[line] as string).length;
  const allBytes = new Uint8Array(byteCount);
  const allStarts = new Int32Array(count + 1);
  const allHashes = new Int32Array(count);
  const allRels = new Float64Array(count);
  let written = 0;
  for (let position = 0; position < count; position++) {
    const line = order[position] as number;
    const docno = docnos[line] as string;
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < docno.length; offset++) {
      const byte = docno.charCodeAt(offset);
      allBytes[written++] = byte;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    allStarts[position + 1] = written;
    allHashes[position] = hash;
    allRels[position] = rels[line] as number;
  }
  const topics: QrelsTopic[] = [];
  const byQid = new Map<string, QrelsTopic>();
  let first = 0;
  while (first < count) {
    const qid = qids[order[first] as number] as string;
    let last = first + 1;
    while (last < count && qids[order[last] as number] === qid) last++;
    let duplicateDocno: string | undefined;
    for (let position = first + 1; position < last && duplicateDocno === undefined; position++) {
      if (docnos[order[position] as number] === docnos[order[position - 1] as number]) duplicateDocno = docnos[order[position] as number];
    }
    const topic = topicFromColumns(qid, { docnoBytes: allBytes, docnoStarts: allStarts.subarray(first, last + 1), hashes: allHashes.subarray(first, last), rels: allRels.subarray(first, last) }, duplicateDocno);
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

/** C `atol` of a field (no leading white space): sign, then digits up to the first other character. Saturates. */
function atolText(text: string): number {
  let position = 0;
  let negative = false;
  const sign = text.charCodeAt(0);
  if (sign === 45 || sign === 43) {
    negative = sign === 45;
    position = 1;
  }
  let value = 0;
  for (; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code < 48 || code > 57) break;
    value = value * 10 + (code - 48);
  }
  if (value > 2 ** 63 - 1) value = 2 ** 63 - 1;
  return negative ? -value : value;
}

/** The byte parser of {@link parseQrelsFile}: any file, trec_eval's errors. */
function parseQrelsColumns(bytes: Uint8Array, source: string, version: TrecEvalVersion): QrelsFile {
  // Columnar: field offsets in typed arrays, one string per topic, the document ids left as bytes.
  let capacity = 1024;
  let qidStarts = new Int32Array(capacity);
  let qidEnds = new Int32Array(capacity);
  let docnoStarts = new Int32Array(capacity);
  let docnoEnds = new Int32Array(capacity);
  let rels = new Float64Array(capacity);
  let count = 0;
  forEachQrelsLine({ bytes, source, version, reader: 'get_qrels' }, ({ starts, ends }) => {
    if (count === capacity) {
      capacity *= 2;
      qidStarts = grow(qidStarts, capacity);
      qidEnds = grow(qidEnds, capacity);
      docnoStarts = grow(docnoStarts, capacity);
      docnoEnds = grow(docnoEnds, capacity);
      const larger = new Float64Array(capacity);
      larger.set(rels);
      rels = larger;
    }
    qidStarts[count] = starts[0] as number;
    qidEnds[count] = ends[0] as number;
    docnoStarts[count] = starts[2] as number;
    docnoEnds[count] = ends[2] as number;
    rels[count] = parseCLong(bytes, starts[3] as number, ends[3] as number);
    count++;
  });
  const compareRanges = byteRangeComparator(bytes);
  const compareLines = (left: number, right: number): number =>
    compareRanges(qidStarts[left] as number, qidEnds[left] as number, qidStarts[right] as number, qidEnds[right] as number) ||
    compareRanges(docnoStarts[left] as number, docnoEnds[left] as number, docnoStarts[right] as number, docnoEnds[right] as number);
  // Usually sorted already; otherwise a stable sort (glibc's merge sort is stable, and strcmp a total order).
  const order = new Int32Array(count);
  for (let line = 0; line < count; line++) order[line] = line;
  let sorted = true;
  for (let line = 1; line < count && sorted; line++) if (compareLines(line - 1, line) > 0) sorted = false;
  if (!sorted) order.sort((left, right) => compareLines(left, right) || left - right);

  // All document ids in sorted order in one buffer; each topic views its part.
  let byteCount = 0;
  for (let line = 0; line < count; line++) byteCount += (docnoEnds[line] as number) - (docnoStarts[line] as number);
  const allBytes = new Uint8Array(byteCount);
  const allStarts = new Int32Array(count + 1);
  const allHashes = new Int32Array(count);
  const allRels = new Float64Array(count);
  let written = 0;
  for (let position = 0; position < count; position++) {
    const line = order[position] as number;
    let hash = 0x811c9dc5;
    for (let offset = docnoStarts[line] as number; offset < (docnoEnds[line] as number); offset++) {
      const byte = bytes[offset] as number;
      allBytes[written++] = byte;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    allStarts[position + 1] = written;
    allHashes[position] = hash;
    allRels[position] = rels[line] as number;
  }
  const compareAll = byteRangeComparator(allBytes);
  const topics: QrelsTopic[] = [];
  const byQid = new Map<string, QrelsTopic>();
  let first = 0;
  while (first < count) {
    const firstLine = order[first] as number;
    let last = first + 1;
    while (last < count && compareRanges(qidStarts[firstLine] as number, qidEnds[firstLine] as number, qidStarts[order[last] as number] as number, qidEnds[order[last] as number] as number) === 0) last++;
    const qid = bytesToBinaryString(bytes, qidStarts[firstLine] as number, qidEnds[firstLine] as number);
    let duplicateDocno: string | undefined;
    for (let position = first + 1; position < last && duplicateDocno === undefined; position++) {
      if (compareAll(allStarts[position - 1] as number, allStarts[position] as number, allStarts[position] as number, allStarts[position + 1] as number) === 0) {
        duplicateDocno = bytesToBinaryString(allBytes, allStarts[position] as number, allStarts[position + 1] as number);
      }
    }
    const topic = topicFromColumns(qid, { docnoBytes: allBytes, docnoStarts: allStarts.subarray(first, last + 1), hashes: allHashes.subarray(first, last), rels: allRels.subarray(first, last) }, duplicateDocno);
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

/** `strcmp` of two byte ranges of `bytes`. */
function byteRangeComparator(bytes: Uint8Array): (leftStart: number, leftEnd: number, rightStart: number, rightEnd: number) => number {
  return (leftStart, leftEnd, rightStart, rightEnd) => {
    const common = Math.min(leftEnd - leftStart, rightEnd - rightStart);
    for (let offset = 0; offset < common; offset++) {
      const difference = (bytes[leftStart + offset] as number) - (bytes[rightStart + offset] as number);
      if (difference !== 0) return difference;
    }
    return leftEnd - leftStart - (rightEnd - rightStart);
  };
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(capacity);
  larger.set(array);
  return larger;
}

/**
 * Reads a `-R qrels_jg` file (`qid group docno rel`): judgments of several judgment groups (users) per topic,
 * as trec_eval's `get_qrels_jg.c`. A document judged twice within a group stops trec_eval (exit 2).
 */
export function parseQrelsJgFile(bytes: Uint8Array, source: string, version: TrecEvalVersion): QrelsFile {
  const lines = readQrelsJgLines(bytes, source, version);
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
    const topic = topicOf(qid, lines.slice(first, last), { groups });
    topics.push(topic);
    byQid.set(qid, topic);
    first = last;
  }
  return { topics, byQid };
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A binary string of a short byte range (a field), without the call overhead of `fromCharCode.apply`. */
function shortBinaryString(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 64) return bytesToBinaryString(bytes, start, end);
  let text = '';
  for (let position = start; position < end; position++) text += String.fromCharCode(bytes[position] as number);
  return text;
}

/** The lines of a qrels_jg file, in file order; the second column is the judgment group. */
function readQrelsJgLines(bytes: Uint8Array, source: string, version: TrecEvalVersion): QrelsLine[] {
  const reader = 'get_qrels_jg';
  if (bytes.length === 0) {
    throw readFailure(source, `trec_eval.${reader}: Cannot read qrels file '${source}'\n`, new ParseError({ source, line: 0, expected: 'qrels lines "qid iter docno rel"', found: 'an empty file' }));
  }
  const lines: QrelsLine[] = [];
  forEachQrelsLine({ bytes, source, version, reader }, ({ starts, ends }) => {
    lines.push({
      qid: shortBinaryString(bytes, starts[0] as number, ends[0] as number),
      group: shortBinaryString(bytes, starts[1] as number, ends[1] as number),
      docno: shortBinaryString(bytes, starts[2] as number, ends[2] as number),
      rel: parseCLong(bytes, starts[3] as number, ends[3] as number),
    });
  });
  return lines;
}

/**
 * Reads the lines of a qrels-shaped file (`qid iter docno rel`) as trec_eval's `get_qrels*.c` do: in 10.0 a line
 * starting with `#` is a comment and the line after it is read unconditionally; a line without exactly four
 * fields stops trec_eval with `reader`'s "Malformed line" message. `visit` gets each line's fields.
 */
function forEachQrelsLine(file: { bytes: Uint8Array; source: string; version: TrecEvalVersion; reader: string }, visit: (fields: LineFields) => void): void {
  const { bytes, source, version, reader } = file;
  const end = bytes.length;
  let position = 0;
  let physicalLine = 1;
  let contentLines = 0;
  const fields = createLineFields(4);
  while (position < end) {
    if (version === '10.0' && bytes[position] === 35) {
      // trec_eval 10.0 skips one comment line starting in column 0, then reads a data line unconditionally.
      while (position < end && bytes[position] !== 10) position++;
      position++;
      physicalLine++;
      if (position >= end) {
        throw malformed({ reader, source, contentLine: contentLines + 1, physicalLine: physicalLine - 1, expected: 'a qrels line after the comment', found: 'the end of the file' });
      }
    }
    const lineStart = position;
    const lineEnd = splitLineFields(bytes, position, fields);
    position = lineEnd + 1;
    const fieldCount = fields.count;
    if (fieldCount !== 4) {
      throw malformed({
        reader,
        source,
        contentLine: contentLines + 1,
        physicalLine,
        expected: '4 whitespace-separated fields (qid iter docno rel)',
        found: fieldCount === 0 ? 'a blank line' : `${String(fieldCount)} field${fieldCount === 1 ? '' : 's'}: ${quoteFound(decodeUtf8(bytes, lineStart, lineEnd))}`,
      });
    }
    visit(fields);
    contentLines++;
    physicalLine++;
  }
}

/** One topic's judgments, from lines sorted by document id. */
function topicOf(qid: string, lines: readonly QrelsLine[], extra: Pick<QrelsTopic, 'groups'> = {}): QrelsTopic {
  const docnos: string[] = [];
  const rels: number[] = [];
  let duplicateDocno: string | undefined;
  for (const line of lines) {
    if (duplicateDocno === undefined && docnos.length > 0 && docnos[docnos.length - 1] === line.docno) duplicateDocno = line.docno;
    docnos.push(line.docno);
    rels.push(line.rel);
  }
  return createQrelsTopic(qid, { docnos, rels, duplicateDocno }, extra);
}

/**
 * A qrels topic from its judgments sorted by document id (byte order), the ids given as binary strings (one
 * character per byte).
 */
export function createQrelsTopic(qid: string, judgments: { readonly docnos: readonly string[]; readonly rels: readonly number[]; readonly duplicateDocno?: string | undefined }, extra: Pick<QrelsTopic, 'groups' | 'preferences'> = {}): QrelsTopic {
  const { docnos, rels, duplicateDocno } = judgments;
  let length = 0;
  for (const docno of docnos) length += docno.length;
  const docnoBytes = new Uint8Array(length);
  const docnoStarts = new Int32Array(docnos.length + 1);
  const hashes = new Int32Array(docnos.length);
  let written = 0;
  docnos.forEach((docno, index) => {
    let hash = 0x811c9dc5;
    for (let offset = 0; offset < docno.length; offset++) {
      const byte = docno.charCodeAt(offset);
      docnoBytes[written++] = byte;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    docnoStarts[index + 1] = written;
    hashes[index] = hash;
  });
  const topic = topicFromColumns(qid, { docnoBytes, docnoStarts, hashes, rels: Float64Array.from(rels) }, duplicateDocno);
  return extra.groups === undefined && extra.preferences === undefined ? topic : { ...topic, ...extra };
}

interface JudgmentColumns {
  readonly docnoBytes: Uint8Array;
  /** One more than the judgments: judgment `i` is `docnoBytes[docnoStarts[i], docnoStarts[i + 1])`. */
  readonly docnoStarts: Int32Array;
  readonly hashes: Int32Array;
  readonly rels: Float64Array;
}

/** A qrels topic from columns of its judgments, sorted by document id. */
function topicFromColumns(qid: string, columns: JudgmentColumns, duplicateDocno: string | undefined): QrelsTopic {
  const { docnoBytes, docnoStarts, hashes, rels } = columns;
  let positiveCount = 0;
  let maxLevel = -1;
  for (let index = 0; index < rels.length; index++) {
    const rel = rels[index] as number;
    if (rel > 0) positiveCount++;
    if (rel > maxLevel) maxLevel = rel;
  }
  // trec_eval allocates one counter per level up to the highest judgment; a grade in the billions would not fit.
  const relLevels: number[] = maxLevel > maximumRelevanceLevel ? [] : new Array<number>(maxLevel + 1).fill(0);
  if (maxLevel <= maximumRelevanceLevel) {
    for (let index = 0; index < rels.length; index++) {
      const rel = rels[index] as number;
      if (rel >= 0) relLevels[rel] = (relLevels[rel] as number) + 1;
    }
  }
  return { qid, count: rels.length, docnoBytes, docnoStarts, rels, duplicateDocno, positiveCount, hashes, relLevels, maxLevel };
}

/** The highest relevance value the engine accepts (trec_eval allocates a counter for every level below it). */
export const maximumRelevanceLevel = 1 << 24;

function malformed(where: { reader: string; source: string; contentLine: number; physicalLine: number; expected: string; found: string }): TrecEvalError {
  return readFailure(where.source, `trec_eval.${where.reader}: Malformed line ${String(where.contentLine)}\n`, new ParseError({ source: where.source, line: where.physicalLine, expected: where.expected, found: where.found }));
}

function readFailure(source: string, firstLine: string, cause: ParseError): TrecEvalError {
  return new TrecEvalError({ message: cause.message, exitCode: 2, trecEvalMessage: `${firstLine}trec_eval: Quit in file '${source}'\n`, cause });
}

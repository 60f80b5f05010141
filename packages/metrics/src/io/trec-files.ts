import { InvalidArgumentError, ParseError, quoteFound } from '../errors.js';
import type { Qrels, Run, ScoredDocument } from '../types.js';
import { fields, inputText, splitLines } from './text-lines.js';
import type { TextInput } from './text-lines.js';

/** Options of the parsers. */
export interface ParseOptions {
  /** Name of the input in error messages (a file name); default `"run"` or `"qrels"`. */
  readonly source?: string;
}

/**
 * Parses a score: a decimal or exponent number, `inf`/`-inf` allowed; NaN and text are errors.
 * @returns the number, or undefined when `text` is not one.
 */
export function parseScore(text: string): number | undefined {
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** JavaScript's white space (`\s`): what `String.prototype.trim` and `split(/\s+/)` treat as separators. */
function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** {@link parseScore} of `text[start, end)`; plain decimals (up to 15 digits) are read without a substring. */
function scoreAt(text: string, start: number, end: number): number | undefined {
  let position = start;
  let negative = false;
  if (text.charCodeAt(position) === 45) {
    negative = true;
    position++;
  }
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let point = false;
  for (; position < end; position++) {
    const code = text.charCodeAt(position);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      if (point) fractionDigits++;
    } else if (code === 46 && !point) point = true;
    else break;
  }
  if (position === end && digits > 0) {
    if (digits <= 15) {
      const value = fractionDigits === 0 ? mantissa : mantissa / (powersOfTen[fractionDigits] as number);
      return negative ? -value : value;
    }
    // More digits than a double holds exactly: JavaScript's conversion rounds correctly.
    return Number(text.slice(start, end));
  }
  return parseScore(text.slice(start, end));
}

/** The number of the first line with query `qid` and document `docno` (only to word an error message). */
function firstLineOf(text: string, qid: string, docno: string): number {
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const parts = fields(lines[index] as string);
    if (parts[0] === qid && parts[2] === docno) return index + 1;
  }
  return 0;
}

/**
 * Parses a TREC run file: `qid iter docno rank score runid` per line, separated by spaces or tabs; further
 * fields are ignored and `iter` and `rank` are not used (ranking is by score, as trec_eval does). Blank lines
 * and lines starting with `#` are skipped; CRLF line ends and a byte-order mark are accepted. A query's lines
 * need not be consecutive. The run's name is the tag of the last line (trec_eval's `runid`).
 *
 * @throws {ParseError} naming the line for: fewer than 6 fields, a score that is not a number (NaN included),
 * the same document twice for a query, an empty input.
 */
export function parseTrecRun(input: TextInput, options: ParseOptions = {}): Run {
  const source = options.source ?? 'run';
  const text = inputText(input);
  const results = new Map<string, ScoredDocument[]>();
  const seen = new Map<string, Set<string>>();
  let nameStart = 0;
  let nameEnd = 0;
  let contentLines = 0;
  let lineNumber = 0;
  let currentQid: string | undefined;
  let documents: ScoredDocument[] = [];
  let seenDocnos = new Set<string>();
  const starts = [0, 0, 0, 0, 0, 0];
  const ends = [0, 0, 0, 0, 0, 0];
  const length = text.length;
  let position = 0;
  // One pass over the text: fields are found by scanning, and only the query and document ids become strings.
  while (position < length) {
    let lineEnd = text.indexOf('\n', position);
    if (lineEnd < 0) lineEnd = length;
    lineNumber++;
    let fieldCount = 0;
    let cursor = position;
    while (cursor < lineEnd) {
      while (cursor < lineEnd && isWhiteSpace(text.charCodeAt(cursor))) cursor++;
      if (cursor >= lineEnd) break;
      const fieldStart = cursor;
      while (cursor < lineEnd && !isWhiteSpace(text.charCodeAt(cursor))) cursor++;
      if (fieldCount < 6) {
        starts[fieldCount] = fieldStart;
        ends[fieldCount] = cursor;
      }
      fieldCount++;
    }
    const lineStart = position;
    position = lineEnd + 1;
    if (fieldCount === 0 || text.charCodeAt(starts[0] as number) === 35) continue;
    contentLines++;
    if (fieldCount < 6) {
      const line = text.slice(lineStart, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
      throw new ParseError({ source, line: lineNumber, expected: '6 whitespace-separated fields (qid iter docno rank score runid)', found: `${String(fieldCount)} field${fieldCount === 1 ? '' : 's'}: ${quoteFound(line)}` });
    }
    const score = scoreAt(text, starts[4] as number, ends[4] as number);
    if (score === undefined) throw new ParseError({ source, line: lineNumber, expected: 'a numeric score in field 5', found: quoteFound(text.slice(starts[4], ends[4])) });
    const qidStart = starts[0] as number;
    const qidLength = (ends[0] as number) - qidStart;
    if (currentQid === undefined || currentQid.length !== qidLength || !text.startsWith(currentQid, qidStart)) {
      const qid = text.slice(qidStart, qidStart + qidLength);
      currentQid = qid;
      const existing = results.get(qid);
      if (existing === undefined) {
        documents = [];
        seenDocnos = new Set();
        results.set(qid, documents);
        seen.set(qid, seenDocnos);
      } else {
        documents = existing;
        seenDocnos = seen.get(qid) as Set<string>;
      }
    }
    const docno = text.slice(starts[2], ends[2]);
    if (seenDocnos.has(docno)) {
      throw new ParseError({ source, line: lineNumber, expected: `each document at most once per query (trec_eval stops on duplicates)`, found: `document "${docno}" for query "${currentQid}" again (first on line ${String(firstLineOf(text, currentQid, docno))})` });
    }
    seenDocnos.add(docno);
    documents.push({ docno, score });
    nameStart = starts[5] as number;
    nameEnd = ends[5] as number;
  }
  if (contentLines === 0) throw new ParseError({ source, line: 0, expected: 'TREC run lines "qid iter docno rank score runid"', found: 'no such line (an empty file)' });
  return { name: text.slice(nameStart, nameEnd), results };
}

/**
 * Parses a TREC qrels file: `qid iter docno rel` per line (exactly four fields; `iter` is ignored). Blank lines
 * and lines starting with `#` are skipped; CRLF and a byte-order mark are accepted.
 *
 * @throws {ParseError} naming the line for: a field count other than 4, a relevance that is not an integer,
 * the same document judged twice for a query, an empty input.
 */
export function parseTrecQrels(input: TextInput, options: ParseOptions = {}): Qrels {
  const source = options.source ?? 'qrels';
  const qrels = new Map<string, Map<string, number>>();
  const lines = new Map<string, number>();
  let contentLines = 0;
  splitLines(inputText(input)).forEach((line, index) => {
    const lineNumber = index + 1;
    const parts = fields(line);
    if (parts.length === 0 || (parts[0] as string).startsWith('#')) return;
    contentLines++;
    if (parts.length !== 4) {
      throw new ParseError({ source, line: lineNumber, expected: '4 whitespace-separated fields (qid iter docno rel)', found: `${String(parts.length)} field${parts.length === 1 ? '' : 's'}: ${quoteFound(line)}` });
    }
    const [qid = '', , docno = '', relText = ''] = parts;
    addJudgment(qrels, lines, { source, line: lineNumber, qid, docno, relText });
  });
  if (contentLines === 0) throw new ParseError({ source, line: 0, expected: 'qrels lines "qid iter docno rel"', found: 'no such line (an empty file)' });
  return qrels;
}

/** Adds one judgment, checking the grade and duplicates. Shared by the TREC, BEIR and JSON readers. */
export function addJudgment(
  qrels: Map<string, Map<string, number>>,
  lines: Map<string, number>,
  judgment: { source: string; line: number; qid: string; docno: string; relText: string },
): void {
  const { source, line, qid, docno, relText } = judgment;
  if (!/^[+-]?\d+$/.test(relText)) throw new ParseError({ source, line, expected: 'an integer relevance grade', found: quoteFound(relText) });
  let judgments = qrels.get(qid);
  if (judgments === undefined) {
    judgments = new Map();
    qrels.set(qid, judgments);
  }
  const key = `${qid}\u0000${docno}`;
  const previous = lines.get(key);
  if (previous !== undefined) {
    throw new ParseError({ source, line, expected: 'each document judged at most once per query', found: `document "${docno}" for query "${qid}" again (first on line ${String(previous)})` });
  }
  lines.set(key, line);
  judgments.set(docno, Number(relText));
}

/** Options of {@link formatTrecRun}. */
export interface FormatRunOptions {
  /** The run tag in column 6; default the run's name, or `"benchline"` when it is empty. */
  readonly tag?: string;
  /** Keep at most this many documents per query (after ranking). */
  readonly depth?: number;
}

/**
 * Writes a run as TREC run lines `qid Q0 docno rank score tag`, queries in the order of the map, documents
 * ranked as trec_eval ranks them (score descending, ties by document id descending), ranks from 1. Scores are
 * written with enough digits to read back the same double. Yields one string per query, so a caller can stream.
 *
 * @throws {InvalidArgumentError} for an empty id or one containing white space (it would break the columns).
 */
export function* formatTrecRun(run: Run, options: FormatRunOptions = {}): Generator<string> {
  const tag = options.tag ?? (run.name === '' ? 'benchline' : run.name);
  checkToken(tag, 'run tag');
  for (const [qid, documents] of run.results) {
    checkToken(qid, 'query id');
    const ranked = rankDocuments(documents);
    const limit = Math.min(ranked.length, options.depth ?? ranked.length);
    const lines: string[] = [];
    for (let rank = 0; rank < limit; rank++) {
      const document = ranked[rank] as ScoredDocument;
      checkToken(document.docno, 'document id');
      lines.push(`${qid} Q0 ${document.docno} ${String(rank + 1)} ${String(document.score)} ${tag}\n`);
    }
    yield lines.join('');
  }
}

/** A run as one TREC run text (see {@link formatTrecRun}). */
export function formatTrecRunText(run: Run, options: FormatRunOptions = {}): string {
  return [...formatTrecRun(run, options)].join('');
}

const byteEncoder = new TextEncoder();

/** trec_eval's order: score descending, ties by document id descending; ids compared as JavaScript strings. */
function compareByStringIds(left: ScoredDocument, right: ScoredDocument): number {
  if (left.score > right.score) return -1;
  if (left.score < right.score) return 1;
  return right.docno < left.docno ? -1 : right.docno > left.docno ? 1 : 0;
}

/** Documents in trec_eval's rank order: score descending, ties broken by document id descending (UTF-8 bytes). */
export function rankDocuments(documents: readonly ScoredDocument[]): ScoredDocument[] {
  // Below U+D800, UTF-16 code units order strings as UTF-8 bytes do: most ids need no encoding.
  let simple = true;
  for (const document of documents) {
    const docno = document.docno;
    for (let index = 0; index < docno.length && simple; index++) if (docno.charCodeAt(index) >= 0xd800) simple = false;
    if (!simple) break;
  }
  if (simple) {
    // A run written in rank order (the usual case) is only checked.
    let ordered = true;
    for (let index = 1; index < documents.length && ordered; index++) if (compareByStringIds(documents[index - 1] as ScoredDocument, documents[index] as ScoredDocument) > 0) ordered = false;
    return ordered ? [...documents] : [...documents].sort(compareByStringIds);
  }
  const keyed = documents.map((document) => ({ document, bytes: byteEncoder.encode(document.docno) }));
  keyed.sort((left, right) => {
    if (left.document.score > right.document.score) return -1;
    if (left.document.score < right.document.score) return 1;
    const a = right.bytes;
    const b = left.bytes;
    const common = Math.min(a.length, b.length);
    for (let index = 0; index < common; index++) if (a[index] !== b[index]) return (a[index] as number) - (b[index] as number);
    return a.length - b.length;
  });
  return keyed.map((entry) => entry.document);
}

function checkToken(text: string, what: string): void {
  if (text === '' || /\s/.test(text)) throw new InvalidArgumentError(what, `a ${what} must be non-empty and without white space, got ${quoteFound(text)}`);
}

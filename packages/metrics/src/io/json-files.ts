import { ParseError, quoteFound } from '../errors.js';
import type { Qrels, Run, ScoredDocument } from '../types.js';
import { inputText, splitLines } from './text-lines.js';
import type { TextInput } from './text-lines.js';
import { addJudgment } from './trec-files.js';
import type { ParseOptions } from './trec-files.js';

type JsonObject = Record<string, unknown>;

const queryKeys = ['query_id', 'qid', 'query-id', 'queryId'];
const documentKeys = ['doc_id', 'docno', 'docid', 'corpus-id', 'corpus_id', 'docId'];
const gradeKeys = ['relevance', 'rel', 'score', 'label'];
const scoreKeys = ['score', 'sim'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(object: JsonObject, keys: readonly string[]): unknown {
  for (const key of keys) if (key in object) return object[key];
  return undefined;
}

function parseJson(text: string, source: string, line: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ParseError({ source, line, expected: 'valid JSON', found: `${quoteFound(text)} (${error instanceof Error ? error.message : String(error)})` });
  }
}

/**
 * Parses judgments as JSON `{"q1": {"d1": 1, "d2": 0}}` (the dictionary pytrec_eval, ir_measures and ranx use)
 * or JSON Lines, one judgment per line: `{"query_id": "q1", "doc_id": "d1", "relevance": 1}` (also `qid`,
 * `docno`/`docid`/`corpus-id`, `rel`/`score`). Grades must be integers.
 *
 * @throws {ParseError} naming the line (JSON Lines) for invalid JSON, missing keys, non-integer grades, duplicates.
 */
export function parseJsonQrels(input: TextInput, options: ParseOptions = {}): Qrels {
  const source = options.source ?? 'qrels';
  const text = inputText(input);
  const qrels = new Map<string, Map<string, number>>();
  const seen = new Map<string, number>();
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && !looksLikeJsonLines(trimmed)) {
    const value = parseJson(text, source, 0);
    if (!isObject(value)) throw new ParseError({ source, line: 0, expected: 'a JSON object of query id → {document id: grade}', found: typeof value });
    for (const [qid, judgments] of Object.entries(value)) {
      if (!isObject(judgments)) throw new ParseError({ source, line: 0, expected: `an object of document id → grade for query "${qid}"`, found: JSON.stringify(judgments) ?? 'undefined' });
      for (const [docno, grade] of Object.entries(judgments)) addJudgment(qrels, seen, { source, line: 0, qid, docno, relText: typeof grade === 'number' ? String(grade) : JSON.stringify(grade) ?? '' });
    }
  } else {
    splitLines(text).forEach((line, index) => {
      if (line.trim() === '') return;
      const value = parseJson(line, source, index + 1);
      if (!isObject(value)) throw new ParseError({ source, line: index + 1, expected: 'a JSON object per line', found: quoteFound(line) });
      const qid = pick(value, queryKeys);
      const docno = pick(value, documentKeys);
      const grade = pick(value, gradeKeys);
      if (typeof qid !== 'string' && typeof qid !== 'number') throw new ParseError({ source, line: index + 1, expected: `a query id (${queryKeys.join(' or ')})`, found: quoteFound(line) });
      if (typeof docno !== 'string' && typeof docno !== 'number') throw new ParseError({ source, line: index + 1, expected: `a document id (${documentKeys.join(' or ')})`, found: quoteFound(line) });
      addJudgment(qrels, seen, { source, line: index + 1, qid: String(qid), docno: String(docno), relText: typeof grade === 'number' ? String(grade) : JSON.stringify(grade) ?? 'nothing' });
    });
  }
  if (qrels.size === 0) throw new ParseError({ source, line: 0, expected: 'at least one judgment', found: 'none' });
  return qrels;
}

/**
 * Parses a run as JSON `{"q1": {"d1": 12.5, "d2": 11.0}}` or JSON Lines `{"query_id": "q1", "doc_id": "d1",
 * "score": 12.5}` (also `qid`, `docno`/`docid`).
 *
 * @throws {ParseError} naming the line (JSON Lines) for invalid JSON, missing keys, non-numeric or NaN scores,
 * duplicate documents.
 */
export function parseJsonRun(input: TextInput, options: ParseOptions & { name?: string } = {}): Run {
  const source = options.source ?? 'run';
  const text = inputText(input);
  const results = new Map<string, ScoredDocument[]>();
  const seen = new Set<string>();
  const add = (qid: string, docno: string, score: unknown, line: number): void => {
    if (typeof score !== 'number' || Number.isNaN(score)) throw new ParseError({ source, line, expected: `a numeric score for query "${qid}", document "${docno}"`, found: JSON.stringify(score) ?? 'nothing' });
    const key = `${qid}\u0000${docno}`;
    if (seen.has(key)) throw new ParseError({ source, line, expected: 'each document at most once per query', found: `document "${docno}" for query "${qid}" again` });
    seen.add(key);
    let documents = results.get(qid);
    if (documents === undefined) {
      documents = [];
      results.set(qid, documents);
    }
    documents.push({ docno, score });
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && !looksLikeJsonLines(trimmed)) {
    const value = parseJson(text, source, 0);
    if (!isObject(value)) throw new ParseError({ source, line: 0, expected: 'a JSON object of query id → {document id: score}', found: typeof value });
    for (const [qid, documents] of Object.entries(value)) {
      if (!isObject(documents)) throw new ParseError({ source, line: 0, expected: `an object of document id → score for query "${qid}"`, found: JSON.stringify(documents) ?? 'undefined' });
      for (const [docno, score] of Object.entries(documents)) add(qid, docno, score, 0);
    }
  } else {
    splitLines(text).forEach((line, index) => {
      if (line.trim() === '') return;
      const value = parseJson(line, source, index + 1);
      if (!isObject(value)) throw new ParseError({ source, line: index + 1, expected: 'a JSON object per line', found: quoteFound(line) });
      const qid = pick(value, queryKeys);
      const docno = pick(value, documentKeys);
      if (typeof qid !== 'string' && typeof qid !== 'number') throw new ParseError({ source, line: index + 1, expected: `a query id (${queryKeys.join(' or ')})`, found: quoteFound(line) });
      if (typeof docno !== 'string' && typeof docno !== 'number') throw new ParseError({ source, line: index + 1, expected: `a document id (${documentKeys.join(' or ')})`, found: quoteFound(line) });
      add(String(qid), String(docno), pick(value, scoreKeys), index + 1);
    });
  }
  if (results.size === 0) throw new ParseError({ source, line: 0, expected: 'at least one result', found: 'none' });
  return { name: options.name ?? '', results };
}

/** JSON Lines start with an object that ends on the first line. */
function looksLikeJsonLines(text: string): boolean {
  const firstLine = text.split('\n', 1)[0] ?? '';
  const rest = text.slice(firstLine.length).trim();
  if (rest === '') return false;
  try {
    JSON.parse(firstLine);
    return true;
  } catch {
    return false;
  }
}

import { ParseError, quoteFound } from '../errors.js';
import type { CorpusDocument, SearchQuery } from './corpus.js';

/** What a BEIR JSON Lines row must be. */
const corpusRowShape = 'a JSON object with a string "_id" and a string "text" (optional string "title")';
const queryRowShape = 'a JSON object with a string "_id" and a string "text"';

/** Reads the rows of a BEIR JSON Lines file one line at a time, so that huge files can be streamed. */
export interface BeirLineReader<Row> {
  /**
   * Reads one physical line (without its line break). Blank lines are skipped.
   *
   * @throws {ParseError} naming the file, the line, what was expected and what was found.
   */
  readLine(line: string): void;
  /** The rows read so far, in file order. */
  readonly rows: Row[];
}

interface RowFields {
  readonly id: string;
  readonly text: string;
  readonly title: string | undefined;
  readonly extra: Record<string, unknown> | undefined;
}

function createReader<Row>(source: string, kind: 'corpus' | 'queries', build: (fields: RowFields) => Row): BeirLineReader<Row> {
  const rows: Row[] = [];
  const firstLineOfId = new Map<string, number>();
  const shape = kind === 'corpus' ? corpusRowShape : queryRowShape;
  let lineNumber = 0;
  const fail = (expected: string, found: string): never => {
    throw new ParseError({ source, line: lineNumber, expected, found });
  };
  const readLine = (rawLine: string): void => {
    lineNumber++;
    const line = lineNumber === 1 && rawLine.charCodeAt(0) === 0xfeff ? rawLine.slice(1) : rawLine;
    if (line.trim().length === 0) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      fail(shape, `text that is not JSON (${(error as Error).message}): ${quoteFound(line)}`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(shape, `${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}: ${quoteFound(line)}`);
    }
    const row = value as Record<string, unknown>;
    const id = idOf(row._id, fail);
    const text = stringField(row, 'text', true, fail);
    const title = kind === 'corpus' ? stringField(row, 'title', false, fail) : undefined;
    const previous = firstLineOfId.get(id);
    if (previous !== undefined) fail(`each "_id" once in the file`, `"_id" ${JSON.stringify(id)} again (first on line ${String(previous)})`);
    firstLineOfId.set(id, lineNumber);
    let extra: Record<string, unknown> | undefined;
    for (const key of Object.keys(row)) {
      if (key === '_id' || key === 'text' || (kind === 'corpus' && key === 'title')) continue;
      extra ??= {};
      extra[key] = row[key];
    }
    rows.push(build({ id, text: text ?? '', title, extra }));
  };
  return { readLine, rows };
}

function idOf(value: unknown, fail: (expected: string, found: string) => never): string {
  if (typeof value === 'string' && value.length > 0) return value;
  // Some converted datasets write integer ids; they name the same documents as their decimal strings.
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return fail('a non-empty string "_id"', value === undefined ? 'no "_id"' : `"_id": ${JSON.stringify(value)}`);
}

function stringField(
  row: Record<string, unknown>,
  key: string,
  required: boolean,
  fail: (expected: string, found: string) => never,
): string | undefined {
  const value = row[key];
  if (typeof value === 'string') return value;
  // BEIR's loader reads fields with dict.get, so a null title or text is an empty one.
  if (value === null) return '';
  if (value === undefined) return required ? fail(`a string "${key}"`, `no "${key}"`) : undefined;
  return fail(`a string "${key}"`, `"${key}": ${quoteFound(JSON.stringify(value))}`);
}

/**
 * A line-by-line reader of a BEIR `corpus.jsonl` (`{"_id", "title", "text", ...}` per line), for streaming.
 *
 * @param source - the file name used in error messages.
 */
export function createBeirCorpusReader(source: string): BeirLineReader<CorpusDocument> {
  return createReader<CorpusDocument>(source, 'corpus', ({ id, title, text, extra }) => ({
    id,
    title: title ?? '',
    text,
    ...(extra === undefined ? {} : { extra }),
  }));
}

/**
 * A line-by-line reader of a BEIR `queries.jsonl` (`{"_id", "text", ...}` per line), for streaming.
 *
 * @param source - the file name used in error messages.
 */
export function createBeirQueriesReader(source: string): BeirLineReader<SearchQuery> {
  return createReader<SearchQuery>(source, 'queries', ({ id, text, extra }) => ({
    id,
    text,
    ...(extra === undefined ? {} : { extra }),
  }));
}

function readAllLines<Row>(reader: BeirLineReader<Row>, text: string): Row[] {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    reader.readLine(text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    start = end + 1;
  }
  return reader.rows;
}

/**
 * Parses a BEIR `corpus.jsonl`: one JSON object per line with `_id` (string; an integer is read as its decimal
 * string), `text` (string; `null` reads as `''`) and optional `title`; every other key (BEIR's `metadata`, extra
 * text fields) is kept in `extra`. Blank lines are skipped; LF and CRLF line ends and a leading byte-order mark
 * are accepted.
 *
 * @param text - the file's content.
 * @param source - the file name used in error messages (default `"corpus.jsonl"`).
 * @returns the documents in file order; `title` is `''` when the row has none.
 * @throws {ParseError} for a line that is not a JSON object, a missing or non-string `_id`/`text`, a non-string
 *   `title`, or an `_id` seen before (the message names both lines).
 */
export function parseBeirCorpus(text: string, source = 'corpus.jsonl'): CorpusDocument[] {
  return readAllLines(createBeirCorpusReader(source), text);
}

/**
 * Parses a BEIR `queries.jsonl`: one JSON object per line with `_id` and `text`; other keys are kept in `extra`.
 * Same line handling as {@link parseBeirCorpus}. Queries are all kept: unlike BEIR's loader, queries without
 * judgments are not dropped here (the evaluation decides what to do with them).
 *
 * @param text - the file's content.
 * @param source - the file name used in error messages (default `"queries.jsonl"`).
 * @returns the queries in file order.
 * @throws {ParseError} as {@link parseBeirCorpus} does.
 */
export function parseBeirQueries(text: string, source = 'queries.jsonl'): SearchQuery[] {
  return readAllLines(createBeirQueriesReader(source), text);
}

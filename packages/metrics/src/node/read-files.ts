import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { ParseError, quoteFound } from '../errors.js';
import { isGzip } from '../io/gzip.js';
import { parseQrels, parseRun } from '../io/read-any.js';
import type { QrelsFormat, RunFormat } from '../io/read-any.js';
import { parseScore } from '../io/trec-files.js';
import type { Qrels, Run, ScoredDocument } from '../types.js';

/** Reads a file's bytes, decompressing gzip (by content, whatever the name). */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  const data = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Reads judgments from a file: TREC qrels, BEIR qrels TSV, JSON or JSON Lines, optionally gzipped.
 * Errors name the file and line. See `parseQrels` for the format detection.
 */
export async function readQrelsFile(path: string, options: { format?: QrelsFormat } = {}): Promise<Qrels> {
  return parseQrels(await readFileBytes(path), { source: path, ...options });
}

/** Reads a run from a file: TREC run lines, JSON or JSON Lines, optionally gzipped. */
export async function readRunFile(path: string, options: { format?: RunFormat } = {}): Promise<Run> {
  return parseRun(await readFileBytes(path), { source: path, ...options });
}

/** One query's results from {@link streamTrecRun}. */
export interface RunTopic {
  readonly qid: string;
  readonly documents: readonly ScoredDocument[];
  /** The run tag of the topic's last line. */
  readonly tag: string;
}

/**
 * Reads a TREC run file (optionally gzipped) of any size one query at a time: yields each query's documents
 * when its consecutive lines end, holding only that query in memory. A query whose lines are not consecutive
 * is yielded once per block; pass `requireGrouped: true` to get a ParseError instead.
 *
 * @throws {ParseError} naming the line, for the same problems as `parseTrecRun` (except duplicates across blocks).
 */
export async function* streamTrecRun(path: string, options: { requireGrouped?: boolean } = {}): AsyncGenerator<RunTopic> {
  const raw = createReadStream(path);
  const first = await new Promise<Uint8Array>((resolve, reject) => {
    raw.once('readable', () => {
      const chunk = raw.read(2) as Uint8Array | null;
      if (chunk !== null) raw.unshift(chunk);
      resolve(chunk ?? new Uint8Array(0));
    });
    raw.once('error', reject);
  });
  const input = isGzip(first) ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder();
  let pending = '';
  let lineNumber = 0;
  let current: { qid: string; documents: ScoredDocument[]; seen: Set<string>; tag: string } | undefined;
  const finished = new Set<string>();
  let sawLine = false;
  function* consume(text: string, final: boolean): Generator<RunTopic> {
    const lines = (pending + text).split('\n');
    pending = final ? '' : (lines.pop() ?? '');
    for (const rawLine of lines) {
      lineNumber++;
      let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
      if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      const parts = line.trim() === '' ? [] : line.trim().split(/\s+/);
      if (parts.length === 0 || (parts[0] as string).startsWith('#')) continue;
      sawLine = true;
      if (parts.length < 6) throw new ParseError({ source: path, line: lineNumber, expected: '6 whitespace-separated fields (qid iter docno rank score runid)', found: `${String(parts.length)}: ${quoteFound(line)}` });
      const [qid = '', , docno = '', , scoreText = '', tag = ''] = parts;
      const score = parseScore(scoreText);
      if (score === undefined) throw new ParseError({ source: path, line: lineNumber, expected: 'a numeric score in field 5', found: quoteFound(scoreText) });
      if (current === undefined || current.qid !== qid) {
        if (current !== undefined) {
          finished.add(current.qid);
          yield { qid: current.qid, documents: current.documents, tag: current.tag };
        }
        if (options.requireGrouped === true && finished.has(qid)) {
          throw new ParseError({ source: path, line: lineNumber, expected: `the lines of query "${qid}" together`, found: 'the query again after other queries' });
        }
        current = { qid, documents: [], seen: new Set(), tag };
      }
      if (current.seen.has(docno)) throw new ParseError({ source: path, line: lineNumber, expected: 'each document at most once per query', found: `document "${docno}" for query "${qid}" again` });
      current.seen.add(docno);
      current.documents.push({ docno, score });
      current.tag = tag;
    }
  }
  for await (const chunk of input as AsyncIterable<Uint8Array>) yield* consume(decoder.decode(chunk, { stream: true }), false);
  yield* consume(decoder.decode(), true);
  if (current !== undefined) yield { qid: current.qid, documents: current.documents, tag: current.tag };
  if (!sawLine) throw new ParseError({ source: path, line: 0, expected: 'TREC run lines "qid iter docno rank score runid"', found: 'no such line (an empty file)' });
}

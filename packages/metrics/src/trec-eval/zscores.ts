import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { bytesToBinaryString, decodeUtf8, isSpaceByte, parseCDouble } from './c-parse.js';

/** Mean and standard deviation of a measure on a topic, from a `-Z` file. */
export interface ZscoreReference {
  readonly mean: number;
  readonly stddev: number;
}

/** Query id (binary string) → measure name → reference. */
export type Zscores = ReadonlyMap<string, ReadonlyMap<string, ZscoreReference>>;

/**
 * Reads a `-Z` file (`qid measure mean stddev` per line), as trec_eval's `get_zscores.c` does.
 * trec_eval returns -1 from `main` on a bad file, so the exit status is 255.
 */
export function parseZscores(bytes: Uint8Array, source: string): Zscores {
  if (bytes.length === 0) {
    const cause = new ParseError({ source, line: 0, expected: 'lines "qid measure mean stddev"', found: 'an empty file' });
    throw new TrecEvalError({ message: cause.message, exitCode: 255, trecEvalMessage: `trec_eval.get_prefs: Cannot read zscores file '${source}'\n`, cause });
  }
  const result = new Map<string, Map<string, ZscoreReference>>();
  let position = 0;
  let line = 0;
  while (position < bytes.length) {
    line++;
    const lineStart = position;
    const fields: [number, number][] = [];
    while (position < bytes.length && bytes[position] !== 10) {
      while (position < bytes.length && bytes[position] !== 10 && isSpaceByte(bytes[position] as number)) position++;
      if (position >= bytes.length || bytes[position] === 10) break;
      const start = position;
      while (position < bytes.length && !isSpaceByte(bytes[position] as number)) position++;
      fields.push([start, position]);
    }
    const lineEnd = position;
    position++;
    if (fields.length !== 4) {
      const cause = new ParseError({ source, line, expected: '4 whitespace-separated fields (qid measure mean stddev)', found: `${String(fields.length)} fields: ${quoteFound(decodeUtf8(bytes, lineStart, lineEnd))}` });
      throw new TrecEvalError({ message: cause.message, exitCode: 255, trecEvalMessage: `trec_eval.get_zscores: Malformed line ${String(line)}\n`, cause });
    }
    const [qidField, measureField, meanField, stddevField] = fields as [[number, number], [number, number], [number, number], [number, number]];
    const qid = bytesToBinaryString(bytes, qidField[0], qidField[1]);
    const measure = decodeUtf8(bytes, measureField[0], measureField[1]);
    let forTopic = result.get(qid);
    if (forTopic === undefined) {
      forTopic = new Map();
      result.set(qid, forTopic);
    }
    if (!forTopic.has(measure)) forTopic.set(measure, { mean: parseCDouble(bytes, meanField[0], meanField[1]), stddev: parseCDouble(bytes, stddevField[0], stddevField[1]) });
  }
  return result;
}

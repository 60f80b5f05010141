import { ParseError, TrecEvalError, quoteFound } from '../errors.js';
import { bytesToBinaryString, createLineFields, decodeUtf8, parseCDouble, splitLineFields } from './c-parse.js';

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
  const fields = createLineFields(4);
  let position = 0;
  let line = 0;
  while (position < bytes.length) {
    line++;
    const lineStart = position;
    const lineEnd = splitLineFields(bytes, position, fields);
    position = lineEnd + 1;
    if (fields.count !== 4) {
      const cause = new ParseError({ source, line, expected: '4 whitespace-separated fields (qid measure mean stddev)', found: `${String(fields.count)} fields: ${quoteFound(decodeUtf8(bytes, lineStart, lineEnd))}` });
      throw new TrecEvalError({ message: cause.message, exitCode: 255, trecEvalMessage: `trec_eval.get_zscores: Malformed line ${String(line)}\n`, cause });
    }
    const { starts, ends } = fields;
    const qid = bytesToBinaryString(bytes, starts[0] as number, ends[0] as number);
    const measure = decodeUtf8(bytes, starts[1] as number, ends[1] as number);
    let forTopic = result.get(qid);
    if (forTopic === undefined) {
      forTopic = new Map();
      result.set(qid, forTopic);
    }
    if (!forTopic.has(measure)) forTopic.set(measure, { mean: parseCDouble(bytes, starts[2] as number, ends[2] as number), stddev: parseCDouble(bytes, starts[3] as number, ends[3] as number) });
  }
  return result;
}

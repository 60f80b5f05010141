import { ParseError, quoteFound } from '../errors.js';
import type { Qrels } from '../types.js';
import { inputText, splitLines } from './text-lines.js';
import type { TextInput } from './text-lines.js';
import { addJudgment } from './trec-files.js';
import type { ParseOptions } from './trec-files.js';

/**
 * Parses BEIR qrels (`qrels/test.tsv`): tab-separated `query-id  corpus-id  score`, integer scores.
 *
 * The first line is the header `query-id\tcorpus-id\tscore`. BEIR's loader drops the first line whatever it
 * holds, silently losing a judgment when a file has no header; here a first line whose third column is an
 * integer is read as a judgment, any other first line as the header.
 *
 * @throws {ParseError} naming the line for: a column count other than 3, a non-integer score, a duplicate
 * judgment, no judgment at all.
 */
export function parseBeirQrels(input: TextInput, options: ParseOptions = {}): Qrels {
  const source = options.source ?? 'qrels';
  const qrels = new Map<string, Map<string, number>>();
  const seen = new Map<string, number>();
  let judgments = 0;
  splitLines(inputText(input)).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return;
    const columns = line.split('\t');
    if (index === 0 && !/^[+-]?\d+$/.test((columns[2] ?? '').trim())) return;
    if (columns.length !== 3) {
      throw new ParseError({ source, line: lineNumber, expected: '3 tab-separated columns (query-id, corpus-id, score)', found: `${String(columns.length)}: ${quoteFound(line)}` });
    }
    const [qid = '', docno = '', relText = ''] = columns.map((column) => column.trim());
    addJudgment(qrels, seen, { source, line: lineNumber, qid, docno, relText });
    judgments++;
  });
  if (judgments === 0) throw new ParseError({ source, line: 0, expected: 'BEIR qrels lines "query-id<TAB>corpus-id<TAB>score"', found: 'no judgment' });
  return qrels;
}

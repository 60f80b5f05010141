import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParseError, TrecEvalError, gunzip, parseBeirQrels, parseJsonQrels, parseJsonRun, parseQrels, parseRun, parseTrecQrels, parseTrecRun, formatTrecRunText, trecEval } from '../src/index.js';

const encoder = new TextEncoder();

function parseErrorOf(action: () => unknown): ParseError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('expected a ParseError');
}

function trecEvalErrorOf(action: () => unknown): TrecEvalError {
  try {
    action();
  } catch (error) {
    expect(TrecEvalError.isInstance(error)).toBe(true);
    return error as TrecEvalError;
  }
  throw new Error('expected a TrecEvalError');
}

describe('parseTrecRun', () => {
  it('reads runs with tabs, CRLF, a BOM, comments and extra columns; the name is the last tag', () => {
    const run = parseTrecRun('\uFEFFq1\tQ0\td1\t1\t2.5\tA\r\n# comment\n\nq1 Q0 d2 2 1e-3 B extra\r\n');
    expect(run.name).toBe('B');
    expect(run.results.get('q1')).toEqual([
      { docno: 'd1', score: 2.5 },
      { docno: 'd2', score: 0.001 },
    ]);
  });

  it('names the file, line, expectation and finding for a wrong column count', () => {
    const error = parseErrorOf(() => parseTrecRun('q1 Q0 d1 1 2.5 r\nq1 Q0 d2 1\n', { source: 'run.txt' }));
    expect(error.message).toBe('run.txt line 2: expected 6 whitespace-separated fields (qid iter docno rank score runid), found 4 fields: "q1 Q0 d2 1"');
    expect(error.line).toBe(2);
  });

  it('rejects a non-numeric or NaN score', () => {
    expect(parseErrorOf(() => parseTrecRun('q1 Q0 d1 1 high r\n')).message).toContain('expected a numeric score in field 5, found "high"');
    expect(parseErrorOf(() => parseTrecRun('q1 Q0 d1 1 nan r\n')).found).toBe('"nan"');
  });

  it('rejects a document twice in a topic, citing both lines', () => {
    expect(parseErrorOf(() => parseTrecRun('q1 Q0 d1 1 2 r\nq2 Q0 d1 1 2 r\nq1 Q0 d1 2 1 r\n')).message).toBe(
      'run line 3: expected each document at most once per query (trec_eval stops on duplicates), found document "d1" for query "q1" again (first on line 1)',
    );
  });

  it('rejects an empty file and a file of blank lines', () => {
    expect(parseErrorOf(() => parseTrecRun('', { source: 'empty.run' })).message).toBe('empty.run: expected TREC run lines "qid iter docno rank score runid", found no such line (an empty file)');
    expect(parseErrorOf(() => parseTrecRun('\n  \n')).line).toBe(0);
  });

  it('reads a 1 MB line and shortens it in the error message', () => {
    const longId = 'x'.repeat(1024 * 1024);
    expect(parseTrecRun(`q1 Q0 ${longId} 1 1 r\n`).results.get('q1')?.[0]?.docno.length).toBe(1024 * 1024);
    const error = parseErrorOf(() => parseTrecRun(`q1 Q0 ${longId}\n`));
    expect(error.message.length).toBeLessThan(250);
    expect(error.message).toContain('(1048582 characters)');
  });
});

describe('parseTrecQrels, parseBeirQrels, JSON', () => {
  it('reads TREC qrels and rejects other column counts, non-integer grades and duplicates', () => {
    expect(parseTrecQrels('q1 0 d1 1\r\nq1 0 d2 0\n').get('q1')).toEqual(new Map([['d1', 1], ['d2', 0]]));
    expect(parseErrorOf(() => parseTrecQrels('q1 0 d1 1 extra\n', { source: 'q.txt' })).message).toBe('q.txt line 1: expected 4 whitespace-separated fields (qid iter docno rel), found 5 fields: "q1 0 d1 1 extra"');
    expect(parseErrorOf(() => parseTrecQrels('q1 0 d1 1.5\n')).expected).toBe('an integer relevance grade');
    expect(parseErrorOf(() => parseTrecQrels('q1 0 d1 1\nq1 0 d1 0\n')).line).toBe(2);
    expect(parseErrorOf(() => parseTrecQrels('')).found).toContain('empty');
  });

  it('reads BEIR TSV with its header, and keeps a first line that is a judgment', () => {
    expect(parseBeirQrels('query-id\tcorpus-id\tscore\n1\t10\t2\n').get('1')?.get('10')).toBe(2);
    expect(parseBeirQrels('1\t10\t2\n1\t11\t0\n').get('1')?.size).toBe(2);
    expect(parseErrorOf(() => parseBeirQrels('query-id\tcorpus-id\tscore\n1\t10\n')).message).toBe('qrels line 2: expected 3 tab-separated columns (query-id, corpus-id, score), found 2: "1\t10"');
  });

  it('reads JSON and JSON Lines qrels and runs', () => {
    expect(parseJsonQrels('{"q1": {"d1": 1}}').get('q1')?.get('d1')).toBe(1);
    expect(parseJsonQrels('{"query_id": "q1", "doc_id": "d1", "relevance": 2}\n{"qid": "q1", "docno": "d2", "rel": 0}\n').get('q1')?.size).toBe(2);
    expect(parseJsonRun('{"q1": {"d1": 1.5, "d2": 0.5}}').results.get('q1')?.length).toBe(2);
    expect(parseErrorOf(() => parseJsonRun('{"qid": "q1", "doc_id": "d1", "score": "x"}\n{"qid": "q1", "doc_id": "d2", "score": 1}\n')).line).toBe(1);
    expect(parseErrorOf(() => parseJsonQrels('{"q1": {"d1": 1}')).expected).toBe('valid JSON');
  });

  it('detects formats by name and content', () => {
    expect(parseQrels('query-id\tcorpus-id\tscore\nq\td\t1\n').get('q')?.get('d')).toBe(1);
    expect(parseQrels('q 0 d 1\n').get('q')?.get('d')).toBe(1);
    expect(parseRun('{"q": {"d": 1}}').results.get('q')?.[0]?.score).toBe(1);
    expect(parseRun('q Q0 d 1 3 tag\n').name).toBe('tag');
  });

  it('gunzips with DecompressionStream and passes other bytes through', async () => {
    const text = 'q1 0 d1 1\n';
    expect(new TextDecoder().decode(await gunzip(new Uint8Array(gzipSync(text))))).toBe(text);
    expect(await gunzip(encoder.encode(text))).toEqual(encoder.encode(text));
  });
});

describe('formatTrecRunText', () => {
  it('writes ranked lines (score descending, ties by document id descending) that read back the same', () => {
    const run = { name: 'bm25', results: new Map([['q1', [{ docno: 'a', score: 1 }, { docno: 'b', score: 1 }, { docno: 'c', score: 0.1 + 0.2 }]]]) };
    const text = formatTrecRunText(run);
    expect(text).toBe('q1 Q0 b 1 1 bm25\nq1 Q0 a 2 1 bm25\nq1 Q0 c 3 0.30000000000000004 bm25\n');
    expect(parseTrecRun(text).results.get('q1')?.[2]?.score).toBe(0.1 + 0.2);
  });
});

describe('trec_eval engine on malformed input (trec_eval messages and exit codes)', () => {
  const qrels = encoder.encode('q1 0 d1 1\nq1 0 d2 0\n');
  it('exits 2 with "Malformed line" counting content lines, and names the physical line', () => {
    const error = trecEvalErrorOf(() => trecEval({ qrels, run: encoder.encode('# c\nq1 Q0 d1 1 1 r\nq1 Q0 d2\n'), runSource: 'r.txt' }, { version: '10.0' }));
    expect(error.exitCode).toBe(2);
    expect(error.trecEvalMessage).toBe("trec_eval.get_results: Malformed line 2\ntrec_eval: Quit in file 'r.txt'\n");
    expect(error.message).toBe('r.txt line 3: expected 6 whitespace-separated fields (qid iter docno rank score runid), found 3 fields: "q1 Q0 d2"');
  });
  it('reads a non-numeric score as atof does (0), like trec_eval', () => {
    const output = trecEval({ qrels, run: encoder.encode('q1 Q0 d2 1 abc r\nq1 Q0 d1 2 -1 r\n') }, { measures: ['recip_rank'] });
    expect(output).toContain('recip_rank            \tall\t0.5000');
  });
  it('exits 4 on a duplicate document, after the topics before it', () => {
    const error = trecEvalErrorOf(() => trecEval({ qrels: encoder.encode('q0 0 d1 1\nq1 0 d1 1\n'), run: encoder.encode('q0 Q0 d1 1 1 r\nq1 Q0 d1 1 1 r\nq1 Q0 d1 2 0 r\n') }, { measures: ['map'], perQuery: true }));
    expect(error.exitCode).toBe(4);
    expect(error.trecEvalMessage).toBe("trec_eval.form_res_qrels: duplicate docs d1trec_eval: Can't calculate measure 'map'\n");
    expect(error.partialOutput).toBe('map                   \tq0\t1.0000\n');
  });
  it('exits 2 on an empty file, accepts CRLF and a 1 MB line', () => {
    expect(trecEvalErrorOf(() => trecEval({ qrels, run: new Uint8Array(0) })).exitCode).toBe(2);
    expect(trecEvalErrorOf(() => trecEval({ qrels: new Uint8Array(0), run: encoder.encode('q1 Q0 d1 1 1 r\n') })).trecEvalMessage).toBe("trec_eval.get_qrels: Cannot read qrels file 'qrels'\ntrec_eval: Quit in file 'qrels'\n");
    const crlf = trecEval({ qrels: encoder.encode('q1 0 d1 1\r\nq1 0 d2 0\r\n'), run: encoder.encode(`q1 Q0 d1 1 1 r\r\nq1 Q0 ${'z'.repeat(1 << 20)} 2 0.5 r\r\n`) }, { measures: ['num_ret', 'map'] });
    expect(crlf).toBe('num_ret               \tall\t2\nmap                   \tall\t1.0000\n');
  });
  it('exits 7 (9.0.8) or 4 (10.0) when no topic has both results and judgments', () => {
    const run = encoder.encode('other Q0 d1 1 1 r\n');
    expect(trecEvalErrorOf(() => trecEval({ qrels, run })).exitCode).toBe(7);
    expect(trecEvalErrorOf(() => trecEval({ qrels, run }, { version: '10.0' })).trecEvalMessage).toBe("trec_eval: result qid 'q1' not found in qrels\n");
  });
  it('exits 1 for an unknown measure and 2 for bad cutoffs', () => {
    expect(trecEvalErrorOf(() => trecEval({ qrels, run: qrels }, { measures: ['rbp'] })).trecEvalMessage).toBe("trec_eval: illegal measure 'rbp'\n");
    expect(trecEvalErrorOf(() => trecEval({ qrels, run: qrels }, { measures: ['P.'] })).trecEvalMessage).toBe("trec_eval: improper measure in parameter 'P'\ntrec_eval: illegal measure 'P'\n");
    expect(trecEvalErrorOf(() => trecEval({ qrels, run: encoder.encode('q1 Q0 d1 1 1 r\n') }, { measures: ['P.0,5'] })).trecEvalMessage).toBe("trec_eval: Negative cutoff detected\ntrec_eval: Cannot initialize measure 'P'\n");
    expect(trecEvalErrorOf(() => trecEval({ qrels, run: encoder.encode('q1 Q0 d1 1 1 r\n') }, { measures: ['P.5,5'] })).exitCode).toBe(2);
  });
});

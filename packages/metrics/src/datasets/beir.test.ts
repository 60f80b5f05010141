import { describe, expect, it } from 'vitest';
import { MetricsError, ParseError } from '../errors.js';
import { createBeirCorpusReader, parseBeirCorpus, parseBeirQueries } from './beir.js';

function parseError(action: () => unknown): ParseError {
  try {
    action();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('parseBeirCorpus', () => {
  it('reads _id, title and text, keeps every other field, and accepts CRLF, a BOM and blank lines', () => {
    const text =
      '\uFEFF{"_id": "001", "title": "Wings", "text": "lift", "metadata": {"author": "C"}, "text_zh": "升力"}\r\n' +
      '\r\n' +
      '{"_id": 7, "text": "no title"}\n' +
      '{"_id": "8", "title": null, "text": null}';
    expect(parseBeirCorpus(text)).toEqual([
      { id: '001', title: 'Wings', text: 'lift', extra: { metadata: { author: 'C' }, text_zh: '升力' } },
      { id: '7', title: '', text: 'no title' },
      { id: '8', title: '', text: '' },
    ]);
  });

  it('names the file, the line, what was expected and what was found', () => {
    const error = parseError(() => parseBeirCorpus('{"_id": "1", "text": "a"}\n{"_id": "2", "text": 3}\n', 'data/corpus.jsonl'));
    expect(MetricsError.isInstance(error)).toBe(true);
    expect(error.source).toBe('data/corpus.jsonl');
    expect(error.line).toBe(2);
    expect(error.message).toBe('data/corpus.jsonl line 2: expected a string "text", found "text": "3"');
  });

  it('rejects lines that are not JSON objects, missing fields and repeated ids', () => {
    expect(parseError(() => parseBeirCorpus('{"_id": "1", "text": "a"')).message).toMatch(
      /^corpus\.jsonl line 1: expected a JSON object with a string "_id".*found text that is not JSON/,
    );
    expect(parseError(() => parseBeirCorpus('["a"]')).message).toMatch(/found an array: "\["a"\]"/);
    expect(parseError(() => parseBeirCorpus('{"text": "a"}')).message).toMatch(/expected a non-empty string "_id", found no "_id"/);
    expect(parseError(() => parseBeirCorpus('{"_id": "1"}')).message).toMatch(/expected a string "text", found no "text"/);
    expect(parseError(() => parseBeirCorpus('{"_id": "1", "text": "a", "title": 5}')).message).toMatch(/expected a string "title"/);
    expect(parseError(() => parseBeirCorpus('{"_id": 1.5, "text": "a"}')).message).toMatch(/found "_id": 1.5/);
    const repeated = parseError(() => parseBeirCorpus('{"_id": "1", "text": "a"}\n\n{"_id": "1", "text": "b"}'));
    expect(repeated.line).toBe(3);
    expect(repeated.message).toMatch(/"_id" "1" again \(first on line 1\)/);
  });

  it('can be fed line by line', () => {
    const reader = createBeirCorpusReader('stream');
    reader.readLine('{"_id": "a", "text": "x"}');
    reader.readLine('{"_id": "b", "text": "y"}');
    expect(reader.rows.map((row) => row.id)).toEqual(['a', 'b']);
  });
});

describe('parseBeirQueries', () => {
  it('reads _id and text and keeps metadata', () => {
    expect(parseBeirQueries('{"_id": "1", "text": "what lift", "metadata": {"cran_qry_I": "001"}}\n')).toEqual([
      { id: '1', text: 'what lift', extra: { metadata: { cran_qry_I: '001' } } },
    ]);
  });

  it('keeps a "title" key of a query as an extra field and requires text', () => {
    expect(parseBeirQueries('{"_id": "1", "text": "t", "title": "x"}')[0]!.extra).toEqual({ title: 'x' });
    expect(parseError(() => parseBeirQueries('{"_id": "1"}', 'queries.jsonl')).message).toBe(
      'queries.jsonl line 1: expected a string "text", found no "text"',
    );
  });
});

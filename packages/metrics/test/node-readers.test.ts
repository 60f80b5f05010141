import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../src/index.js';
import { readQrelsFile, readRunFile, streamTrecRun } from '../src/node/index.js';

const folder = mkdtempSync(join(tmpdir(), 'benchline-readers-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

async function collect(path: string, options: { requireGrouped?: boolean } = {}): Promise<{ qid: string; docnos: string[]; tag: string }[]> {
  const topics: { qid: string; docnos: string[]; tag: string }[] = [];
  for await (const topic of streamTrecRun(path, options)) topics.push({ qid: topic.qid, docnos: topic.documents.map((document) => document.docno), tag: topic.tag });
  return topics;
}

describe('Node readers', () => {
  it('read gzipped and plain qrels and runs, detecting BEIR TSV and JSON Lines', async () => {
    expect((await readQrelsFile(file('q.tsv.gz', gzipSync('query-id\tcorpus-id\tscore\nq1\td1\t2\n')))).get('q1')?.get('d1')).toBe(2);
    expect((await readRunFile(file('r.jsonl', '{"qid":"q1","docno":"d1","score":0.5}\n{"qid":"q1","docno":"d2","score":0.25}\n'))).results.get('q1')?.length).toBe(2);
    await expect(readRunFile(file('bad.run', 'q1 Q0 d1 1 x r\n'))).rejects.toThrow(`${join(folder, 'bad.run')} line 1: expected a numeric score in field 5, found "x"`);
  });

  it('streams a run one query at a time, across chunk boundaries, gzipped or not', async () => {
    const lines: string[] = [];
    for (let topic = 0; topic < 30; topic++) for (let rank = 0; rank < 500; rank++) lines.push(`q${String(topic)} Q0 doc-${String(rank)} ${String(rank + 1)} ${String(1000 - rank)} run${String(topic)}`);
    const text = `\uFEFF${lines.join('\r\n')}\r\n`;
    for (const path of [file('big.run', text), file('big.run.gz', gzipSync(text))]) {
      const topics = await collect(path);
      expect(topics.map((topic) => topic.qid)).toEqual(Array.from({ length: 30 }, (_unused, index) => `q${String(index)}`));
      expect(topics.every((topic) => topic.docnos.length === 500)).toBe(true);
      expect(topics[29]?.tag).toBe('run29');
    }
  });

  it('reports a malformed line with its number, and interleaved queries when asked to', async () => {
    await expect(collect(file('short.run', 'q1 Q0 d1 1 1 r\nq1 Q0 d2\n'))).rejects.toThrow(ParseError);
    await expect(collect(file('short2.run', 'q1 Q0 d1 1 1 r\nq1 Q0 d2\n'))).rejects.toThrow('short2.run line 2: expected 6 whitespace-separated fields');
    const interleaved = file('interleaved.run', 'q1 Q0 d1 1 1 r\nq2 Q0 d1 1 1 r\nq1 Q0 d2 2 0 r\n');
    expect((await collect(interleaved)).map((topic) => topic.qid)).toEqual(['q1', 'q2', 'q1']);
    await expect(collect(interleaved, { requireGrouped: true })).rejects.toThrow('expected the lines of query "q1" together');
    await expect(collect(file('empty.run', ''))).rejects.toThrow('found no such line (an empty file)');
  });
});

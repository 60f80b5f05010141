import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError } from '../errors.js';
import { loadBeirDataset } from './datasets.js';

describe('loadBeirDataset', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'benchline-beir-'));
    await mkdir(join(folder, 'qrels'));
    await writeFile(join(folder, 'corpus.jsonl'), '{"_id": "d1", "title": "T", "text": "x"}\r\n{"_id": "d2", "text": "y"}\r\n');
    await writeFile(join(folder, 'queries.jsonl'), '{"_id": "q1", "text": "x"}\n{"_id": "q2", "text": "unjudged"}\n');
    await writeFile(join(folder, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\n');
    await writeFile(join(folder, 'qrels', 'dev.tsv'), 'q1\td1\t1\n');
    await writeFile(join(folder, 'qrels', 'bad.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\n');
    await writeFile(join(folder, 'qrels', 'twice.tsv'), 'q1\td1\t1\nq1\td1\t2\n');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads corpus, every query and the test split', async () => {
    const dataset = await loadBeirDataset(folder);
    expect(dataset.split).toBe('test');
    expect(dataset.corpus).toEqual([
      { id: 'd1', title: 'T', text: 'x' },
      { id: 'd2', title: '', text: 'y' },
    ]);
    expect(dataset.queries.map((query) => query.id)).toEqual(['q1', 'q2']);
    expect(dataset.qrels).toEqual(new Map([['q1', new Map([['d1', 2], ['d2', 0]])]]));
  });

  it('reads a qrels file without header from its first line', async () => {
    const dataset = await loadBeirDataset(folder, { split: 'dev' });
    expect(dataset.qrels).toEqual(new Map([['q1', new Map([['d1', 1]])]]));
  });

  it('says which splits exist when the asked one does not', async () => {
    const error = await loadBeirDataset(folder, { split: 'train' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toBe(`${folder}: expected qrels/train.tsv, found only the splits bad, dev, test, twice`);
  });

  it('names the file and line of a malformed or repeated judgment', async () => {
    await expect(loadBeirDataset(folder, { split: 'bad' })).rejects.toThrow(
      `${join(folder, 'qrels', 'bad.tsv')} line 2: expected 3 tab-separated columns (query-id, corpus-id, score), found 2: "q1\td1"`,
    );
    await expect(loadBeirDataset(folder, { split: 'twice' })).rejects.toThrow(/twice\.tsv line 2: expected each document judged at most once per query/);
  });

  it('names a missing file', async () => {
    await expect(loadBeirDataset(join(folder, 'qrels'))).rejects.toThrow(/expected a BEIR dataset folder with corpus\.jsonl, found no corpus\.jsonl/);
  });
});

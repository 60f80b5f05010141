import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createBeirCorpusReader, createBeirQueriesReader } from '../datasets/beir.js';
import type { BeirLineReader } from '../datasets/beir.js';
import type { CorpusDocument, SearchQuery } from '../datasets/corpus.js';
import { ParseError } from '../errors.js';
import { parseBeirQrels } from '../io/beir-qrels.js';
import type { Qrels } from '../types.js';

/** A BEIR dataset folder read into memory. */
export interface BeirDataset {
  readonly corpus: CorpusDocument[];
  /** Every query of `queries.jsonl`, judged or not (BEIR's loader would drop the unjudged ones). */
  readonly queries: SearchQuery[];
  readonly qrels: Qrels;
  /** The qrels split that was read (`test`, `dev`, `train`...). */
  readonly split: string;
}

/** Options of {@link loadBeirDataset}. */
export interface LoadBeirDatasetOptions {
  /** Which `qrels/<split>.tsv` to read (default `'test'`). */
  readonly split?: string;
}

async function streamLines<Row>(path: string, reader: BeirLineReader<Row>): Promise<Row[]> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) reader.readLine(line);
  return reader.rows;
}

async function requireFile(path: string, folder: string, what: string): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (found?.isFile() !== true) {
    throw new ParseError({
      source: folder,
      line: 0,
      expected: `a BEIR dataset folder with ${what}`,
      found: found === undefined ? `no ${basename(path)}` : `${basename(path)} that is not a file`,
    });
  }
}

/**
 * Reads a BEIR `corpus.jsonl` line by line (files larger than a JavaScript string can hold are fine).
 *
 * @param path - the file.
 * @returns the documents in file order.
 * @throws {ParseError} for a malformed line (file, line, expected, found).
 */
export async function readBeirCorpus(path: string): Promise<CorpusDocument[]> {
  return streamLines(path, createBeirCorpusReader(path));
}

/**
 * Reads a BEIR `queries.jsonl`.
 *
 * @param path - the file.
 * @returns the queries in file order.
 * @throws {ParseError} for a malformed line.
 */
export async function readBeirQueries(path: string): Promise<SearchQuery[]> {
  return streamLines(path, createBeirQueriesReader(path));
}

/**
 * Reads a BEIR dataset folder: `corpus.jsonl`, `queries.jsonl` and `qrels/<split>.tsv`.
 *
 * @param folder - the dataset folder (e.g. `scifact/`).
 * @param options - which qrels split (default `test`).
 * The qrels go through the evaluation engine's {@link parseBeirQrels}: a first line whose third column is an
 * integer is a judgment, not a header; a repeated judgment is an error.
 *
 * @returns corpus, queries (all of them) and qrels.
 * @throws {ParseError} when a file is missing (naming the splits that exist) or malformed.
 */
export async function loadBeirDataset(folder: string, options: LoadBeirDatasetOptions = {}): Promise<BeirDataset> {
  const split = options.split ?? 'test';
  const corpusPath = join(folder, 'corpus.jsonl');
  const queriesPath = join(folder, 'queries.jsonl');
  const qrelsPath = join(folder, 'qrels', `${split}.tsv`);
  await requireFile(corpusPath, folder, 'corpus.jsonl');
  await requireFile(queriesPath, folder, 'queries.jsonl');
  const qrelsFile = await stat(qrelsPath).catch(() => undefined);
  if (qrelsFile?.isFile() !== true) {
    const splits = (await readdir(join(folder, 'qrels')).catch(() => []))
      .filter((name) => name.endsWith('.tsv'))
      .map((name) => name.slice(0, -'.tsv'.length))
      .sort();
    throw new ParseError({
      source: folder,
      line: 0,
      expected: `qrels/${split}.tsv`,
      found: splits.length === 0 ? 'no qrels/*.tsv' : `only the split${splits.length === 1 ? '' : 's'} ${splits.join(', ')}`,
    });
  }
  const [corpus, queries, qrels] = await Promise.all([
    readBeirCorpus(corpusPath),
    readBeirQueries(queriesPath),
    readFile(qrelsPath).then((bytes) => parseBeirQrels(bytes, { source: qrelsPath })),
  ]);
  return { corpus, queries, qrels, split };
}

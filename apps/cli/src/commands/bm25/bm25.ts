import { resolve } from 'node:path';
import { bm25Index, formatTrecRun } from '@benchline/metrics';
import type { AnalyzerName, Bm25Variant, Run, ScoredDocument } from '@benchline/metrics';
import { loadBeirDataset } from '@benchline/metrics/node';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { parsePositiveInteger } from '../../options.js';
import { createProgress } from '../../output/progress.js';
import { writeTextAtomically } from '../compare/write-output.js';
import type { Bm25Flags } from './register.js';

function parseNumber(flag: string, text: string, minimum: number, maximum = Infinity): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < minimum || value > maximum) {
    throw usageError(`${flag} expects a number${maximum === Infinity ? ` ≥ ${String(minimum)}` : ` from ${String(minimum)} to ${String(maximum)}`}, got "${text}"`);
  }
  return value;
}

/** `benchline bm25 --dataset DIR`: builds the index, searches the split's queries, writes a TREC run. */
export async function bm25Command(flags: Bm25Flags, io: CliIo): Promise<void> {
  const k1 = parseNumber('--k1', flags.k1, 0);
  const b = parseNumber('--b', flags.b, 0, 1);
  const top = parsePositiveInteger('--top', flags.top);
  const fields = flags.fields.split(',').map((key) => key.trim()).filter((key) => key !== '');
  if (fields.length === 0) throw usageError('--fields expects one or more document keys, e.g. title,text');
  if (/\s/.test(flags.name) || flags.name === '') throw usageError(`--name expects a run tag without spaces, got "${flags.name}"`);
  if (flags.json && flags.out === undefined) throw usageError('--json prints a summary; give --out for the run itself');
  const folder = resolve(io.cwd, flags.dataset);
  const started = Date.now();
  const dataset = await loadBeirDataset(folder, { split: flags.split });
  const queries = flags.allQueries ? dataset.queries : dataset.queries.filter((query) => dataset.qrels.has(query.id));
  const index = bm25Index(dataset.corpus, { variant: flags.variant as Bm25Variant, k1, b, analyzer: flags.analyzer as AnalyzerName, fields: [{ source: fields }] });
  // Search in batches so a large query set shows progress on a terminal.
  const results = new Map<string, ScoredDocument[]>();
  const progress = createProgress(io, { total: queries.length, label: `${flags.name}: searching` });
  const batchSize = 500;
  for (let start = 0; start < queries.length; start += batchSize) {
    const batch = index.search(queries.slice(start, start + batchSize), { k: top, name: flags.name, removeQueryId: flags.removeQueryId });
    for (const [queryId, documents] of batch.results) results.set(queryId, [...documents]);
    progress.update(Math.min(queries.length, start + batchSize));
  }
  progress.stop();
  const run: Run = { name: flags.name, results };
  const lines = formatTrecRun(run);
  if (flags.out === undefined) {
    for (const chunk of lines) io.stdout.write(chunk);
  } else {
    await writeTextAtomically(resolve(io.cwd, flags.out), lines);
  }
  const summary = {
    dataset: folder,
    split: dataset.split,
    documents: dataset.corpus.length,
    queries: queries.length,
    queriesWithResults: run.results.size,
    configuration: index.configuration,
    depth: top,
    run: flags.out === undefined ? null : resolve(io.cwd, flags.out),
    milliseconds: Date.now() - started,
  };
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  io.stderr.write(
    `${flags.name}: ${String(queries.length)} queries over ${String(dataset.corpus.length)} documents (${flags.variant}, k1 = ${String(k1)}, b = ${String(b)}, ${flags.analyzer}, fields ${fields.join('+')}, top ${String(top)})${flags.out === undefined ? '' : `, written to ${summary.run ?? ''}`} in ${String(summary.milliseconds)} ms\n`,
  );
}

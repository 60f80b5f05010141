import { fileURLToPath } from 'node:url';
import { beirFileNames } from '../benchmark/benchmark.js';
import type { BeirFileName } from '../benchmark/benchmark.js';

/**
 * The folder of the built-in concept-search benchmark in BEIR layout (`corpus.jsonl`, `queries.jsonl`,
 * `qrels/test.tsv`), shipped inside the package. The same data is importable in any runtime as
 * `conceptSearchBenchmark` from `@benchline/glossary`.
 *
 * @returns an absolute path ending with a path separator.
 */
export function benchmarkDirectory(): string {
  // src/node/ and dist/node/ are both two levels below the package root, where data/ lives.
  return fileURLToPath(new URL('../../data/concept-search/', import.meta.url));
}

/** Absolute paths of the benchmark's BEIR files, by file name. */
export function benchmarkFiles(): Record<BeirFileName, string> {
  const directory = benchmarkDirectory();
  return Object.fromEntries(beirFileNames.map((name) => [name, `${directory}${name}`])) as Record<BeirFileName, string>;
}

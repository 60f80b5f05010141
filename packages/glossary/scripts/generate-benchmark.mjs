// Writes the concept-search benchmark in BEIR layout from the built library (run `pnpm generate`, which builds
// first). Each file is written to a temporary name in its folder and renamed, so a reader never sees half a file.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beirFiles, conceptSearchBenchmark } from '../dist/index.js';
import { benchmarkDirectory } from '../dist/node/index.js';

const directory = benchmarkDirectory();
for (const [name, contents] of Object.entries(beirFiles())) {
  const target = join(directory, name);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, target);
}
const { corpus, queries, judgments } = conceptSearchBenchmark;
process.stdout.write(
  `wrote ${directory}: ${corpus.length} documents, ${queries.length} queries, ${judgments.length} judgments\n`,
);

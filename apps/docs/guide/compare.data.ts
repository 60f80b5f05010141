import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchmarkDirectory } from '@benchline/glossary/node';
import { adjustPValues } from '@benchline/metrics';
import { runCli } from '../.vitepress/lib/run-cli.js';
import { defaultScoresText, parseColumns, runTests } from '../.vitepress/theme/tools/significance-model.js';

export interface CompareGuideData {
  readonly scores: string;
  readonly queries: number;
  readonly meanBaseline: string;
  readonly meanSystem: string;
  readonly meanDifference: string;
  readonly interval: string;
  readonly cohenDz: string;
  readonly hedgesGz: string;
  readonly wins: number;
  readonly ties: number;
  readonly losses: number;
  readonly tests: { readonly name: string; readonly statistic: string; readonly pValue: string; readonly detail: string }[];
  readonly rawPValues: readonly number[];
  readonly adjusted: { readonly method: string; readonly values: readonly string[] }[];
  /** `benchline bench` on the built-in concept-search benchmark. */
  readonly benchOutput: string;
  /** `benchline compare` on two of that benchmark's runs. */
  readonly compareCommand: string;
  readonly compareOutput: string;
}

declare const data: CompareGuideData;
export { data };

const docsRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs the five paired tests and the p-value corrections of `@benchline/metrics` on the guide's example. */
export default {
  async load(): Promise<CompareGuideData> {
    const columns = parseColumns(defaultScoresText);
    const { summary, rows } = runTests(columns, { alternative: 'two-sided', confidenceLevel: 0.95, resamples: 10_000, seed: 42 });
    const rawPValues = [summary.pValue, 0.012, 0.21];
    const folder = await mkdtemp(join(tmpdir(), 'benchline-docs-compare-'));
    let benchOutput: string;
    let compareOutput: string;
    const compareArguments = ['compare', '--qrels', 'qrels.tsv', '--baseline', 'runs/bm25.run', 'runs/glossary-search.run', 'runs/bm25-cjk.run', '-m', 'nDCG@10', '-m', 'Success@1', '--test', 'randomization'];
    try {
      benchOutput = await runCli(docsRoot, ['bench', '--save-runs', 'runs'], folder);
      await copyFile(join(benchmarkDirectory(), 'qrels', 'test.tsv'), join(folder, 'qrels.tsv'));
      compareOutput = await runCli(docsRoot, compareArguments, folder);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    return {
      scores: defaultScoresText,
      queries: summary.n,
      meanBaseline: summary.meanBaseline.toFixed(4),
      meanSystem: summary.meanSystem.toFixed(4),
      meanDifference: summary.meanDifference.toFixed(4),
      interval: `[${summary.confidenceInterval.lower.toFixed(4)}, ${summary.confidenceInterval.upper.toFixed(4)}]`,
      cohenDz: summary.cohenDz.toFixed(3),
      hedgesGz: summary.hedgesGz.toFixed(3),
      wins: summary.wins,
      ties: summary.ties,
      losses: summary.losses,
      tests: rows.map((row) => ({ name: row.name, statistic: row.statistic, pValue: row.pValue.toFixed(4), detail: row.detail })),
      rawPValues,
      adjusted: (['bonferroni', 'holm', 'bh'] as const).map((method) => ({ method, values: adjustPValues(rawPValues, method).map((value) => value.toFixed(4)) })),
      benchOutput,
      compareCommand: `benchline ${compareArguments.join(' ')}`,
      compareOutput,
    };
  },
};

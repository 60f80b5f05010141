import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, parseTrecQrels, parseTrecRun, recallAtK, successAtK } from '@benchline/metrics';
import { runCli } from '../.vitepress/lib/run-cli.js';
import { exampleQrels, exampleRun } from './example-files.js';

export interface EvaluateGuideData {
  readonly qrels: string;
  readonly run: string;
  readonly trecEvalOutput: string;
  readonly trecEvalPerQuery: string;
  readonly evalOutput: string;
  readonly library: { readonly measure: string; readonly value: string }[];
  readonly perQuery: { readonly query: string; readonly relevant: number; readonly success: number; readonly recall: string }[];
  readonly successAt1: string;
  readonly recallAt1: string;
  readonly single: { readonly success: number; readonly recall: number };
}

declare const data: EvaluateGuideData;
export { data };

const docsRoot = fileURLToPath(new URL('..', import.meta.url));

/** Runs `benchline trec-eval`, `benchline eval` and the library on the guide's example files at build time. */
export default {
  async load(): Promise<EvaluateGuideData> {
    const folder = await mkdtemp(join(tmpdir(), 'benchline-docs-evaluate-'));
    try {
      await writeFile(join(folder, 'qrels.txt'), exampleQrels);
      await writeFile(join(folder, 'run.txt'), exampleRun);
      const [trecEvalOutput, trecEvalPerQuery, evalOutput] = await Promise.all([
        runCli(docsRoot, ['trec-eval', '-m', 'map', '-m', 'recip_rank', '-m', 'ndcg_cut.10', '-m', 'recall.1', '-m', 'success.1', 'qrels.txt', 'run.txt'], folder),
        runCli(docsRoot, ['trec-eval', '-q', '-m', 'recall.1', '-m', 'success.1', 'qrels.txt', 'run.txt'], folder),
        runCli(docsRoot, ['eval', '--qrels', 'qrels.txt', 'run.txt', '-m', 'AP', '-m', 'RR', '-m', 'nDCG@10', '-m', 'R@1', '-m', 'Success@1'], folder),
      ]);
      const qrels = parseTrecQrels(exampleQrels);
      const run = parseTrecRun(exampleRun);
      const evaluation = evaluate(qrels, run, ['AP', 'RR', 'nDCG@10', 'R@1', 'Success@1']);
      const library = evaluation.measures.map((spec) => ({ measure: spec.name, value: (evaluation.aggregate[spec.name] ?? Number.NaN).toFixed(4) }));
      const perQuery = evaluation.queries.map((query) => {
        const judged = qrels.get(query) ?? new Map<string, number>();
        return {
          query,
          relevant: [...judged.values()].filter((grade) => grade > 0).length,
          success: evaluation.perQuery[query]?.['Success@1'] ?? Number.NaN,
          recall: (evaluation.perQuery[query]?.['R@1'] ?? Number.NaN).toFixed(4),
        };
      });
      const relevant = new Set(['d3', 'd7']);
      return {
        qrels: exampleQrels.trimEnd(),
        run: exampleRun.trimEnd(),
        trecEvalOutput,
        trecEvalPerQuery,
        evalOutput,
        library,
        perQuery,
        successAt1: (evaluation.aggregate['Success@1'] ?? Number.NaN).toFixed(4),
        recallAt1: (evaluation.aggregate['R@1'] ?? Number.NaN).toFixed(4),
        single: { success: successAtK(['d3', 'd1', 'd2'], relevant, 1), recall: recallAtK(['d3', 'd1', 'd2'], relevant, 1) },
      };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};

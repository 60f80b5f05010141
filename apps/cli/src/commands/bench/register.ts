import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { collectList } from '../../options.js';

export interface BenchFlags {
  spec?: string;
  dataset?: string;
  split?: string;
  baseline?: string;
  system?: string[];
  measure?: string[];
  test?: string;
  correction?: string;
  alpha?: string;
  seed?: string;
  cacheDir?: string;
  format: string;
  json: boolean;
  out?: string;
  saveRuns?: string;
  printSpec: boolean;
}

function repeat(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const registerBenchCommands: RegisterCommands = (program, io) => {
  program
    .command('bench')
    .description('run a benchmark: build the baseline, evaluate every system, compare with significance tests (no arguments: the built-in concept-search benchmark)')
    .option('--spec <file>', 'a benchmark spec (JSON): dataset, measures, test, correction, baseline, systems, seed')
    .option('--dataset <dir|name>', 'a BEIR folder, "concept-search" (built-in) or a downloaded BEIR name (see benchline dataset get)')
    .option('--split <name>', 'qrels split (default test)')
    .option('--baseline <bm25|run>', 'the baseline: "bm25" (Anserini defaults, built from the corpus) or a run file (default bm25)')
    .option('--system <run>', 'a system run file; repeat for several (default with --dataset: RRF of three BM25 variants)', repeat)
    .option('-m, --measure <name>', 'a measure; repeat or comma-separate', collectList)
    .addOption(new Option('--test <test>', 'paired test (default t); tukey: randomized Tukey HSD over all systems, no --correction').choices(['t', 'randomization', 'bootstrap', 'wilcoxon', 'sign', 'tukey']))
    .addOption(new Option('--correction <method>', 'multiple-comparison correction (default holm)').choices(['holm', 'bonferroni', 'bh', 'none']))
    .option('--alpha <level>', 'significance level (default 0.05)')
    .option('--seed <n>', 'seed of random runs and of the randomization/bootstrap tests (default 42)')
    .option('--cache-dir <dir>', 'where downloaded datasets are cached (default $XDG_CACHE_HOME/benchline or ~/.cache/benchline)')
    .addOption(new Option('--format <format>', 'report format').choices(['table', 'markdown', 'latex', 'csv', 'json', 'html']).default('table'))
    .option('--json', 'the report as JSON (every number, with the benchmark spec and timings)', false)
    .option('--out <file>', 'write the report to this file (atomically) instead of stdout')
    .option('--save-runs <dir>', 'also write every run as a TREC file into this folder')
    .option('--print-spec', 'print the benchmark spec that would run (JSON) and stop; save it to re-run the comparison exactly', false)
    .addHelpText(
      'after',
      `
With no arguments, bench runs the built-in concept-search benchmark shipped with the glossary (243 English,
Chinese and mixed queries over 70 entries; no download): BM25 as the baseline against BM25 with CJK bigrams,
RRF of per-language BM25, the glossary's own search, and CombSUM of the glossary's search with CJK BM25.
Success@1 is the share of queries whose first result is relevant (the "R@1" of QA papers); R@k is TREC recall.
${examples([
  'benchline bench',
  'benchline bench --print-spec > concept-search.json && benchline bench --spec concept-search.json',
  'benchline bench --dataset ../shared/data/cranfield/beir --json',
  'benchline bench --dataset scifact/ --system dense.run --system hybrid.run -m nDCG@10 -m R@100',
  'benchline bench --spec bench.json --format html --out report.html',
])}`,
    )
    .action(async (flags: BenchFlags) => {
      const { benchCommand } = await import('./bench.js');
      await benchCommand(flags, io);
    });
};

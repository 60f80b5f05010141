import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { collectList } from '../../options.js';

export interface CompareFlags {
  qrels: string;
  baseline: string;
  measure?: string[];
  test: string;
  correction?: string;
  alpha: string;
  alternative: string;
  seed: string;
  permutations: string;
  format: string;
  json: boolean;
  out?: string;
  title?: string;
  trecEvalVersion: string;
}

export const registerCompareCommands: RegisterCommands = (program, io) => {
  program
    .command('compare')
    .description('compare systems with a baseline: paired significance tests, multiple-comparison correction, effect sizes, reports')
    .argument('<runs...>', 'system run files (TREC, JSON or JSON Lines, optionally gzipped)')
    .requiredOption('--qrels <file>', 'judgments: TREC qrels, BEIR qrels TSV, JSON or JSON Lines')
    .requiredOption('--baseline <run>', 'the baseline run every system is compared with')
    .option('-m, --measure <name>', 'a measure; repeat or comma-separate (default: nDCG@10 AP RR@10 R@100 Success@1)', collectList)
    .addOption(new Option('--test <test>', 'paired test; tukey: randomized Tukey HSD over all systems at once').choices(['t', 'randomization', 'bootstrap', 'wilcoxon', 'sign', 'tukey']).default('t'))
    .addOption(new Option('--correction <method>', 'multiple-comparison correction over every system × measure (default: holm when more than one comparison; none with --test tukey)').choices(['holm', 'bonferroni', 'bh', 'none']))
    .option('--alpha <level>', 'significance level', '0.05')
    .addOption(new Option('--alternative <hypothesis>', 'alternative hypothesis on system − baseline').choices(['two-sided', 'greater', 'less']).default('two-sided'))
    .option('--seed <n>', 'seed of the randomization, bootstrap and tukey tests', '42')
    .option('--permutations <n>', 'random sign flips (randomization), resamples (bootstrap) or shuffles (tukey)', '10000')
    .addOption(new Option('--format <format>', 'report format').choices(['table', 'markdown', 'latex', 'csv', 'json', 'html']).default('table'))
    .option('--json', 'the same as --format json', false)
    .option('--out <file>', 'write the report to this file (atomically) instead of stdout')
    .option('--title <text>', 'a title for the report')
    .addOption(new Option('--trec-eval-version <version>', 'trec_eval behaviour to match').choices(['9.0.8', '10.0']).default('9.0.8'))
    .addHelpText(
      'after',
      `
Every judged query counts: a run without results for a judged query scores 0 on it (trec_eval -c), so all
systems are tested on the same queries. The correction's family is every system × measure against the
baseline. With --test tukey (randomized Tukey HSD, Carterette 2012; Sakai's Discpower) the systems and the
baseline are compared all at once, per measure: each p-value comes from the family of all pairs, so it is
family-wise already and --correction is refused (leave it out or give none); the report adds every pair's
p-value. Use it for many systems; for a few systems against one baseline, a paired test with Holm does as
well. Significant wins and losses are marked ▲/▼ (superscript letters in LaTeX, as ranx). JSON holds
every number, per-query scores included; HTML is one self-contained file with per-query difference plots.
R@k is TREC recall; the hit rate papers call R@1 is Success@1.
${examples([
  'benchline compare --qrels qrels.txt --baseline bm25.run fused.run dense.run',
  'benchline compare --qrels qrels/test.tsv --baseline bm25.run dense.run -m nDCG@10 -m Success@1 --test randomization',
  'benchline compare --qrels qrels.txt --baseline bm25.run a.run b.run c.run d.run --test tukey',
  'benchline compare --qrels qrels.txt --baseline bm25.run a.run b.run --format latex --out table.tex',
  'benchline compare --qrels qrels.txt --baseline bm25.run a.run --format html --out report.html',
])}`,
    )
    .action(async (runs: string[], flags: CompareFlags) => {
      const { compareCommand } = await import('./compare.js');
      await compareCommand(runs, flags, io);
    });
};

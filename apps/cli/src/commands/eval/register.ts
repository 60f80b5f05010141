import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';

function repeat(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const registerEvalCommands: RegisterCommands = (program, io) => {
  program
    .command('eval')
    .description('evaluate runs with readable measure names (nDCG@10, R@100, RR@10...), several runs side by side')
    .argument('<runs...>', 'run files: TREC run lines, JSON or JSON Lines, optionally gzipped')
    .requiredOption('--qrels <file>', 'judgments: TREC qrels, BEIR qrels TSV, JSON or JSON Lines, optionally gzipped')
    .option('-m, --measure <name>', 'a measure; repeat for several (default: nDCG@10 AP RR@10 R@100 R@1000 P@10 Success@1)', repeat)
    .option('--per-query', 'one row per run and query, then the means', false)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'csv', 'json']).default('table'))
    .option('--json', 'the same as --format json', false)
    .addOption(new Option('--trec-eval-version <version>', 'trec_eval behaviour to match').choices(['9.0.8', '10.0']).default('9.0.8'))
    .addOption(new Option('--missing-queries <policy>', 'judged queries without results: skip them (trec_eval default) or count them as 0 (trec_eval -c)').choices(['skip', 'zero']).default('skip'))
    .addHelpText(
      'after',
      `
Measure names (ir_measures style; trec_eval names such as ndcg_cut.10 work too):
  nDCG@10  nDCG   AP  AP@100  RR  RR@10  P@5  P(rel=2)@5  R@1000  Success@1  Judged@10
  Rprec  Bpref  infAP  IPrec@0.1  SetP  SetR  SetF  NumRet  NumRel  NumRelRet  NumQ  RBP(p=0.8)
  (rel=N) sets the grade that counts as relevant; (judged_only=True) drops unjudged documents first.

R@k is TREC recall: the fraction of a query's relevant documents found in the top k (trec_eval recall.k,
ir_measures R@k). The "R@1" of image/text retrieval and QA papers, 1 when any relevant document is in the
top k, is Success@k (also written Hit@k or HitRate@k). They differ whenever a query has several relevant
documents: BM25 on Cranfield scores R@1 0.05 but Success@1 0.28. The output names the measure evaluated.
${examples([
  'benchline eval --qrels qrels.txt run.txt',
  'benchline eval --qrels qrels/test.tsv bm25.run dense.run -m nDCG@10 -m R@100 -m Success@1',
  'benchline eval --qrels qrels.txt run.txt -m "P(rel=2)@5" --per-query --format csv',
  'benchline eval --qrels qrels.txt a.run b.run --format markdown',
])}`,
    )
    .action(async (runs: string[], options: { qrels: string; measure?: string[]; perQuery: boolean; format: string; json: boolean; trecEvalVersion: string; missingQueries: string }) => {
      const { evalCommand } = await import('./eval.js');
      await evalCommand(
        {
          qrels: options.qrels,
          runs,
          measures: options.measure ?? [],
          perQuery: options.perQuery,
          format: (options.json ? 'json' : options.format) as 'table' | 'markdown' | 'csv' | 'json',
          version: options.trecEvalVersion as '9.0.8' | '10.0',
          missingQueries: options.missingQueries as 'skip' | 'zero',
        },
        io,
      );
    });
};

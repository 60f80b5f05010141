import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';

export interface Bm25Flags {
  dataset: string;
  split: string;
  k1: string;
  b: string;
  variant: string;
  analyzer: string;
  fields: string;
  top: string;
  allQueries: boolean;
  removeQueryId: boolean;
  name: string;
  out?: string;
  json: boolean;
}

export const registerBm25Commands: RegisterCommands = (program, io) => {
  program
    .command('bm25')
    .description('the BM25 baseline run of a BEIR dataset folder, written as a TREC run')
    .requiredOption('--dataset <dir>', 'a BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv')
    .option('--split <name>', 'which qrels split selects the queries', 'test')
    .option('--k1 <value>', 'term-frequency saturation (Anserini: 0.9)', '0.9')
    .option('--b <value>', 'length normalisation, 0 to 1 (Anserini: 0.4)', '0.4')
    .addOption(new Option('--variant <formula>', 'BM25 formula').choices(['lucene', 'robertson', 'atire', 'bm25l', 'bm25+', 'classic', 'rank-bm25']).default('lucene'))
    .addOption(new Option('--analyzer <name>', 'text analysis: English (stopwords, Porter stemmer), English without stemming, CJK bigrams, whitespace').choices(['english', 'english-no-stem', 'cjk', 'whitespace']).default('english'))
    .option('--fields <keys>', 'document keys indexed as one field, comma-separated (title, text, or keys of corpus.jsonl such as text_zh)', 'title,text')
    .option('--top <n>', 'documents kept per query', '1000')
    .option('--all-queries', 'answer every query of queries.jsonl, not only the judged ones of the split', false)
    .option('--remove-query-id', "drop a document whose id is the query's (ArguAna, Quora)", false)
    .option('--name <tag>', 'the run tag (sixth column)', 'bm25')
    .option('--out <file>', 'write the run to this file (atomically) instead of stdout')
    .option('--json', 'print a summary as JSON on stdout (needs --out for the run)', false)
    .addHelpText(
      'after',
      `
Defaults follow Anserini/Pyserini on BEIR: Lucene's BM25 with k1 = 0.9, b = 0.4, title and text indexed as one
field, the English analyzer, the top 1000. Parameters are part of a baseline's definition: report them.
${examples([
  'benchline bm25 --dataset scifact/ --out bm25.run',
  'benchline bm25 --dataset cranfield/beir --k1 1.2 --b 0.75 --analyzer english-no-stem --out bm25.run',
  'benchline bm25 --dataset concept-search/ --analyzer cjk --fields title_zh,text_zh --name bm25-zh --out zh.run',
])}`,
    )
    .action(async (flags: Bm25Flags) => {
      const { bm25Command } = await import('./bm25.js');
      await bm25Command(flags, io);
    });
};

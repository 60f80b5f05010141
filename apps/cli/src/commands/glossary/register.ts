import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { parsePositiveInteger } from '../../options.js';

const languageOption = (): Option =>
  new Option('--lang <language>', 'language of the output: en or zh (default: zh when the term is Chinese, else en)').choices(['en', 'zh']);

export const registerGlossaryCommands: RegisterCommands = (program, io) => {
  const glossary = program
    .command('glossary')
    .description('the bilingual (English/Chinese) glossary: benchmark vs baseline, R@1 vs Recall@K, LoRA, statistics...');

  glossary
    .command('list')
    .description('list the glossary entries, optionally of one topic')
    .option('--topic <topic>', 'only this topic: benchmarking, retrieval-metric, statistics, retrieval-method, fine-tuning, general')
    .addOption(new Option('--lang <language>', 'language of the term column shown first').choices(['en', 'zh']).default('en'))
    .option('--json', 'print the entries as JSON on stdout', false)
    .addHelpText('after', examples(['benchline glossary list', 'benchline glossary list --topic statistics --lang zh', 'benchline glossary list --json']))
    .action(async (options: { topic?: string; lang: 'en' | 'zh'; json: boolean }) => {
      const { glossaryList } = await import('./list.js');
      await glossaryList(options, io);
    });

  glossary
    .command('show')
    .description('show one entry: definition, explanation, formula, worked example, pitfalls, related entries, references')
    .argument('<term>', 'an id, a term or an alias, in English or Chinese (case, width and spacing do not matter)')
    .addOption(languageOption())
    .option('--json', 'print the entry as JSON on stdout', false)
    .addHelpText('after', examples(['benchline glossary show r@1 --lang zh', 'benchline glossary show 基线模型', 'benchline glossary show lora --json']))
    .action(async (term: string, options: { lang?: 'en' | 'zh'; json: boolean }) => {
      const { glossaryShow } = await import('./show.js');
      await glossaryShow({ term, ...options }, io);
    });

  glossary
    .command('search')
    .description('search the glossary in English or Chinese, ranked (BM25 with CJK bigrams, exact names first)')
    .argument('<text...>', 'what to look for')
    .addOption(languageOption())
    .addOption(new Option('--limit <n>', 'most results to show').argParser((text) => parsePositiveInteger('--limit', text)).default(10))
    .option('--json', 'print the results as JSON on stdout', false)
    .addHelpText('after', examples(['benchline glossary search "share of queries whose first result is relevant"', 'benchline glossary search 召回率 --limit 3', 'benchline glossary search bonferoni --json']))
    .action(async (words: string[], options: { lang?: 'en' | 'zh'; limit: number; json: boolean }) => {
      const { glossarySearch } = await import('./search.js');
      await glossarySearch({ text: words.join(' '), ...options }, io);
    });
};

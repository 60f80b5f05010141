import { Command } from 'commander';
import { examples } from './command-kit.js';
import type { RegisterCommands } from './command-kit.js';
import { registerLoraCommands } from './commands/lora/register.js';
import { registerTrecEvalCommands } from './commands/trec-eval/register.js';
import { registerEvalCommands } from './commands/eval/register.js';
import { registerGlossaryCommands } from './commands/glossary/register.js';
import { registerCompareCommands } from './commands/compare/register.js';
import { registerBenchCommands } from './commands/bench/register.js';
import { registerBm25Commands } from './commands/bm25/register.js';
import { registerFuseCommands } from './commands/fuse/register.js';
import { registerDatasetCommands } from './commands/dataset/register.js';
import type { CliIo } from './io.js';

declare const BENCHLINE_VERSION: string | undefined;

/** The CLI's version: injected by the bundler; a placeholder when running on source. */
export const version: string = typeof BENCHLINE_VERSION === 'string' ? BENCHLINE_VERSION : '0.0.0-source';

/** Every command group, in the order `--help` lists them. */
const commandGroups: readonly RegisterCommands[] = [
  registerBenchCommands,
  registerTrecEvalCommands,
  registerEvalCommands,
  registerCompareCommands,
  registerBm25Commands,
  registerFuseCommands,
  registerDatasetCommands,
  registerLoraCommands,
  registerGlossaryCommands,
];

/** Declares every command and its flags. Start-up loads declarations only; each action imports its work. */
export function createProgram(io: CliIo): Command {
  const program = new Command('benchline')
    .description('Retrieval evaluation exactly as trec_eval computes it, benchmarks against baselines with honest statistics, and LoRA tooling.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
    })
    .exitOverride()
    .addHelpText(
      'after',
      examples([
        'benchline bench                                   # the built-in benchmark: BM25 vs stronger systems',
        'benchline trec-eval -m map -m ndcg_cut.10 qrels.txt run.txt',
        'benchline eval --qrels qrels.txt bm25.run fused.run -m nDCG@10 -m Success@1',
        'benchline compare --qrels qrels.txt --baseline bm25.run fused.run --format markdown',
        'benchline lora params --rows 10000 --cols 20000 --rank 8',
        'benchline glossary show r@1 --lang zh',
      ]),
    );

  for (const register of commandGroups) register(program, io);
  return program;
}

import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { parsePositiveInteger } from './options.js';

declare const BENCHLINE_VERSION: string | undefined;

/** The CLI's version: injected by the bundler, or read from package.json when running on source. */
export const version: string = typeof BENCHLINE_VERSION === 'string' ? BENCHLINE_VERSION : '0.0.0-source';

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/**
 * Declares every command and its flags. Actions import their module lazily, so `--help` and start-up never
 * load the work of a command that does not run.
 */
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
    .addHelpText('after', examples(['benchline lora params --rows 10000 --cols 20000 --rank 8', 'benchline lora params --rank 16 --rows 4096 --cols 4096 --json']));

  const lora = program
    .command('lora')
    .description('LoRA: parameter counts, memory, adapters, merging, extraction, training');

  lora
    .command('params')
    .description("trainable parameters of LoRA on one weight matrix, against a full update ΔW")
    .addOption(new Option('--rows <n>', 'rows of the weight matrix (output features)').argParser((text) => parsePositiveInteger('--rows', text)).makeOptionMandatory())
    .addOption(new Option('--cols <n>', 'columns of the weight matrix (input features)').argParser((text) => parsePositiveInteger('--cols', text)).makeOptionMandatory())
    .addOption(new Option('--rank <r>', 'LoRA rank r').argParser((text) => parsePositiveInteger('--rank', text)).makeOptionMandatory())
    .option('--json', 'print the result as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora params --rows 10000 --cols 20000 --rank 8', 'benchline lora params --rows 4096 --cols 4096 --rank 16 --json']))
    .action(async (options: { rows: number; cols: number; rank: number; json: boolean }) => {
      const { loraParams } = await import('./commands/lora/params.js');
      await loraParams(options, io);
    });

  return program;
}

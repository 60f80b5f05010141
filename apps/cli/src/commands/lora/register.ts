import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { parsePositiveInteger } from '../../options.js';

export const registerLoraCommands: RegisterCommands = (program, io) => {
  const lora = program.command('lora').description('LoRA: parameter counts, memory, adapters, merging, extraction, training');

  lora
    .command('params')
    .description('trainable parameters of LoRA on one weight matrix, against a full update ΔW')
    .addOption(new Option('--rows <n>', 'rows of the weight matrix (output features)').argParser((text) => parsePositiveInteger('--rows', text)).makeOptionMandatory())
    .addOption(new Option('--cols <n>', 'columns of the weight matrix (input features)').argParser((text) => parsePositiveInteger('--cols', text)).makeOptionMandatory())
    .addOption(new Option('--rank <r>', 'LoRA rank r').argParser((text) => parsePositiveInteger('--rank', text)).makeOptionMandatory())
    .option('--json', 'print the result as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora params --rows 10000 --cols 20000 --rank 8', 'benchline lora params --rows 4096 --cols 4096 --rank 16 --json']))
    .action(async (options: { rows: number; cols: number; rank: number; json: boolean }) => {
      const { loraParams } = await import('./params.js');
      await loraParams(options, io);
    });
};

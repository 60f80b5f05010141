import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { collectList, parsePositiveInteger } from '../../options.js';

export const registerLoraCommands: RegisterCommands = (program, io) => {
  const lora = program.command('lora').description('LoRA: parameter counts, memory, adapters, merging, extraction, training');

  lora
    .command('params')
    .description('trainable parameters of LoRA on one weight matrix against a full update ΔW, or on a whole model from its config.json')
    .addOption(new Option('--rows <n>', 'rows of the weight matrix (output features)').argParser((text) => parsePositiveInteger('--rows', text)))
    .addOption(new Option('--cols <n>', 'columns of the weight matrix (input features)').argParser((text) => parsePositiveInteger('--cols', text)))
    .addOption(new Option('--rank <r>', 'LoRA rank r').argParser((text) => parsePositiveInteger('--rank', text)))
    .option('--config <config.json>', "a Hugging Face model's config.json: count the whole model (LLaMA, Mistral, Qwen2, GPT-2, BERT, RoBERTa, DistilBERT)")
    .option('--target <modules>', "target modules, comma-separated (PEFT target_modules; 'all-linear'; default: PEFT's default for the model type)", collectList)
    .option('--rank-pattern <name=r>', 'a different rank for modules matching a pattern (PEFT rank_pattern), repeatable', collectList)
    .option('--json', 'print the result as JSON on stdout', false)
    .addHelpText(
      'after',
      examples([
        'benchline lora params --rows 10000 --cols 20000 --rank 8',
        'benchline lora params --rows 4096 --cols 4096 --rank 16 --json',
        'benchline lora params --config config.json --target q_proj,v_proj --rank 8',
        'benchline lora params --config config.json --target all-linear --rank 16 --rank-pattern q_proj=32',
      ]),
    )
    .action(async (options: { rows?: number; cols?: number; rank?: number; config?: string; target?: string[]; rankPattern?: string[]; json: boolean }) => {
      const { loraParams } = await import('./params.js');
      await loraParams(options, io);
    });

  lora
    .command('memory')
    .description('training memory of a model from its config.json: full fine-tuning, LoRA, and QLoRA (4-bit NF4 base)')
    .requiredOption('--config <config.json>', "a Hugging Face model's config.json")
    .addOption(new Option('--method <method>', 'one method instead of all three').choices(['full', 'lora', 'qlora']))
    .addOption(new Option('--rank <r>', 'LoRA rank r').argParser((text) => parsePositiveInteger('--rank', text)).default(8))
    .option('--target <modules>', "LoRA target modules, comma-separated (default: PEFT's default for the model type)", collectList)
    .option('--rank-pattern <name=r>', 'a different rank for matching modules (PEFT rank_pattern), repeatable', collectList)
    .addOption(new Option('--precision <dtype>', 'storage of the (base) weights').choices(['bf16', 'fp16', 'fp32']).default('bf16'))
    .option('--no-double-quant', 'QLoRA without double quantization of the block constants')
    .addOption(new Option('--batch <n>', 'batch size, to estimate activations (with --seq)').argParser((text) => parsePositiveInteger('--batch', text)))
    .addOption(new Option('--seq <n>', 'sequence length, to estimate activations (with --batch)').argParser((text) => parsePositiveInteger('--seq', text)))
    .option('--json', 'print the estimate as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora memory --config config.json', 'benchline lora memory --config config.json --method qlora --rank 16 --target all-linear', 'benchline lora memory --config config.json --batch 4 --seq 2048 --json']))
    .action(async (options: { config: string; method?: string; rank: number; target?: string[]; rankPattern?: string[]; precision: string; doubleQuant: boolean; batch?: number; seq?: number; json: boolean }) => {
      const { loraMemory } = await import('./memory.js');
      await loraMemory(options, io);
    });

  lora
    .command('inspect')
    .description("a PEFT adapter folder: rank, alpha, scaling, targets, trainable parameters, and per module ‖ΔW‖ and effective rank")
    .argument('<adapter-dir>', 'a folder with adapter_config.json and adapter_model.safetensors')
    .option('--json', 'print the summary as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora inspect ./my-adapter', 'benchline lora inspect ./my-adapter --json']))
    .action(async (adapter: string, options: { json: boolean }) => {
      const { loraInspect } = await import('./inspect.js');
      await loraInspect({ adapter, json: options.json }, io);
    });

  lora
    .command('merge')
    .description('merge a PEFT LoRA adapter into a safetensors model: W += scaling·B·A in float32, stored in the base dtype, streamed, written atomically')
    .requiredOption('--base <model.safetensors>', 'the base model')
    .requiredOption('--adapter <dir>', 'the PEFT adapter folder')
    .requiredOption('--out <merged.safetensors>', 'the merged model to write (never an input file)')
    .option('--json', 'print what was merged as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora merge --base model.safetensors --adapter ./my-adapter --out merged.safetensors']))
    .action(async (options: { base: string; adapter: string; out: string; json: boolean }) => {
      const { loraMerge } = await import('./merge.js');
      await loraMerge(options, io);
    });

  lora
    .command('extract')
    .description('extract the best rank-r LoRA of tuned − base for every 2-D weight that differs, as a PEFT adapter folder')
    .requiredOption('--base <a.safetensors>', 'the base model')
    .requiredOption('--tuned <b.safetensors>', 'the fine-tuned model (same tensor names and shapes)')
    .addOption(new Option('--rank <r>', 'LoRA rank r (lora_alpha = r, so scaling = 1)').argParser((text) => parsePositiveInteger('--rank', text)).makeOptionMandatory())
    .requiredOption('--out <dir>', 'the adapter folder to write')
    .option('--target <regex>', 'only modules whose whole path matches this regular expression (the tensor name without .weight)')
    .option('--fan-in-fan-out', 'every weight is stored [in, out] (default: only GPT-2 Conv1D modules, recognised by name)')
    .option('--module-prefix <prefix>', 'prefix module paths in the adapter (e.g. "transformer." for a bare GPT-2 checkpoint)')
    .option('--json', 'print the per-module energy as JSON on stdout', false)
    .addHelpText(
      'after',
      examples(['benchline lora extract --base base.safetensors --tuned tuned.safetensors --rank 16 --out ./extracted', "benchline lora extract --base a.safetensors --tuned b.safetensors --rank 8 --target '.*\\.(q|v)_proj' --out ./qv --json"]),
    )
    .action(async (options: { base: string; tuned: string; rank: number; out: string; target?: string; fanInFanOut?: boolean; modulePrefix?: string; json: boolean }) => {
      const { loraExtract } = await import('./extract.js');
      await loraExtract(options, io);
    });

  lora
    .command('train')
    .description('the LoRA demo: pre-train a small network, then adapt it to a shifted task by full fine-tuning and by LoRA at r = 1, 2, 4, 8, 16')
    .option('--demo', 'run the built-in demo (required for now)', false)
    .addOption(new Option('--seed <n>', 'seed of the data, initialisation and batches').argParser((text) => parsePositiveInteger('--seed', text)).default(2024))
    .option('--ranks <list>', 'LoRA ranks to compare, comma-separated', collectList)
    .option('--json', 'print the results as JSON on stdout', false)
    .addHelpText('after', examples(['benchline lora train --demo', 'benchline lora train --demo --ranks 1,4,16 --seed 7 --json']))
    .action(async (options: { demo: boolean; seed: number; ranks?: string[]; json: boolean }) => {
      const { loraTrain } = await import('./train.js');
      await loraTrain(options, io);
    });
};

import { resolve } from 'node:path';
import { loraParameterCount, modelArchitecture } from '@benchline/lora';
import type { LoraParameterCount, ModelArchitecture } from '@benchline/lora';
import { readJsonConfig } from '@benchline/lora/node';
import type { CliIo } from '../../io.js';

/** PEFT's default `target_modules` per `model_type` (`TRANSFORMERS_MODELS_TO_LORA_TARGET_MODULES_MAPPING`). */
export const defaultTargetModules: Readonly<Record<string, readonly string[]>> = {
  llama: ['q_proj', 'v_proj'],
  mistral: ['q_proj', 'v_proj'],
  qwen2: ['q_proj', 'v_proj'],
  gpt2: ['c_attn'],
  bert: ['query', 'value'],
  roberta: ['query', 'value'],
  distilbert: ['q_lin', 'v_lin'],
};

/** Reads a model's `config.json` (relative to the working folder) and computes its architecture. */
export async function readArchitecture(file: string, io: CliIo): Promise<ModelArchitecture> {
  const path = resolve(io.cwd, file);
  return modelArchitecture(await readJsonConfig(path), file);
}

/** LoRA's trainable parameters for the given targets (PEFT's default for the model type when none are given). */
export function countLora(architecture: ModelArchitecture, options: { targets: readonly string[] | undefined; rank: number; rankPattern?: Record<string, number> }): { targets: readonly string[]; count: LoraParameterCount } {
  const targets = options.targets !== undefined && options.targets.length > 0 ? options.targets : (defaultTargetModules[architecture.modelType] ?? []);
  const targetModules = targets.length === 1 && targets[0]!.toLowerCase() === 'all-linear' ? 'all-linear' : targets;
  const count = loraParameterCount(architecture, { targetModules, rank: options.rank, ...(options.rankPattern === undefined ? {} : { rankPattern: options.rankPattern }) });
  return { targets, count };
}

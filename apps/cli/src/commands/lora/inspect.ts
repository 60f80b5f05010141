import { resolve } from 'node:path';
import { summarizeAdapter } from '@benchline/lora';
import { readAdapterFolder } from '@benchline/lora/node';
import type { CliIo } from '../../io.js';
import { formatInteger, formatTable } from '../../output/format.js';

export interface LoraInspectOptions {
  readonly adapter: string;
  readonly json: boolean;
}

/**
 * `benchline lora inspect <adapter dir>`: a PEFT adapter's hyper-parameters, targets and trainable parameters, and
 * per module the shapes, ‖ΔW‖_F and the effective rank of ΔW = scaling·B·A (computed from r × r Gram matrices,
 * never forming ΔW).
 */
export async function loraInspect(options: LoraInspectOptions, io: CliIo): Promise<void> {
  const folder = resolve(io.cwd, options.adapter);
  const adapter = await readAdapterFolder(folder);
  const summary = summarizeAdapter(adapter);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ adapter: folder, ...summary }, null, 2)}\n`);
    return;
  }
  const targets = summary.targetModules === null ? "null (the model type's default)" : typeof summary.targetModules === 'string' ? `regex ${summary.targetModules}` : summary.targetModules.join(', ');
  const rows: [string, string][] = [
    ['rank r', String(summary.rank)],
    ['lora_alpha', String(summary.alpha)],
    ['scaling', `${formatNumber(summary.scaling)} (${summary.useRslora ? 'alpha / √r, rsLoRA' : 'alpha / r'})`],
    ['rsLoRA', summary.useRslora ? 'yes' : 'no'],
    ['fan_in_fan_out', summary.fanInFanOut ? 'yes (weights stored [in, out], GPT-2 Conv1D)' : 'no'],
    ['target_modules', targets],
    ['modules with LoRA', `${String(summary.modules.length)} (${summary.targetedNames.join(', ')})`],
  ];
  if (Object.keys(summary.rankPattern).length > 0) rows.push(['rank_pattern', JSON.stringify(summary.rankPattern)]);
  if (Object.keys(summary.alphaPattern).length > 0) rows.push(['alpha_pattern', JSON.stringify(summary.alphaPattern)]);
  if (summary.modulesToSave.length > 0) rows.push(['modules_to_save', summary.modulesToSave.join(', ')]);
  if (summary.taskType !== null) rows.push(['task_type', summary.taskType]);
  if (summary.baseModel !== null) rows.push(['base model', summary.baseModel]);
  rows.push(['LoRA parameters', formatInteger(summary.loraParameters)]);
  if (summary.fullyTrainedParameters > 0) rows.push(['saved in full', `${formatInteger(summary.fullyTrainedParameters)} (${summary.otherTensors.map((tensor) => tensor.path).join(', ')})`]);
  rows.push(['trainable parameters', formatInteger(summary.trainableParameters)]);
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  io.stdout.write(`${folder}\n\n${rows.map(([key, value]) => `${key.padEnd(keyWidth)}  ${value}`).join('\n')}\n\n`);
  io.stdout.write(
    formatTable(
      summary.modules.map((module) => [
        module.modulePath,
        String(module.rank),
        formatNumber(module.scaling),
        shape(module.loraAShape),
        shape(module.loraBShape),
        shape(module.weightShape),
        formatInteger(module.parameters),
        formatNumber(module.deltaNorm),
        module.effectiveRank.toFixed(2),
        String(module.numericalRank),
      ]),
      { header: ['module', 'r', 'scaling', 'lora_A', 'lora_B', 'weight', 'parameters', '‖ΔW‖_F', 'eff. rank', 'num. rank'] },
    ),
  );
  io.stdout.write('\n‖ΔW‖_F: Frobenius norm of scaling·B·A. eff. rank: exp(entropy) of its normalised singular values (Roy & Vetterli, 2007), between 1 and r. num. rank: singular values above σ_max·max(out, in)·2⁻²³.\n');
}

function shape(dimensions: readonly number[]): string {
  return dimensions.join('×');
}

/** Four significant digits, without exponent for everyday magnitudes. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e6) return String(Number(value.toPrecision(4)));
  return value.toExponential(3);
}

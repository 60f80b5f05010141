import { estimateMemory } from '@benchline/lora';
import type { MemoryEstimate, Precision } from '@benchline/lora';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { formatInteger, formatTable } from '../../output/format.js';
import { countLora, readArchitecture } from './model-config.js';
import { parseRankPattern } from './params.js';

export interface LoraMemoryOptions {
  readonly config: string;
  /** One method, or all three side by side when absent. */
  readonly method?: string;
  readonly rank: number;
  readonly target?: readonly string[];
  readonly rankPattern?: readonly string[];
  readonly precision: string;
  readonly doubleQuant: boolean;
  readonly batch?: number;
  readonly seq?: number;
  readonly json: boolean;
}

const methods = ['full', 'lora', 'qlora'] as const;
const precisions: readonly Precision[] = ['bf16', 'fp16', 'fp32'];

/** `benchline lora memory --config config.json [--method full|lora|qlora]`: training memory, part by part. */
export async function loraMemory(options: LoraMemoryOptions, io: CliIo): Promise<void> {
  const chosen = options.method === undefined ? methods : methods.filter((method) => method === options.method);
  if (chosen.length === 0) throw usageError(`--method expects full, lora or qlora, got "${options.method ?? ''}"`);
  if (!(precisions as readonly string[]).includes(options.precision)) throw usageError(`--precision expects bf16, fp16 or fp32, got "${options.precision}"`);
  if ((options.batch === undefined) !== (options.seq === undefined)) throw usageError('--batch and --seq go together (activations are estimated only with both)');
  const architecture = await readArchitecture(options.config, io);
  const rankPattern = parseRankPattern(options.rankPattern);
  const { targets, count } = countLora(architecture, { targets: options.target, rank: options.rank, ...(rankPattern === undefined ? {} : { rankPattern }) });
  const estimates = chosen.map((method) =>
    estimateMemory(architecture, {
      method,
      loraParameters: count.trainableParameters,
      weightPrecision: options.precision as Precision,
      doubleQuantization: options.doubleQuant,
      ...(options.batch === undefined || options.seq === undefined ? {} : { batchSize: options.batch, sequenceLength: options.seq }),
    }),
  );
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ config: options.config, modelClass: architecture.modelClass, totalParameters: architecture.totalParameters, targetModules: targets, rank: options.rank, precision: options.precision, estimates }, null, 2)}\n`,
    );
    return;
  }
  io.stdout.write(`${architecture.modelClass} (${options.config}): ${formatInteger(architecture.totalParameters)} parameters; LoRA on ${targets.join(', ')} at r = ${String(options.rank)}: ${formatInteger(count.trainableParameters)} trainable\n\n`);
  const parts = ['weights', 'master weights', 'gradients', 'optimizer states', 'activations'] as const;
  const rows = parts
    .filter((part) => estimates.some((estimate) => estimate.lines.some((line) => line.part === part)))
    .map((part) =>
      [part, ...estimates.map((estimate) => {
        const line = estimate.lines.find((candidate) => candidate.part === part);
        return line === undefined ? '—' : formatBytes(line.bytes);
      })],
    );
  rows.push(['total', ...estimates.map((estimate) => formatBytes(estimate.totalBytes))]);
  io.stdout.write(formatTable(rows, { header: ['', ...estimates.map(describe)] }));
  if (!estimates[0]!.includesActivations) io.stdout.write('\nActivations are not included (give --batch and --seq for an estimate).\n');
}

function describe(estimate: MemoryEstimate): string {
  return { full: 'full fine-tuning', lora: 'LoRA', qlora: 'QLoRA (4-bit base)' }[estimate.method];
}

/** Bytes in binary units with three significant digits: 13.4 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${String(Math.round(value))} B` : `${value.toPrecision(3)} ${units[unit]!}`;
}

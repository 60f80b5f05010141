import { matrixParameterCount } from '@benchline/lora';
import type { LoraModuleCount } from '@benchline/lora';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { formatInteger, formatPercent, formatTable } from '../../output/format.js';
import { countLora, readArchitecture } from './model-config.js';

export interface LoraParamsOptions {
  readonly rows?: number;
  readonly cols?: number;
  readonly rank?: number;
  /** A model's config.json: count a whole model instead of one matrix. */
  readonly config?: string;
  readonly target?: readonly string[];
  /** `name=rank` pairs (PEFT rank_pattern). */
  readonly rankPattern?: readonly string[];
  readonly json: boolean;
}

/**
 * `benchline lora params --rows R --cols C --rank r`: LoRA's trainable parameters for one weight matrix;
 * `benchline lora params --config config.json [--target q_proj,v_proj] --rank r`: for a whole model, per module.
 */
export async function loraParams(options: LoraParamsOptions, io: CliIo): Promise<void> {
  if (options.config !== undefined) {
    if (options.rows !== undefined || options.cols !== undefined) throw usageError('--config counts a whole model; it cannot be combined with --rows/--cols');
    await modelParams(options, options.config, io);
    return;
  }
  if (options.rows === undefined) throw usageError("required option '--rows <n>' not specified (or give --config <config.json>)");
  if (options.cols === undefined) throw usageError("required option '--cols <n>' not specified");
  if (options.rank === undefined) throw usageError("required option '--rank <r>' not specified");
  const shape = { rows: options.rows, cols: options.cols, rank: options.rank };
  const count = matrixParameterCount(shape);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ ...shape, ...count }, null, 2)}\n`);
    return;
  }
  io.stdout.write(
    formatTable([
      [`full update ΔW (${formatInteger(shape.rows)} × ${formatInteger(shape.cols)})`, formatInteger(count.full)],
      [`LoRA B·A (rank ${String(shape.rank)})`, formatInteger(count.lora)],
      ['trainable fraction', formatPercent(count.fraction)],
      ['fewer parameters', `${count.reduction.toFixed(1)}×`],
    ]),
  );
}

/** Parses `--rank-pattern name=16` items into PEFT's rank_pattern object (insertion order kept). */
export function parseRankPattern(items: readonly string[] | undefined): Record<string, number> | undefined {
  if (items === undefined || items.length === 0) return undefined;
  const pattern: Record<string, number> = {};
  for (const item of items) {
    const match = /^(.+)=(\d+)$/.exec(item);
    const rank = match === null ? Number.NaN : Number(match[2]);
    if (match === null || !Number.isSafeInteger(rank) || rank < 1) throw usageError(`--rank-pattern expects name=rank with a positive rank, got "${item}"`);
    pattern[match[1]!] = rank;
  }
  return pattern;
}

async function modelParams(options: LoraParamsOptions, file: string, io: CliIo): Promise<void> {
  if (options.rank === undefined) throw usageError("required option '--rank <r>' not specified");
  const architecture = await readArchitecture(file, io);
  const rankPattern = parseRankPattern(options.rankPattern);
  const { targets, count } = countLora(architecture, { targets: options.target, rank: options.rank, ...(rankPattern === undefined ? {} : { rankPattern }) });
  const groups = groupModules(count.modules);
  if (options.json) {
    const result = {
      config: file,
      modelType: architecture.modelType,
      modelClass: architecture.modelClass,
      totalParameters: architecture.totalParameters,
      breakdown: architecture.breakdown,
      targetModules: targets,
      rank: options.rank,
      rankPattern: rankPattern ?? {},
      modules: groups.map((group) => ({ module: group.pattern, count: group.count, inFeatures: group.inFeatures, outFeatures: group.outFeatures, rank: group.rank, parameters: group.parameters })),
      trainableParameters: count.trainableParameters,
      trainableFraction: count.trainableFraction,
      reduction: count.totalParameters / count.trainableParameters,
    };
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout.write(`${architecture.modelClass} (${file}): ${formatInteger(architecture.totalParameters)} parameters\n\n`);
  io.stdout.write(
    formatTable(
      groups.map((group) => [group.pattern, String(group.count), `${formatInteger(group.inFeatures)} → ${formatInteger(group.outFeatures)}`, String(group.rank), formatInteger(group.parameters)]),
      { header: ['LoRA module', 'count', 'in → out', 'rank', 'trainable'] },
    ),
  );
  io.stdout.write('\n');
  io.stdout.write(
    formatTable([
      ['model parameters (frozen)', formatInteger(count.totalParameters)],
      [`LoRA trainable (${targets.join(', ')})`, formatInteger(count.trainableParameters)],
      ['trainable fraction', formatPercent(count.trainableFraction)],
      ['fewer parameters', `${(count.totalParameters / count.trainableParameters).toFixed(1)}×`],
    ]),
  );
}

interface ModuleGroup {
  readonly pattern: string;
  count: number;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly rank: number;
  parameters: number;
}

/** Modules that differ only in their layer number (and share shape and rank) become one row: `model.layers.*.self_attn.q_proj`. */
function groupModules(modules: readonly LoraModuleCount[]): ModuleGroup[] {
  const groups = new Map<string, ModuleGroup>();
  for (const { module, rank, parameters } of modules) {
    const pattern = module.name.replace(/\.\d+\./g, '.*.');
    const key = `${pattern}|${String(module.inFeatures)}|${String(module.outFeatures)}|${String(rank)}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { pattern, count: 1, inFeatures: module.inFeatures, outFeatures: module.outFeatures, rank, parameters });
    else {
      group.count++;
      group.parameters += parameters;
    }
  }
  return [...groups.values()];
}

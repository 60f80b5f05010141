import { AdapterFormatError, InvalidArgumentError } from '../errors.js';
import { float32ToTensor, tensorToFloat32 } from '../dtype/tensor-conversion.js';
import type { Tensor } from '../safetensors/tensor.js';
import { extractLora } from '../svd/extract.js';
import type { Matrix } from '../tensor/matrix.js';
import { createMatrix, transpose } from '../tensor/matrix.js';
import type { PeftAdapter } from './adapter.js';
import { adapterFromTensors, peftKeyPrefix } from './adapter.js';
import { createAdapterConfig } from './adapter-config.js';
import type { BaseTensorDescription } from './merge-plan.js';

/** A weight chosen for extraction. */
export interface ExtractionTarget {
  /** The tensor's name in both files (`model.layers.0.self_attn.q_proj.weight`). */
  readonly name: string;
  /** The module path (`model.layers.0.self_attn.q_proj`). */
  readonly modulePath: string;
  /** `embedding` for embedding tables (saved as `lora_embedding_A/B`), `linear` otherwise. */
  readonly kind: 'linear' | 'embedding';
  /** The weight is stored `[in, out]` (GPT-2 `Conv1D`): ΔW is transposed before the SVD. */
  readonly fanInFanOut: boolean;
}

/** Which tensors {@link selectExtractionTargets} chose, and why the others were left out. */
export interface ExtractionSelection {
  readonly targets: readonly ExtractionTarget[];
  /** Tensors left out, with the reason (only in one file, not a 2-D weight, outside --target). */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** How {@link selectExtractionTargets} chooses. */
export interface ExtractionSelectionOptions {
  /** A regular expression that must match the whole module path (the tensor name without `.weight`). */
  readonly target?: string | undefined;
  /**
   * Whether weights are stored `[in, out]`: `auto` (default) treats GPT-2's Conv1D modules (`h.N.attn.c_attn`,
   * `attn.c_proj`, `mlp.c_fc`, `mlp.c_proj`) so, `true` treats every linear weight so, `false` none.
   */
  readonly fanInFanOut?: boolean | 'auto';
}

const conv1dModule = /(^|\.)h\.\d+\.(attn\.c_attn|attn\.c_proj|mlp\.c_fc|mlp\.c_proj)$/;
const embeddingModule = /(^|\.)(embed_tokens|wte|wpe|word_embeddings|position_embeddings|token_type_embeddings|embed_positions|embed_in|shared)$/;

/**
 * Chooses the weights to extract from two models' tensor lists: every 2-D floating-point tensor named `….weight`
 * that both files have with the same shape and dtype, optionally filtered by `target`. Whether a chosen weight
 * actually differs is decided when its bytes are read. Embedding tables are recognised by name (`embed_tokens`,
 * `wte`, `wpe`, `word_embeddings`, `position_embeddings`, `token_type_embeddings`, `embed_positions`, `embed_in`,
 * `shared`).
 *
 * @throws {InvalidArgumentError} when `target` does not compile.
 * @throws {AdapterFormatError} when a weight's shape or dtype differs between the two files.
 */
export function selectExtractionTargets(base: readonly BaseTensorDescription[], tuned: readonly BaseTensorDescription[], options: ExtractionSelectionOptions = {}): ExtractionSelection {
  let targetRegex: RegExp | undefined;
  if (options.target !== undefined) {
    try {
      targetRegex = new RegExp(`^(?:${options.target})$`);
    } catch (error) {
      throw new InvalidArgumentError('target', `--target ${JSON.stringify(options.target)} is not a valid regular expression (${(error as Error).message})`);
    }
  }
  const tunedByName = new Map(tuned.map((tensor) => [tensor.name, tensor]));
  const baseNames = new Set(base.map((tensor) => tensor.name));
  const targets: ExtractionTarget[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const mismatched: string[] = [];
  for (const tensor of base) {
    const other = tunedByName.get(tensor.name);
    if (other === undefined) {
      skipped.push({ name: tensor.name, reason: 'only in the base model' });
      continue;
    }
    if (other.dtype !== tensor.dtype || other.shape.join(',') !== tensor.shape.join(',')) {
      mismatched.push(`${tensor.name} (${tensor.dtype} [${tensor.shape.join(', ')}] vs ${other.dtype} [${other.shape.join(', ')}])`);
      continue;
    }
    const modulePath = tensor.name.endsWith('.weight') ? tensor.name.slice(0, -'.weight'.length) : undefined;
    if (tensor.shape.length !== 2 || modulePath === undefined || !['F32', 'F16', 'BF16', 'F64'].includes(tensor.dtype)) continue;
    if (targetRegex !== undefined && !targetRegex.test(modulePath)) {
      skipped.push({ name: tensor.name, reason: 'outside --target' });
      continue;
    }
    const kind = embeddingModule.test(modulePath) ? 'embedding' : 'linear';
    const fanInFanOut = kind === 'linear' && (options.fanInFanOut === true || ((options.fanInFanOut ?? 'auto') === 'auto' && conv1dModule.test(modulePath)));
    targets.push({ name: tensor.name, modulePath, kind, fanInFanOut });
  }
  if (mismatched.length > 0) {
    throw new AdapterFormatError(`the base and tuned models disagree on ${String(mismatched.length)} tensor(s): ${mismatched.slice(0, 10).join(', ')}${mismatched.length > 10 ? ', …' : ''}`, { modules: mismatched });
  }
  for (const tensor of tuned) if (!baseNames.has(tensor.name)) skipped.push({ name: tensor.name, reason: 'only in the tuned model' });
  return { targets, skipped };
}

/** One module's extracted LoRA and how good it is. */
export interface ExtractedModule {
  readonly target: ExtractionTarget;
  /** The rank used: the requested one, or min(out, in) when the weight is smaller. */
  readonly rank: number;
  /** A `[r, in]` (embeddings: `[r, num_embeddings]`), B `[out, r]` (`[dim, r]`), both F32. */
  readonly loraA: Tensor;
  readonly loraB: Tensor;
  /** ‖ΔW‖_F. */
  readonly deltaNorm: number;
  /** Σ_{i≤r} σᵢ² / ‖ΔW‖²_F: the share of ΔW's energy the rank-r LoRA keeps (1 when ΔW = 0). */
  readonly energyCaptured: number;
  /** ‖ΔW − B·A‖_F / ‖ΔW‖_F, measured on the float32 factors. */
  readonly relativeError: number;
}

/**
 * The best rank-r LoRA of ΔW = tuned − base for one weight (Eckart–Young, through the package's truncated SVD), in
 * PEFT's convention B = U·S, A = Vᵀ with scaling 1. ΔW is taken as `[out, in]`: transposed first for a Conv1D
 * weight stored `[in, out]` and for an embedding table (PEFT's ΔW for embeddings is (B·A)ᵀ).
 *
 * @returns undefined when the two tensors are identical byte for byte (nothing to extract).
 * @throws {InvalidArgumentError} when the rank is not a positive integer.
 */
export function extractModule(target: ExtractionTarget, base: Tensor, tuned: Tensor, options: { rank: number; seed?: number }): ExtractedModule | undefined {
  if (!Number.isSafeInteger(options.rank) || options.rank < 1) throw new InvalidArgumentError('rank', `rank must be a positive integer, got ${String(options.rank)}`);
  if (bytesEqual(base.data, tuned.data)) return undefined;
  const baseValues = tensorToFloat32(base);
  const tunedValues = tensorToFloat32(tuned, { copy: true });
  for (let index = 0; index < tunedValues.length; index++) tunedValues[index] = tunedValues[index]! - baseValues[index]!;
  let delta: Matrix = createMatrix(base.shape[0]!, base.shape[1]!, tunedValues);
  if (target.fanInFanOut || target.kind === 'embedding') delta = transpose(delta);
  const rank = Math.min(options.rank, delta.rows, delta.cols);
  const extracted = extractLora(delta, { rank, seed: options.seed ?? 0 });
  const { a, b } = extracted.factors;
  return {
    target,
    rank,
    loraA: float32ToTensor(a.data, 'F32', [a.rows, a.cols]),
    loraB: float32ToTensor(b.data, 'F32', [b.rows, b.cols]),
    deltaNorm: extracted.deltaNorm,
    energyCaptured: extracted.energyCaptured,
    relativeError: extracted.relativeError,
  };
}

/**
 * Assembles extracted modules into a PEFT adapter: `r` = the requested rank and `lora_alpha` = r (scaling 1, so
 * B·A is ΔW's approximation as is), `target_modules` = the extracted module paths, `rank_pattern`/`alpha_pattern`
 * entries for modules whose rank had to be smaller, `fan_in_fan_out` when any weight is a Conv1D. Keys are
 * `base_model.model.<modulePrefix><module path>.lora_A.weight` and so on.
 *
 * @throws {AdapterFormatError} when no module was extracted (the models are identical where it was looked).
 */
export function adapterFromExtraction(modules: readonly ExtractedModule[], options: { rank: number; modulePrefix?: string; baseModelNameOrPath?: string | null }): PeftAdapter {
  if (modules.length === 0) throw new AdapterFormatError('no weight differs between the base and the tuned model (among the weights selected): there is nothing to extract');
  const prefix = options.modulePrefix ?? '';
  const rankPattern = new Map<string, number>();
  const tensors: [string, Tensor][] = [];
  for (const module of modules) {
    const path = `${prefix}${module.target.modulePath}`;
    if (module.rank !== options.rank) rankPattern.set(path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), module.rank);
    const key = `${peftKeyPrefix}${path}`;
    if (module.target.kind === 'embedding') {
      tensors.push([`${key}.lora_embedding_A`, module.loraA], [`${key}.lora_embedding_B`, module.loraB]);
    } else {
      tensors.push([`${key}.lora_A.weight`, module.loraA], [`${key}.lora_B.weight`, module.loraB]);
    }
  }
  const config = createAdapterConfig({
    r: options.rank,
    loraAlpha: options.rank,
    targetModules: modules.map((module) => `${prefix}${module.target.modulePath}`),
    fanInFanOut: modules.some((module) => module.target.fanInFanOut),
    rankPattern,
    alphaPattern: rankPattern,
    baseModelNameOrPath: options.baseModelNameOrPath ?? null,
  });
  return adapterFromTensors(config, tensors);
}

function bytesEqual(left: Uint8Array, right: Uint8Array): boolean {
  if (left.byteLength !== right.byteLength) return false;
  // Compare 4 bytes at a time when both are aligned (they are, for tensors read into fresh buffers).
  if (left.byteOffset % 4 === 0 && right.byteOffset % 4 === 0 && left.byteLength % 4 === 0) {
    const leftWords = new Uint32Array(left.buffer, left.byteOffset, left.byteLength / 4);
    const rightWords = new Uint32Array(right.buffer, right.byteOffset, right.byteLength / 4);
    for (let index = 0; index < leftWords.length; index++) if (leftWords[index] !== rightWords[index]) return false;
    return true;
  }
  for (let index = 0; index < left.byteLength; index++) if (left[index] !== right[index]) return false;
  return true;
}

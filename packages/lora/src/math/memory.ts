import { InvalidArgumentError } from '../errors.js';
import type { ModelArchitecture } from './model-architecture.js';

/** Storage formats of weights and gradients, with their bytes per value. */
export const bytesPerValue = { fp32: 4, bf16: 2, fp16: 2 } as const;
export type Precision = keyof typeof bytesPerValue;

/** What is being trained and how. */
export interface MemoryOptions {
  /** `full`: every parameter trained; `lora`: base frozen in `weightPrecision`; `qlora`: base linear layers in 4-bit NF4. */
  readonly method: 'full' | 'lora' | 'qlora';
  /** Trainable LoRA parameters (from {@link loraParameterCount}); required for `lora` and `qlora`. */
  readonly loraParameters?: number;
  /** Storage of the (base) weights: default `bf16`. Under `full` with 16-bit weights, fp32 master weights are kept. */
  readonly weightPrecision?: Precision;
  /**
   * Storage of the LoRA adapter weights and their gradients: default `fp32` (PEFT's `autocast_adapter_dtype=True`
   * upcasts 16-bit adapters to float32).
   */
  readonly adapterPrecision?: Precision;
  /** QLoRA's double quantization of the block constants (default true). */
  readonly doubleQuantization?: boolean;
  /** With both, activations are estimated (see {@link estimateMemory}); otherwise they are left out. */
  readonly batchSize?: number;
  readonly sequenceLength?: number;
}

/** One line of the estimate. */
export interface MemoryLine {
  readonly part: 'weights' | 'master weights' | 'gradients' | 'optimizer states' | 'activations';
  readonly bytes: number;
  /** How the number was computed, in words and symbols. */
  readonly formula: string;
}

export interface MemoryEstimate {
  readonly method: MemoryOptions['method'];
  readonly totalParameters: number;
  readonly trainableParameters: number;
  readonly lines: readonly MemoryLine[];
  readonly totalBytes: number;
  /** False when activations were left out (no batch size and sequence length given). */
  readonly includesActivations: boolean;
}

/** NF4 with block-wise absmax constants: 4 bits per weight plus the constants' share. */
export function nf4BitsPerParameter(doubleQuantization: boolean): number {
  // One fp32 absmax per block of 64 weights (32/64 = 0.5 bit); with double quantization each absmax is stored in
  // 8 bits and every 256 of them share one fp32 constant: 8/64 + 32/(64·256) = 0.127 bit (Dettmers et al., 2023).
  return doubleQuantization ? 4 + 8 / 64 + 32 / (64 * 256) : 4 + 32 / 64;
}

/**
 * Training memory of a model, part by part. Let N be the model's parameters, T the trainable ones
 * (T = N under full fine-tuning, the LoRA parameters otherwise), w the bytes of a base weight, a those of an
 * adapter weight:
 *
 * - **full**: weights N·w; gradients N·w; fp32 master weights N·4 when w < 4 (mixed precision); AdamW states N·8
 *   (m and v in fp32). With bf16 weights that is the classic 16 bytes per parameter.
 * - **lora**: weights N·w + T·a; gradients T·a (the frozen base has none); AdamW states T·8.
 * - **qlora**: the base's linear layers (all but the output layer) in NF4, 4.127 bits per weight with double
 *   quantization (4.5 without), every other base weight (embeddings, norms, biases, untied lm_head) in w bytes;
 *   then as LoRA: T·a adapter weights, T·a gradients, T·8 AdamW states.
 * - **activations** (only when batch size b and sequence length s are given): L·s·b·h·(34 + 5·n_heads·s/h) bytes,
 *   the 16-bit per-layer activation memory of a transformer layer without recomputation (Korthikanti et al., 2022,
 *   "Reducing Activation Recomputation in Large Transformer Models", eq. 1); a rough guide for every method, since
 *   the frozen base still needs its activations for the backward pass into the adapters.
 *
 * Not included: the framework and CUDA context, temporary buffers, the KV cache, fragmentation.
 *
 * @throws {InvalidArgumentError} when LoRA's parameter count is missing for `lora`/`qlora`, or a count is not a
 * non-negative integer.
 */
export function estimateMemory(architecture: ModelArchitecture, options: MemoryOptions): MemoryEstimate {
  const total = architecture.totalParameters;
  const weightBytes = bytesPerValue[options.weightPrecision ?? 'bf16'];
  const adapterBytes = bytesPerValue[options.adapterPrecision ?? 'fp32'];
  const lines: MemoryLine[] = [];
  let trainable: number;
  if (options.method === 'full') {
    trainable = total;
    lines.push({ part: 'weights', bytes: total * weightBytes, formula: `N × ${String(weightBytes)} B` });
    if (weightBytes < 4) lines.push({ part: 'master weights', bytes: total * 4, formula: 'N × 4 B (fp32 copy for mixed precision)' });
    lines.push({ part: 'gradients', bytes: total * weightBytes, formula: `N × ${String(weightBytes)} B` });
  } else {
    const lora = options.loraParameters;
    if (lora === undefined || !Number.isSafeInteger(lora) || lora < 0) {
      throw new InvalidArgumentError('loraParameters', `method "${options.method}" needs the LoRA parameter count (a non-negative integer), got ${String(lora)}`);
    }
    trainable = lora;
    if (options.method === 'lora') {
      lines.push({ part: 'weights', bytes: total * weightBytes + lora * adapterBytes, formula: `N × ${String(weightBytes)} B + T × ${String(adapterBytes)} B` });
    } else {
      const quantized = architecture.modules
        .filter((module) => module.kind !== 'embedding' && !module.isOutputLayer)
        .reduce((sum, module) => sum + module.inFeatures * module.outFeatures, 0);
      const bits = nf4BitsPerParameter(options.doubleQuantization ?? true);
      lines.push({
        part: 'weights',
        bytes: Math.ceil((quantized * bits) / 8) + (total - quantized) * weightBytes + lora * adapterBytes,
        formula: `linear weights × ${bits.toFixed(3)} bits (NF4, block 64${options.doubleQuantization ?? true ? ', double quantization' : ''}) + other ${String(weightBytes)} B + T × ${String(adapterBytes)} B`,
      });
    }
    lines.push({ part: 'gradients', bytes: lora * adapterBytes, formula: `T × ${String(adapterBytes)} B` });
  }
  lines.push({ part: 'optimizer states', bytes: trainable * 8, formula: `${options.method === 'full' ? 'N' : 'T'} × 8 B (AdamW m and v in fp32)` });
  const { batchSize, sequenceLength } = options;
  const includesActivations = batchSize !== undefined && sequenceLength !== undefined;
  if (includesActivations) {
    for (const [name, value] of [['batchSize', batchSize], ['sequenceLength', sequenceLength]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError(name, `${name} must be a positive integer, got ${String(value)}`);
    }
    const { layers, hiddenSize, attentionHeads } = architecture;
    const perLayer = sequenceLength * batchSize * hiddenSize * (34 + (5 * attentionHeads * sequenceLength) / hiddenSize);
    lines.push({ part: 'activations', bytes: Math.round(layers * perLayer), formula: 'L·s·b·h·(34 + 5·heads·s/h) B (Korthikanti et al. 2022, 16-bit, no recomputation)' });
  }
  return {
    method: options.method,
    totalParameters: total,
    trainableParameters: trainable,
    lines,
    totalBytes: lines.reduce((sum, line) => sum + line.bytes, 0),
    includesActivations,
  };
}

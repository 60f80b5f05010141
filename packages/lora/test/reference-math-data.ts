import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../src/index.js';

/** `<repo>/../shared/reference/lora/ref/`: PyTorch-made reference tensors (see make_ref.py there). */
export const referenceFolder = fileURLToPath(new URL('../../../../shared/reference/lora/ref/', import.meta.url));
export const referenceAvailable = existsSync(`${referenceFolder}ref.json`);

if (!referenceAvailable && process.env.CI !== undefined) {
  throw new Error(`The LoRA reference tensors are missing: expected ${referenceFolder}ref.json (shared/ must sit beside the repository in CI)`);
}
export const referenceSkipMessage = referenceAvailable ? '' : `(skipped: ${referenceFolder}ref.json not found; shared/ is not beside the repository)`;

/** A tensor as ref.json stores it: shape and float64 values in row-major order. */
export interface JsonTensor {
  readonly shape: number[];
  readonly data: number[];
}

export function isJsonTensor(value: unknown): value is JsonTensor {
  return typeof value === 'object' && value !== null && Array.isArray((value as Partial<JsonTensor>).shape) && Array.isArray((value as Partial<JsonTensor>).data);
}

/** One AdamW step of `adamw.trajectory_f32`. */
export interface AdamwStep {
  readonly step: number;
  readonly loss_before: number;
  readonly grad_A: JsonTensor;
  readonly grad_B: JsonTensor;
  readonly A_after: JsonTensor;
  readonly B_after: JsonTensor;
  readonly exp_avg_A: JsonTensor;
  readonly exp_avg_sq_A: JsonTensor;
}

/** The parts of ref.json the tests read (make_ref.py `lora_reference`). */
export interface ReferenceJson {
  readonly scaling: number;
  readonly scaling_rslora: number;
  readonly r: number;
  readonly lora_alpha: number;
  readonly in_features: number;
  readonly out_features: number;
  readonly kaiming_bound_A: number;
  readonly inputs: Record<'W' | 'bias' | 'A' | 'B' | 'x', JsonTensor>;
  readonly forward: {
    readonly y_base_f64: JsonTensor;
    readonly h_xAt_f64: JsonTensor;
    readonly y_f64: JsonTensor;
    readonly y_f32: JsonTensor;
    readonly y_rslora_f64: JsonTensor;
    readonly loss_f64: number;
    readonly loss_f32: number;
  };
  readonly merge: {
    readonly delta_W_f64: JsonTensor;
    readonly W_merged_f64: JsonTensor;
    readonly W_merged_f32: JsonTensor;
    readonly y_merged_f64: JsonTensor;
    readonly max_abs_y_merged_minus_y_f64: number;
    readonly merge_unmerge_roundtrip_max_abs_err_f32: number;
    readonly merge_unmerge_roundtrip_max_abs_err_bf16: number;
    readonly fan_in_fan_out_W_stored_in_out_merged_f64: JsonTensor;
  };
  readonly grads: Record<'dA_f64' | 'dB_f64' | 'dx_f64' | 'dA_f32_autograd' | 'dB_f32_autograd' | 'dx_f32_autograd', JsonTensor>;
  readonly adamw: {
    readonly hyperparameters: { lr: number; beta1: number; beta2: number; eps: number; weight_decay: number; amsgrad: boolean; maximize: boolean };
    readonly trajectory_f32: readonly AdamwStep[];
    readonly step1_A_f64: JsonTensor;
    readonly step1_B_f64: JsonTensor;
    readonly step1_max_abs_diff_torch_f32_vs_f64: number;
  };
  readonly svd_extraction: {
    readonly delta_W_f64: JsonTensor;
    readonly singular_values_f64: number[];
    readonly k: number;
    readonly B_svd_f64: JsonTensor;
    readonly A_svd_f64: JsonTensor;
    readonly BA_reconstruction_f64: JsonTensor;
    readonly frobenius_error: number;
    readonly eckart_young_bound: number;
    readonly energy_cumulative: number[];
    readonly energy_threshold: number;
    readonly rank_at_threshold: number;
  };
}

export function loadReference(): ReferenceJson {
  return JSON.parse(readFileSync(`${referenceFolder}ref.json`, 'utf8')) as ReferenceJson;
}

/** Every tensor in ref.json with its dotted path (`forward.y_f64`, `adamw.trajectory_f32.0.A_after`...). */
export function referenceTensors(value: unknown, prefix = ''): [string, JsonTensor][] {
  if (isJsonTensor(value)) return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => referenceTensors(child, prefix === '' ? key : `${prefix}.${key}`));
}

/** A float32 matrix from a reference tensor (a vector becomes 1 × n). */
export function toMatrix(tensor: JsonTensor): Matrix {
  const rows = tensor.shape.length === 2 ? tensor.shape[0]! : 1;
  const cols = tensor.shape.length === 2 ? tensor.shape[1]! : (tensor.shape[0] ?? 1);
  return { rows, cols, data: Float32Array.from(tensor.data) };
}

/** Largest |actual − expected| and the largest allowed by atol + rtol·|expected| ratio (≤ 1 passes). */
export function compare(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: { atol: number; rtol: number }): { maxAbsError: number; worstRatio: number } {
  if (actual.length !== expected.length) throw new Error(`length ${String(actual.length)} ≠ ${String(expected.length)}`);
  let maxAbsError = 0;
  let worstRatio = 0;
  for (let index = 0; index < expected.length; index++) {
    const error = Math.abs(actual[index]! - expected[index]!);
    maxAbsError = Math.max(maxAbsError, error);
    if (error > 0) worstRatio = Math.max(worstRatio, error / (tolerance.atol + tolerance.rtol * Math.abs(expected[index]!)));
    if (Number.isNaN(error)) worstRatio = Number.POSITIVE_INFINITY;
  }
  return { maxAbsError, worstRatio };
}

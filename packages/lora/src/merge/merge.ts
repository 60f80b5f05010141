import { InvalidArgumentError, NonFiniteMergeError, ShapeMismatchError } from '../errors.js';
import { addScaledProduct } from '../kernels/matrix-ops.js';
import { firstNonFiniteImpl } from '../kernels/vector-impl.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertConsistent, createMatrix } from '../tensor/matrix.js';

/**
 * One LoRA adapter on one weight, in PEFT's layout: A is `lora_A.weight` `[r, in_features]`, B is `lora_B.weight`
 * `[out_features, r]`, and ΔW = scaling·B·A is `[out_features, in_features]`.
 */
export interface LoraFactors {
  readonly a: Matrix;
  readonly b: Matrix;
  /** lora_alpha / r, or lora_alpha / √r with rsLoRA (see {@link loraScaling}). */
  readonly scaling: number;
}

/** How a merge treats the weight. */
export interface MergeOptions {
  /**
   * The weight is stored `[in_features, out_features]` (GPT-2's `Conv1D`; PEFT `fan_in_fan_out=True`) and receives
   * ΔWᵀ. Default false.
   */
  readonly fanInFanOut?: boolean;
  /**
   * PEFT's `safe_merge=True`: merge into a copy, check that every merged value is finite, and only then write the
   * weight; on NaN or ±Infinity throw {@link NonFiniteMergeError} and leave the weight unchanged. Costs one copy of the
   * weight. Default false (merge in place, as PEFT's default).
   */
  readonly safe?: boolean;
  /** The adapter's name, for error messages. */
  readonly adapterName?: string;
}

/** LoRA hyper-parameters that set the scaling. */
export interface ScalingOptions {
  readonly rank: number;
  readonly alpha: number;
  /** rsLoRA (Kalajdzievski, 2023): scale by α/√r instead of α/r. Default false. */
  readonly useRslora?: boolean;
}

/**
 * PEFT's scaling of the LoRA branch (`LoraLayer.update_layer`): `lora_alpha / r`, or `lora_alpha / √r` with
 * `use_rslora`.
 *
 * @throws {InvalidArgumentError} when the rank is not a positive integer (PEFT raises `ValueError` for r ≤ 0) or
 * alpha is not finite.
 */
export function loraScaling({ rank, alpha, useRslora = false }: ScalingOptions): number {
  if (!Number.isSafeInteger(rank) || rank < 1) {
    throw new InvalidArgumentError('rank', `LoRA rank r must be a positive integer, got ${String(rank)}`);
  }
  if (!Number.isFinite(alpha)) throw new InvalidArgumentError('alpha', `lora_alpha must be a finite number, got ${String(alpha)}`);
  return useRslora ? alpha / Math.sqrt(rank) : alpha / rank;
}

/**
 * W += scaling·B·A (PEFT `merge()`), in place, without materialising ΔW.
 *
 * @param weight - The base weight, `[out, in]`, or `[in, out]` with `fanInFanOut`. Updated in place.
 * @returns The same `weight`.
 * @throws {ShapeMismatchError} when A, B and W disagree (A and B ranks differ, W is not `out × in`).
 * @throws {NonFiniteMergeError} with `safe`, when a merged value is NaN or infinite; `weight` is then unchanged.
 */
export function mergeLoraInto(weight: Matrix, factors: LoraFactors, options: MergeOptions = {}): Matrix {
  return applyDelta(weight, factors, 1, options);
}

/**
 * W -= scaling·B·A (PEFT `unmerge()` of one adapter). Unmerging recomputes ΔW from the current A and B, so merge then
 * unmerge restores W only up to float32 rounding, as in PEFT.
 *
 * @throws {ShapeMismatchError} as {@link mergeLoraInto}.
 * @throws {NonFiniteMergeError} with `safe`, when a value becomes NaN or infinite; `weight` is then unchanged.
 */
export function unmergeLoraFrom(weight: Matrix, factors: LoraFactors, options: MergeOptions = {}): Matrix {
  return applyDelta(weight, factors, -1, options);
}

/**
 * ΔW = scaling·B·A as a new matrix (`[out, in]`, or `[in, out]` with `fanInFanOut`): PEFT's `get_delta_weight`.
 * Only for inspection; merging never needs it.
 *
 * @throws {ShapeMismatchError} when A's rows and B's columns (the rank) differ.
 */
export function loraDeltaWeight(factors: LoraFactors, options: { fanInFanOut?: boolean } = {}): Matrix {
  const fanInFanOut = options.fanInFanOut ?? false;
  const delta = fanInFanOut ? createMatrix(factors.a.cols, factors.b.rows) : createMatrix(factors.b.rows, factors.a.cols);
  return addScaledProduct(delta, factors.b, factors.a, { scale: factors.scaling, transposed: fanInFanOut });
}

function applyDelta(weight: Matrix, factors: LoraFactors, sign: 1 | -1, options: MergeOptions): Matrix {
  assertConsistent('weight', weight);
  if (factors.b.cols !== factors.a.rows) {
    throw new ShapeMismatchError(
      `${describe(options)}: lora_A has rank ${String(factors.a.rows)} ([${String(factors.a.rows)}, ${String(factors.a.cols)}]) but lora_B has rank ${String(factors.b.cols)} ([${String(factors.b.rows)}, ${String(factors.b.cols)}])`,
    );
  }
  if (!Number.isFinite(factors.scaling)) {
    throw new InvalidArgumentError('scaling', `${describe(options)}: scaling must be finite, got ${String(factors.scaling)}`);
  }
  const transposed = options.fanInFanOut ?? false;
  const scale = sign * factors.scaling;
  if (!(options.safe ?? false)) return addScaledProduct(weight, factors.b, factors.a, { scale, transposed });
  const candidate = { rows: weight.rows, cols: weight.cols, data: weight.data.slice() };
  addScaledProduct(candidate, factors.b, factors.a, { scale, transposed });
  const bad = firstNonFiniteImpl(candidate.data);
  if (bad >= 0) {
    const row = Math.floor(bad / weight.cols);
    const col = bad % weight.cols;
    throw new NonFiniteMergeError(
      `NaNs detected in the merged weights: element [${String(row)}, ${String(col)}] would be ${String(candidate.data[bad])}; ${describe(options)} seems to be broken; the weight was left unchanged`,
      bad,
    );
  }
  weight.data.set(candidate.data);
  return weight;
}

function describe(options: MergeOptions): string {
  return options.adapterName === undefined ? 'the adapter' : `the adapter "${options.adapterName}"`;
}

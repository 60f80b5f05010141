import { InvalidArgumentError } from '../errors.js';
import { getKernelSet } from '../kernels/kernel-set.js';
import { sumOfSquaresImpl } from '../kernels/vector-impl.js';
import type { LoraFactors } from '../merge/merge.js';
import { loraScaling } from '../merge/merge.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertShape, createMatrix } from '../tensor/matrix.js';
import type { TruncatedSvdOptions } from './truncated-svd.js';
import { truncatedSvd } from './truncated-svd.js';

/** Options of {@link extractLora}: the SVD's, plus the adapter's alpha. */
export interface ExtractLoraOptions extends TruncatedSvdOptions {
  /**
   * lora_alpha of the adapter written. Default: the rank, so scaling = 1 and B = U·S exactly as PEFT's
   * `convert_to_lora` (`tuners/lora/conversion.py`). With another alpha, B = U·S / scaling so that
   * scaling·B·A is still the best rank-r approximation.
   */
  readonly alpha?: number;
  /** rsLoRA scaling α/√r for the adapter written (default false). */
  readonly useRslora?: boolean;
}

/** A LoRA extracted from a weight difference, with how much of it the rank captures. */
export interface ExtractedLora {
  /** A = V_rᵀ `[r, in]`, B = U_r·S_r / scaling `[out, r]`, and the scaling. */
  readonly factors: LoraFactors;
  readonly rank: number;
  readonly alpha: number;
  /** The r largest singular values of ΔW. */
  readonly singularValues: Float64Array;
  /** ‖ΔW‖_F. */
  readonly deltaNorm: number;
  /** Share of ‖ΔW‖²_F in the kept singular values: Σ_{i≤r} σᵢ² / ‖ΔW‖²_F (1 for ΔW = 0). */
  readonly energyCaptured: number;
  /**
   * ‖ΔW − scaling·B·A‖_F / ‖ΔW‖_F, measured on the float32 factors returned (0 for ΔW = 0). By Eckart–Young it is
   * at least √(1 − energyCaptured), with equality for an exact SVD.
   */
  readonly relativeError: number;
  readonly method: 'exact' | 'randomized';
}

/**
 * The best rank-r LoRA for a weight difference ΔW = W_tuned − W_base, `[out, in]`, in PEFT's convention:
 * B = U_r·S_r and A = V_rᵀ with r = lora_alpha (scaling 1), the split `make_ref.py` and PEFT's
 * `convert_to_lora` use.
 *
 * Degenerate case: ΔW = 0 gives zero B, energyCaptured 1 and relativeError 0.
 *
 * @throws {InvalidArgumentError} when the rank is not in [1, min(out, in)] or alpha is not a positive finite number.
 */
export function extractLora(delta: Matrix, options: ExtractLoraOptions): ExtractedLora {
  const alpha = options.alpha ?? options.rank;
  if (!(Number.isFinite(alpha) && alpha > 0)) throw new InvalidArgumentError('alpha', `alpha must be a positive number, got ${String(alpha)}`);
  const svd = truncatedSvd(delta, options);
  const { rank } = svd;
  const scaling = loraScaling({ rank, alpha, useRslora: options.useRslora ?? false });
  const { rows, cols } = delta;
  const b = createMatrix(rows, rank);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < rank; k++) b.data[i * rank + k] = (svd.left[i * rank + k]! * svd.singularValues[k]!) / scaling;
  }
  const a = createMatrix(rank, cols, Float32Array.from(svd.rightTransposed));
  const factors: LoraFactors = { a, b, scaling };
  const { deltaEnergy, residualEnergy } = residualEnergies(delta, factors);
  const residual = Math.sqrt(residualEnergy);
  let keptEnergy = 0;
  for (const value of svd.singularValues) keptEnergy += value * value;
  return {
    factors,
    rank,
    alpha,
    singularValues: svd.singularValues,
    deltaNorm: Math.sqrt(deltaEnergy),
    energyCaptured: deltaEnergy === 0 ? 1 : Math.min(1, keptEnergy / deltaEnergy),
    relativeError: deltaEnergy === 0 ? 0 : residual / Math.sqrt(deltaEnergy),
    method: svd.method,
  };
}

/**
 * ΔW = tuned − base for two weights of the same shape, then {@link extractLora}.
 *
 * @throws {ShapeMismatchError} when the shapes differ.
 */
export function extractLoraFromWeights(base: Matrix, tuned: Matrix, options: ExtractLoraOptions): ExtractedLora {
  assertShape('tuned weight (must match the base weight)', tuned, base.rows, base.cols);
  const delta = createMatrix(base.rows, base.cols);
  for (let index = 0; index < delta.data.length; index++) delta.data[index] = tuned.data[index]! - base.data[index]!;
  return extractLora(delta, options);
}

/**
 * The smallest rank whose singular values hold at least `threshold` of the energy: PEFT's `_find_cutoff_index`
 * (`torch.searchsorted(cumsum(S²), threshold·ΣS²) + 1`), capped at the number of values given.
 *
 * @param singularValues - Descending singular values; with `totalEnergy` omitted, all of them.
 * @param totalEnergy - ‖ΔW‖²_F when only the top values are known (default Σ S²).
 * @throws {InvalidArgumentError} when the threshold is not in (0, 1].
 */
export function rankForEnergy(singularValues: ArrayLike<number>, threshold: number, totalEnergy?: number): number {
  if (!(threshold > 0 && threshold <= 1)) throw new InvalidArgumentError('threshold', `threshold must be in (0, 1], got ${String(threshold)}`);
  let total = totalEnergy ?? 0;
  if (totalEnergy === undefined) for (let index = 0; index < singularValues.length; index++) total += singularValues[index]! ** 2;
  const target = threshold * total;
  let cumulative = 0;
  for (let index = 0; index < singularValues.length; index++) {
    cumulative += singularValues[index]! ** 2;
    if (cumulative >= target) return index + 1;
  }
  return singularValues.length;
}

/** Floats of ΔW per block of {@link residualEnergies}: 1 Mi (4 MiB), so A is copied into the kernels' memory rarely. */
const residualBlockFloats = 1 << 20;

/**
 * ‖ΔW‖²_F and ‖ΔW − scaling·B·A‖²_F without forming B·A, on the kernel set in use: a block of rows of ΔW is copied
 * into a scratch buffer, receives −scaling·B_block·A from the merge kernel, and its squares are summed in float64.
 * Computed directly rather than as ‖ΔW‖² − ‖B·A‖² (exact only for an exact SVD, and ruined by cancellation when the
 * residual is small); each element of the residual is within γ_{r+2}·(|Δw| + |s|·Σ|bₜaₜ|) of its exact value (float32
 * rounding of the merge kernel), so the norm is good to about r·2⁻²⁴ relative to ‖ΔW‖.
 */
function residualEnergies(delta: Matrix, factors: LoraFactors): { deltaEnergy: number; residualEnergy: number } {
  const { rows, cols } = delta;
  const rank = factors.a.rows;
  const blockRows = Math.max(1, Math.min(rows, Math.floor(residualBlockFloats / Math.max(1, cols))));
  const block = new Float32Array(blockRows * cols);
  const kernels = getKernelSet();
  let deltaEnergy = 0;
  let residualEnergy = 0;
  for (let start = 0; start < rows; start += blockRows) {
    const count = Math.min(blockRows, rows - start);
    const view = block.subarray(0, count * cols);
    view.set(delta.data.subarray(start * cols, (start + count) * cols));
    deltaEnergy += sumOfSquaresImpl(view);
    kernels.addScaledProduct({ rows: count, cols, rank, target: view, left: factors.b.data.subarray(start * rank, (start + count) * rank), right: factors.a.data, scale: -factors.scaling });
    residualEnergy += sumOfSquaresImpl(view);
  }
  return { deltaEnergy, residualEnergy };
}

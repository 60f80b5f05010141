import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { addScaledProduct } from '../kernels/matrix-ops.js';
import { truncatedSvd } from '../svd/truncated-svd.js';
import type { TruncatedSvdOptions } from '../svd/truncated-svd.js';
import { createMatrix } from '../tensor/matrix.js';
import type { LoraFactors } from './merge.js';

/** One adapter of a weighted combination. */
export interface WeightedAdapter {
  readonly factors: LoraFactors;
  readonly weight: number;
}

/** How {@link combineAdapters} combines: a subset of PEFT's `add_weighted_adapter` `combination_type`s. */
export interface CombineOptions {
  readonly method: 'linear' | 'cat' | 'svd';
  /** Rank of the result for `svd` (PEFT's `svd_rank`); default the largest input rank. */
  readonly rank?: number;
  /** SVD settings for `svd` (method, power iterations, seed). */
  readonly svd?: Omit<TruncatedSvdOptions, 'rank'>;
}

/** The combined adapter: PEFT gives it `r = lora_alpha = rank`, so its scaling is 1. */
export interface CombinedAdapter {
  readonly factors: LoraFactors;
  readonly rank: number;
}

/**
 * Combines adapters of the same module into one, exactly as PEFT's `LoraModel.add_weighted_adapter` (with
 * `wᵢ` the weights, `sᵢ` each adapter's scaling, and the result's scaling 1):
 *
 * - `linear`: every rank equal; A = Σ √(wᵢ·sᵢ)·Aᵢ and B = Σ √(wᵢ·sᵢ)·Bᵢ. Note that B·A then contains cross terms
 *   Bᵢ·Aⱼ: this is PEFT's definition, not Σ wᵢ·ΔWᵢ. Needs wᵢ·sᵢ ≥ 0 (PEFT would produce NaN).
 * - `cat`: A = [w₁s₁A₁; w₂s₂A₂; …] stacked by rows and B = [B₁ B₂ …] by columns, rank Σ rᵢ; B·A = Σ wᵢ·sᵢ·Bᵢ·Aᵢ
 *   exactly.
 * - `svd`: the best rank-`rank` approximation of Σ (wᵢ·sᵢ)·ΔWᵢ with ΔWᵢ = sᵢ·Bᵢ·Aᵢ (PEFT's `get_delta_weight`
 *   already includes the scaling and the weight is multiplied by it again, so each term carries sᵢ²), split as
 *   B = U·S, A = Vᵀ.
 *
 * With a single adapter PEFT always uses `linear`, and so does this function.
 *
 * @throws {InvalidArgumentError} with no adapters, ranks that differ under `linear`, a negative wᵢ·sᵢ under `linear`,
 * or a non-finite weight.
 * @throws {ShapeMismatchError} when the adapters are not for weights of the same shape.
 */
export function combineAdapters(adapters: readonly WeightedAdapter[], options: CombineOptions): CombinedAdapter {
  const first = adapters[0];
  if (first === undefined) throw new InvalidArgumentError('adapters', 'combineAdapters needs at least one adapter');
  const rows = first.factors.b.rows;
  const cols = first.factors.a.cols;
  adapters.forEach(({ factors, weight }, index) => {
    if (factors.b.rows !== rows || factors.a.cols !== cols || factors.a.rows !== factors.b.cols) {
      throw new ShapeMismatchError(
        `adapter ${String(index)}: B is ${String(factors.b.rows)} × ${String(factors.b.cols)} and A is ${String(factors.a.rows)} × ${String(factors.a.cols)}; expected B ${String(rows)} × r and A r × ${String(cols)}`,
      );
    }
    if (!Number.isFinite(weight)) throw new InvalidArgumentError('weights', `weight ${String(index)} must be finite, got ${String(weight)}`);
  });
  const method = adapters.length === 1 ? 'linear' : options.method;
  switch (method) {
    case 'linear':
      return combineLinear(adapters, rows, cols);
    case 'cat':
      return combineConcatenated(adapters, rows, cols);
    case 'svd':
      return combineSvd(adapters, options, rows, cols);
  }
}

function combineLinear(adapters: readonly WeightedAdapter[], rows: number, cols: number): CombinedAdapter {
  const rank = adapters[0]!.factors.a.rows;
  const a = createMatrix(rank, cols);
  const b = createMatrix(rows, rank);
  adapters.forEach(({ factors, weight }, index) => {
    if (factors.a.rows !== rank) {
      throw new InvalidArgumentError('adapters', `combination "linear" needs equal ranks: adapter 0 has r = ${String(rank)}, adapter ${String(index)} has r = ${String(factors.a.rows)}`);
    }
    const product = weight * factors.scaling;
    if (product < 0) {
      throw new InvalidArgumentError('weights', `combination "linear" takes √(weight·scaling), so weight·scaling must be ≥ 0; adapter ${String(index)} has ${String(product)}`);
    }
    const factor = Math.sqrt(product);
    for (let index2 = 0; index2 < a.data.length; index2++) a.data[index2] = a.data[index2]! + factor * factors.a.data[index2]!;
    for (let index2 = 0; index2 < b.data.length; index2++) b.data[index2] = b.data[index2]! + factor * factors.b.data[index2]!;
  });
  return { factors: { a, b, scaling: 1 }, rank };
}

function combineConcatenated(adapters: readonly WeightedAdapter[], rows: number, cols: number): CombinedAdapter {
  const rank = adapters.reduce((sum, { factors }) => sum + factors.a.rows, 0);
  const a = createMatrix(rank, cols);
  const b = createMatrix(rows, rank);
  let offset = 0;
  for (const { factors, weight } of adapters) {
    const adapterRank = factors.a.rows;
    const factor = weight * factors.scaling;
    for (let index = 0; index < adapterRank * cols; index++) a.data[offset * cols + index] = factor * factors.a.data[index]!;
    for (let i = 0; i < rows; i++) {
      for (let t = 0; t < adapterRank; t++) b.data[i * rank + offset + t] = factors.b.data[i * adapterRank + t]!;
    }
    offset += adapterRank;
  }
  return { factors: { a, b, scaling: 1 }, rank };
}

function combineSvd(adapters: readonly WeightedAdapter[], options: CombineOptions, rows: number, cols: number): CombinedAdapter {
  const rank = options.rank ?? Math.max(...adapters.map(({ factors }) => factors.a.rows));
  const delta = createMatrix(rows, cols);
  for (const { factors, weight } of adapters) {
    addScaledProduct(delta, factors.b, factors.a, { scale: weight * factors.scaling * factors.scaling });
  }
  const svd = truncatedSvd(delta, { ...options.svd, rank });
  const b = createMatrix(rows, rank);
  for (let i = 0; i < rows; i++) for (let k = 0; k < rank; k++) b.data[i * rank + k] = svd.left[i * rank + k]! * svd.singularValues[k]!;
  const a = createMatrix(rank, cols, Float32Array.from(svd.rightTransposed));
  return { factors: { a, b, scaling: 1 }, rank };
}

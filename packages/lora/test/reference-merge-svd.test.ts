import { describe, expect, it } from 'vitest';
import { createMatrix, extractLora, loraDeltaWeight, matmulTransposeBInto, mergeLoraInto, rankForEnergy, truncatedSvd, unmergeLoraFrom } from '../src/index.js';
import type { LoraFactors } from '../src/index.js';
import { compare, loadReference, referenceAvailable, referenceSkipMessage, toMatrix } from './reference-math-data.js';

// Float32 tolerance against the float64 truth of make_ref.py: a few float32 ulps of the magnitudes involved.
const float32Tolerance = { atol: 1e-6, rtol: 1e-6 };

describe.skipIf(!referenceAvailable)(`PyTorch reference: merge and SVD extraction ${referenceSkipMessage}`, () => {
  const reference = referenceAvailable ? loadReference() : (undefined as never);
  const factors = (): LoraFactors => ({ a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B), scaling: reference.scaling });

  it('ΔW = s·B·A equals delta_W_f64', () => {
    const delta = loraDeltaWeight(factors());
    expect(compare(delta.data, reference.merge.delta_W_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
  });

  it('W += s·B·A equals W_merged_f64 and PyTorch float32 W_merged_f32', () => {
    const weight = toMatrix(reference.inputs.W);
    mergeLoraInto(weight, factors(), { safe: true });
    expect(compare(weight.data, reference.merge.W_merged_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
    expect(compare(weight.data, reference.merge.W_merged_f32.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
  });

  it('the merged layer gives y_merged_f64, and unmerge returns W within the reference round-trip error', () => {
    const weight = toMatrix(reference.inputs.W);
    const original = weight.data.slice();
    mergeLoraInto(weight, factors());
    const x = toMatrix(reference.inputs.x);
    const y = createMatrix(x.rows, weight.rows);
    matmulTransposeBInto(y, x, weight);
    const bias = reference.inputs.bias.data;
    for (let i = 0; i < y.rows; i++) for (let j = 0; j < y.cols; j++) y.data[i * y.cols + j] = y.data[i * y.cols + j]! + bias[j]!;
    expect(compare(y.data, reference.merge.y_merged_f64.data, { atol: 2e-6, rtol: 2e-6 }).worstRatio).toBeLessThanOrEqual(1);
    unmergeLoraFrom(weight, factors());
    // PyTorch's own float32 merge → unmerge error on these tensors; ours rounds once per step, like it.
    const roundTrip = compare(weight.data, original, { atol: 0, rtol: 0 }).maxAbsError;
    expect(roundTrip).toBeLessThanOrEqual(2 * (reference.merge.merge_unmerge_roundtrip_max_abs_err_f32));
  });

  it('fan_in_fan_out: a weight stored [in, out] receives ΔWᵀ (fan_in_fan_out_W_stored_in_out_merged_f64)', () => {
    const weight = toMatrix(reference.inputs.W);
    const stored = createMatrix(weight.cols, weight.rows);
    for (let i = 0; i < weight.rows; i++) for (let j = 0; j < weight.cols; j++) stored.data[j * weight.rows + i] = weight.data[i * weight.cols + j]!;
    mergeLoraInto(stored, factors(), { fanInFanOut: true });
    expect(reference.merge.fan_in_fan_out_W_stored_in_out_merged_f64.shape).toEqual([stored.rows, stored.cols]);
    expect(compare(stored.data, reference.merge.fan_in_fan_out_W_stored_in_out_merged_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
  });

  describe('SVD extraction (PEFT convention B = U·S, A = Vh, r = alpha = k)', () => {
    const svd = referenceAvailable ? reference.svd_extraction : (undefined as never);

    it('all 48 singular values of delta_W_f64 match torch.linalg.svd', () => {
      const delta = toMatrix(svd.delta_W_f64);
      const full = truncatedSvd(delta, { rank: 48, method: 'exact' });
      const expected = svd.singular_values_f64;
      // Relative to the largest singular value: float32 input, float64 arithmetic.
      expect(compare(full.singularValues, expected, { atol: 1e-6 * expected[0]!, rtol: 0 }).worstRatio).toBeLessThanOrEqual(1);
      expect(rankForEnergy(full.singularValues, svd.energy_threshold)).toBe(svd.rank_at_threshold);
      const energy = svd.energy_cumulative;
      let cumulative = 0;
      const total = expected.reduce((sum, value) => sum + value * value, 0);
      full.singularValues.forEach((value, index) => {
        cumulative += value * value;
        expect(Math.abs(cumulative / total - energy[index]!)).toBeLessThan(1e-6);
      });
    });

    it.each(['exact', 'randomized'] as const)('the rank-4 extraction (%s) reproduces B·A, S and the Frobenius error', (method) => {
      const delta = toMatrix(svd.delta_W_f64);
      const extracted = extractLora(delta, { rank: svd.k, method, seed: 7 });
      expect(extracted.method).toBe(method);
      expect(extracted.factors.scaling).toBe(1);
      expect(extracted.factors.b.rows).toBe(svd.B_svd_f64.shape[0]);
      expect(extracted.factors.a.cols).toBe(svd.A_svd_f64.shape[1]);
      const reconstruction = loraDeltaWeight(extracted.factors);
      expect(compare(reconstruction.data, svd.BA_reconstruction_f64.data, { atol: 2e-6, rtol: 0 }).worstRatio).toBeLessThanOrEqual(1);
      expect(compare(extracted.singularValues, (svd.singular_values_f64).slice(0, 4), { atol: 1e-6, rtol: 0 }).worstRatio).toBeLessThanOrEqual(1);
      const deltaNorm = Math.sqrt((svd.delta_W_f64.data).reduce((sum, value) => sum + value * value, 0));
      expect(Math.abs(extracted.relativeError * deltaNorm - (svd.frobenius_error))).toBeLessThan(1e-6);
      expect(Math.abs(extracted.energyCaptured - (svd.energy_cumulative)[3]!)).toBeLessThan(1e-6);
      // B = U·S: columns of B have norms S (U orthonormal), rows of A are unit vectors.
      for (let k = 0; k < 4; k++) {
        let columnNorm = 0;
        for (let i = 0; i < extracted.factors.b.rows; i++) columnNorm += extracted.factors.b.data[i * 4 + k]! ** 2;
        expect(Math.sqrt(columnNorm)).toBeCloseTo((svd.singular_values_f64)[k]!, 6);
      }
    });
  });
});

// Every tensor and number of ../shared/reference/lora/ref (ref.json and ref.safetensors), iterated from the files
// themselves: each entry that is not an input must have a computation here, and must match it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bfloat16ArrayToFloat32, createAdamw, float32ArrayToBfloat16, extractLora, loraDeltaWeight, LoraLinear, mergeLoraInto, parseSafetensors, rankForEnergy, tensorToFloat32, truncatedSvd, unmergeLoraFrom } from '../src/index.js';
import type { Matrix, Tensor } from '../src/index.js';
import { compare, loadReference, referenceAvailable, referenceFolder, referenceSkipMessage, referenceTensors, toMatrix } from './reference-math-data.js';
import type { ReferenceJson } from './reference-math-data.js';

/** Our value for each reference entry, computed only from the reference inputs. */
function computeAll(reference: ReferenceJson): Map<string, { values: ArrayLike<number>; tolerance: { atol: number; rtol: number } }> {
  const results = new Map<string, { values: ArrayLike<number>; tolerance: { atol: number; rtol: number } }>();
  const set = (path: string, values: ArrayLike<number>, tolerance = { atol: 2e-6, rtol: 2e-6 }): void => {
    results.set(path, { values, tolerance });
  };
  const x = toMatrix(reference.inputs.x);
  const layer = (useRslora = false): LoraLinear => {
    const built = new LoraLinear({ weight: toMatrix(reference.inputs.W), bias: Float32Array.from(reference.inputs.bias.data) });
    built.addAdapter('default', { rank: reference.r, alpha: reference.lora_alpha, useRslora, a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B) });
    return built;
  };
  const sumOfSquaresOver2 = (matrix: Matrix): number => matrix.data.reduce((sum, value) => sum + value * value, 0) / 2;
  // Forward.
  const main = layer();
  const output = main.forward(x, { training: true });
  for (const path of ['forward.y_f64', 'forward.y_f32']) set(path, output.data);
  set('forward.loss_f64', [sumOfSquaresOver2(output)], { atol: 0, rtol: 1e-6 });
  set('forward.loss_f32', [sumOfSquaresOver2(output)], { atol: 0, rtol: 1e-6 });
  set('forward.y_rslora_f64', layer(true).forward(x).data);
  const base = layer();
  base.setActiveAdapters([]);
  set('forward.y_base_f64', base.forward(x).data);
  const identity = new Float32Array(reference.r * reference.r).map((_, index) => (index % (reference.r + 1) === 0 ? 1 : 0));
  const probe = new LoraLinear({ weight: { rows: reference.r, cols: reference.in_features, data: new Float32Array(reference.r * reference.in_features) } });
  probe.addAdapter('probe', { rank: reference.r, alpha: reference.r, a: toMatrix(reference.inputs.A), b: { rows: reference.r, cols: reference.r, data: identity } });
  set('forward.h_xAt_f64', probe.forward(x).data);
  // Gradients of L = Σy²/2.
  const inputGradient = main.backward(output);
  const adapter = main.adapters.get('default')!;
  const gradientTolerance = { atol: 1e-5, rtol: 2e-6 };
  for (const suffix of ['f64', 'f32_autograd']) {
    set(`grads.dA_${suffix}`, adapter.gradA.data, gradientTolerance);
    set(`grads.dB_${suffix}`, adapter.gradB.data, gradientTolerance);
    set(`grads.dx_${suffix}`, inputGradient.data, gradientTolerance);
  }
  // Merge.
  const factors = { a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B), scaling: reference.scaling };
  set('merge.delta_W_f64', loraDeltaWeight(factors).data);
  const merged = mergeLoraInto(toMatrix(reference.inputs.W), factors, { safe: true });
  set('merge.W_merged_f64', merged.data.slice());
  set('merge.W_merged_f32', merged.data.slice());
  const mergedLayer = layer();
  mergedLayer.merge();
  const mergedOutput = mergedLayer.forward(x);
  set('merge.y_merged_f64', mergedOutput.data);
  let mergedGap = 0;
  mergedOutput.data.forEach((value, index) => (mergedGap = Math.max(mergedGap, Math.abs(value - output.data[index]!))));
  set('merge.max_abs_y_merged_minus_y_f64', [mergedGap], { atol: 2e-6, rtol: 0 });
  const original = toMatrix(reference.inputs.W);
  unmergeLoraFrom(merged, factors);
  let roundTrip = 0;
  merged.data.forEach((value, index) => (roundTrip = Math.max(roundTrip, Math.abs(value - original.data[index]!))));
  set('merge.merge_unmerge_roundtrip_max_abs_err_f32', [roundTrip], { atol: 2 * reference.merge.merge_unmerge_roundtrip_max_abs_err_f32, rtol: 0 });
  // bf16 base weight, PEFT's CPU path: ΔW from bf16 A and B computed in fp32, cast to bf16, added and subtracted in bf16.
  const bf16 = (values: Float32Array): Float32Array => bfloat16ArrayToFloat32(float32ArrayToBfloat16(values));
  const weightBf16 = bf16(original.data);
  const deltaBf16 = bf16(loraDeltaWeight({ a: { ...factors.a, data: bf16(factors.a.data) }, b: { ...factors.b, data: bf16(factors.b.data) }, scaling: factors.scaling }).data);
  const mergedBf16 = bf16(weightBf16.map((value, index) => value + deltaBf16[index]!));
  const unmergedBf16 = bf16(mergedBf16.map((value, index) => value - deltaBf16[index]!));
  set('merge.merge_unmerge_roundtrip_max_abs_err_bf16', [unmergedBf16.reduce((worst, value, index) => Math.max(worst, Math.abs(value - weightBf16[index]!)), 0)], { atol: 0, rtol: 0 });
  const stored = { rows: original.cols, cols: original.rows, data: new Float32Array(original.data.length) };
  for (let i = 0; i < original.rows; i++) for (let j = 0; j < original.cols; j++) stored.data[j * original.rows + i] = original.data[i * original.cols + j]!;
  set('merge.fan_in_fan_out_W_stored_in_out_merged_f64', mergeLoraInto(stored, factors, { fanInFanOut: true }).data);
  // AdamW: three steps on A and B.
  const trained = layer();
  const trainedAdapter = trained.adapters.get('default')!;
  const hyper = reference.adamw.hyperparameters;
  const optimizer = createAdamw(
    [
      { name: 'A', value: trainedAdapter.a.data, gradient: trainedAdapter.gradA.data },
      { name: 'B', value: trainedAdapter.b.data, gradient: trainedAdapter.gradB.data },
    ],
    { learningRate: hyper.lr, beta1: hyper.beta1, beta2: hyper.beta2, epsilon: hyper.eps, weightDecay: hyper.weight_decay, amsgrad: hyper.amsgrad, maximize: hyper.maximize },
  );
  for (let step = 0; step < reference.adamw.trajectory_f32.length; step++) {
    optimizer.zeroGradients();
    const stepOutput = trained.forward(x, { training: true });
    set(`adamw.trajectory_f32.${String(step)}.loss_before`, [sumOfSquaresOver2(stepOutput)], { atol: 0, rtol: 2e-6 });
    trained.backward(stepOutput);
    set(`adamw.trajectory_f32.${String(step)}.grad_A`, trainedAdapter.gradA.data.slice(), gradientTolerance);
    set(`adamw.trajectory_f32.${String(step)}.grad_B`, trainedAdapter.gradB.data.slice(), gradientTolerance);
    optimizer.step();
    set(`adamw.trajectory_f32.${String(step)}.step`, [optimizer.stepCount], { atol: 0, rtol: 0 });
    set(`adamw.trajectory_f32.${String(step)}.A_after`, trainedAdapter.a.data.slice(), { atol: 1e-7, rtol: 1e-6 });
    set(`adamw.trajectory_f32.${String(step)}.B_after`, trainedAdapter.b.data.slice(), { atol: 1e-7, rtol: 1e-6 });
    set(`adamw.trajectory_f32.${String(step)}.exp_avg_A`, optimizer.firstMoments[0]!.slice(), { atol: 1e-6, rtol: 2e-6 });
    set(`adamw.trajectory_f32.${String(step)}.exp_avg_sq_A`, optimizer.secondMoments[0]!.slice(), { atol: 1e-9, rtol: 1e-5 });
    if (step === 0) {
      set('adamw.step1_A_f64', trainedAdapter.a.data.slice(), { atol: 1e-7, rtol: 1e-6 });
      set('adamw.step1_B_f64', trainedAdapter.b.data.slice(), { atol: 1e-7, rtol: 1e-6 });
    }
  }
  // SVD extraction.
  const svd = reference.svd_extraction;
  const delta = toMatrix(svd.delta_W_f64);
  const extracted = extractLora(delta, { rank: svd.k });
  const full = truncatedSvd(delta, { rank: Math.min(delta.rows, delta.cols), method: 'exact' });
  set('svd_extraction.singular_values_f64', full.singularValues, { atol: 2e-6, rtol: 0 });
  set('svd_extraction.k', [extracted.rank], { atol: 0, rtol: 0 });
  set('svd_extraction.BA_reconstruction_f64', loraDeltaWeight(extracted.factors).data, { atol: 2e-6, rtol: 0 });
  // Singular vectors are defined up to sign: align each of ours with the reference before comparing A and B.
  const signs = Array.from({ length: svd.k }, (_, k) => {
    let dot = 0;
    for (let j = 0; j < delta.cols; j++) dot += extracted.factors.a.data[k * delta.cols + j]! * svd.A_svd_f64.data[k * delta.cols + j]!;
    return dot < 0 ? -1 : 1;
  });
  set('svd_extraction.A_svd_f64', extracted.factors.a.data.map((value, index) => value * signs[Math.floor(index / delta.cols)]!), { atol: 2e-5, rtol: 0 });
  set('svd_extraction.B_svd_f64', extracted.factors.b.data.map((value, index) => value * signs[index % svd.k]!), { atol: 2e-6, rtol: 0 });
  set('svd_extraction.frobenius_error', [extracted.relativeError * extracted.deltaNorm], { atol: 1e-6, rtol: 0 });
  set('svd_extraction.eckart_young_bound', [extracted.deltaNorm * Math.sqrt(1 - extracted.energyCaptured)], { atol: 1e-6, rtol: 0 });
  const total = full.singularValues.reduce((sum, value) => sum + value * value, 0);
  let cumulative = 0;
  set('svd_extraction.energy_cumulative', full.singularValues.map((value) => (cumulative += value * value) / total), { atol: 1e-6, rtol: 0 });
  set('svd_extraction.energy_threshold', [svd.energy_threshold], { atol: 0, rtol: 0 });
  set('svd_extraction.rank_at_threshold', [rankForEnergy(full.singularValues, svd.energy_threshold)], { atol: 0, rtol: 0 });
  return results;
}

/** ref.safetensors names → the ref.json entry holding the same values. */
const safetensorsToJson: Record<string, string> = {
  W: 'inputs.W',
  bias: 'inputs.bias',
  A: 'inputs.A',
  B: 'inputs.B',
  x: 'inputs.x',
  'y.f32': 'forward.y_f32',
  'y.f64': 'forward.y_f64',
  'W_merged.f32': 'merge.W_merged_f32',
  'W_merged.f64': 'merge.W_merged_f64',
  'dA.f32': 'grads.dA_f32_autograd',
  'dB.f32': 'grads.dB_f32_autograd',
  'dA.f64': 'grads.dA_f64',
  'dB.f64': 'grads.dB_f64',
  'adamw.step1.A.f32': 'adamw.trajectory_f32.0.A_after',
  'adamw.step1.B.f32': 'adamw.trajectory_f32.0.B_after',
  'svd.delta.f64': 'svd_extraction.delta_W_f64',
  'svd.S.f64': 'svd_extraction.singular_values_f64',
  'svd.BA4.f64': 'svd_extraction.BA_reconstruction_f64',
};

/** Inputs and descriptions: entries that are given, not computed. */
const givenEntries = /^(inputs\.|svd_extraction\.delta_W_f64$|adamw\.hyperparameters\.|.*description$|.*formula|.*\.params$|seed$|torch$|numpy$|out_features$|in_features$|r$|lora_alpha$|batch$|scaling|kaiming_bound_A$|adamw\.step1_max_abs_diff)/;

function float64Values(tensor: Tensor): Float64Array {
  if (tensor.dtype !== 'F64') return Float64Array.from(tensorToFloat32(tensor));
  const copy = tensor.data.slice();
  return new Float64Array(copy.buffer, copy.byteOffset, copy.byteLength / 8);
}

/** Every number in ref.json with its dotted path: tensors as one entry, scalars and plain arrays as one entry. */
function referenceEntries(value: unknown, prefix = ''): [string, number[]][] {
  if (typeof value === 'number') return [[prefix, [value]]];
  if (typeof value === 'boolean' || typeof value === 'string' || value === null) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return [[prefix, value]];
  const tensor = referenceTensors(value, prefix);
  if (tensor.length === 1 && tensor[0]![0] === prefix) return [[prefix, tensor[0]![1].data]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => referenceEntries(child, prefix === '' ? key : `${prefix}.${key}`));
}

describe.skipIf(!referenceAvailable)(`every entry of ref.json and ref.safetensors ${referenceSkipMessage}`, () => {
  const reference = referenceAvailable ? loadReference() : (undefined as never);
  const computed: ReturnType<typeof computeAll> = referenceAvailable ? computeAll(reference) : new Map<string, never>();
  const entries = referenceAvailable ? referenceEntries(reference).filter(([path]) => !givenEntries.test(path)) : [];

  it('computes every non-input entry of ref.json (and nothing that is not there)', () => {
    expect(entries.length).toBeGreaterThan(50);
    expect(entries.map(([path]) => path).filter((path) => !computed.has(path))).toEqual([]);
    expect([...computed.keys()].filter((path) => !entries.some(([entry]) => entry === path))).toEqual([]);
  });

  it.each(entries.map(([path, values]) => [path, values] as const))('ref.json %s', (path, expected) => {
    const ours = computed.get(path)!;
    const result = compare(ours.values, expected, ours.tolerance);
    expect(result.worstRatio, `${path}: max abs error ${String(result.maxAbsError)}`).toBeLessThanOrEqual(1);
  });

  it('ref.safetensors holds the same values as ref.json for each of its 18 tensors, and ours match them', () => {
    const file = parseSafetensors(new Uint8Array(readFileSync(`${referenceFolder}ref.safetensors`)), { file: 'ref.safetensors' });
    expect([...file.names].sort()).toEqual(Object.keys(safetensorsToJson).sort());
    const json = new Map(referenceEntries(reference));
    for (const name of file.names) {
      const path = safetensorsToJson[name]!;
      const values = float64Values(file.tensor(name));
      const jsonValues = json.get(path)!;
      // F64 tensors hold the float64 truth bit for bit; F32 ones its float32 rounding.
      expect(compare(values, jsonValues, { atol: 0, rtol: name.endsWith('.f64') ? 0 : 6e-8 }).worstRatio, name).toBeLessThanOrEqual(1);
      const ours = computed.get(path);
      if (ours !== undefined) expect(compare(ours.values, values, ours.tolerance).worstRatio, name).toBeLessThanOrEqual(1);
    }
  });
});

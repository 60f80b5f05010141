import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterFormatError, float32ToTensor, mergeAdapterIntoSafetensors, moduleScaling, parseSafetensors, serializeSafetensors, tensorFromTypedArray, tensorToFloat32 } from '@benchline/lora';
import type { Tensor, WritableFloatDtype } from '@benchline/lora';
import { extractAdapterFromFiles, readAdapterFolder } from '@benchline/lora/node';
import { loraReferenceAvailable, loraReferenceFolder, seededValues } from './safetensors-test-helpers.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-lora-extract-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let seed = 100;
const random = (rows: number, cols: number, dtype: WritableFloatDtype = 'F32'): Tensor => float32ToTensor(seededValues(rows * cols, seed++), dtype, [rows, cols]);

/** base + U·Vᵀ of rank `rank`, scaled by `size`, as a new tensor of the same dtype. */
function plusLowRank(base: Tensor, rank: number, size: number): Tensor {
  const [rows, cols] = base.shape as [number, number];
  const left = seededValues(rows * rank, seed++);
  const right = seededValues(rank * cols, seed++);
  const values = tensorToFloat32(base, { copy: true });
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let k = 0; k < rank; k++) sum += left[i * rank + k]! * right[k * cols + j]!;
      values[i * cols + j] = values[i * cols + j]! + size * sum;
    }
  }
  return float32ToTensor(values, base.dtype as WritableFloatDtype, base.shape);
}

async function write(name: string, tensors: Record<string, Tensor>): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, serializeSafetensors(tensors));
  return path;
}

function maxRelativeDifference(left: Tensor, right: Tensor): number {
  const a = tensorToFloat32(left);
  const b = tensorToFloat32(right);
  let worst = 0;
  let scale = 0;
  for (let index = 0; index < a.length; index++) {
    worst = Math.max(worst, Math.abs(a[index]! - b[index]!));
    scale = Math.max(scale, Math.abs(b[index]!));
  }
  return worst / scale;
}

describe('extract: the best rank-r LoRA of tuned − base, as a PEFT adapter', () => {
  it('LLaMA-shaped, F32: a rank-2 update is captured fully, and merging the adapter back gives the tuned model', async () => {
    const base: Record<string, Tensor> = {
      'model.embed_tokens.weight': random(32, 16),
      'model.layers.0.self_attn.q_proj.weight': random(16, 16),
      'model.layers.0.self_attn.v_proj.weight': random(16, 16),
      'model.layers.0.mlp.up_proj.weight': random(24, 16),
      'model.layers.0.input_layernorm.weight': float32ToTensor(seededValues(16, seed++), 'F32', [16]),
    };
    const tuned = { ...base };
    tuned['model.layers.0.self_attn.q_proj.weight'] = plusLowRank(base['model.layers.0.self_attn.q_proj.weight']!, 2, 0.05);
    tuned['model.layers.0.mlp.up_proj.weight'] = plusLowRank(base['model.layers.0.mlp.up_proj.weight']!, 2, 0.05);
    tuned['model.layers.0.input_layernorm.weight'] = float32ToTensor(seededValues(16, seed++), 'F32', [16]);
    const basePath = await write('llama-base.safetensors', base);
    const tunedPath = await write('llama-tuned.safetensors', tuned);
    const outputFolder = join(folder, 'llama-extracted');
    const progress: string[] = [];
    const result = await extractAdapterFromFiles({ basePath, tunedPath, rank: 2, outputFolder, onProgress: (_done, _total, module) => progress.push(module) });

    expect(result.modules.map((module) => module.target.modulePath)).toEqual(['model.layers.0.mlp.up_proj', 'model.layers.0.self_attn.q_proj']);
    expect(result.unchanged).toEqual(['model.embed_tokens.weight', 'model.layers.0.self_attn.v_proj.weight']);
    expect(result.differentNonMatrices).toEqual(['model.layers.0.input_layernorm.weight']);
    expect(progress).toHaveLength(4);
    for (const module of result.modules) {
      expect(module.energyCaptured).toBeGreaterThan(1 - 1e-9);
      expect(module.relativeError).toBeLessThan(1e-5);
    }
    const adapter = await readAdapterFolder(outputFolder);
    expect(adapter.config).toMatchObject({ r: 2, loraAlpha: 2, targetModules: ['model.layers.0.mlp.up_proj', 'model.layers.0.self_attn.q_proj'], fanInFanOut: false });
    expect(adapter.modules.map((module) => module.scaling)).toEqual([1, 1]);
    expect(adapter.modules[0]!.loraA.shape).toEqual([2, 16]);
    expect(adapter.modules[0]!.loraB.shape).toEqual([24, 2]);

    const merged = parseSafetensors(mergeAdapterIntoSafetensors(new Uint8Array(readFileSync(basePath)), adapter).bytes);
    for (const name of ['model.layers.0.self_attn.q_proj.weight', 'model.layers.0.mlp.up_proj.weight']) {
      expect(maxRelativeDifference(merged.tensor(name), tuned[name]!), name).toBeLessThan(1e-6);
    }
  });

  it('GPT-2-shaped BF16: Conv1D weights are recognised (fan_in_fan_out), the embedding becomes lora_embedding_A/B, --target filters', async () => {
    const base: Record<string, Tensor> = {
      'wte.weight': random(40, 16, 'BF16'),
      'h.0.attn.c_attn.weight': random(16, 48, 'BF16'),
      'h.0.mlp.c_fc.weight': random(16, 64, 'BF16'),
    };
    const tuned: Record<string, Tensor> = {
      'wte.weight': plusLowRank(base['wte.weight']!, 1, 0.25),
      'h.0.attn.c_attn.weight': plusLowRank(base['h.0.attn.c_attn.weight']!, 3, 0.25),
      'h.0.mlp.c_fc.weight': plusLowRank(base['h.0.mlp.c_fc.weight']!, 3, 0.25),
    };
    const basePath = await write('gpt2-base.safetensors', base);
    const tunedPath = await write('gpt2-tuned.safetensors', tuned);
    const outputFolder = join(folder, 'gpt2-extracted');
    const result = await extractAdapterFromFiles({ basePath, tunedPath, rank: 4, outputFolder, target: 'wte|h\\.\\d+\\.attn\\..*', modulePrefix: 'transformer.' });
    expect(result.selection.skipped).toEqual([{ name: 'h.0.mlp.c_fc.weight', reason: 'outside --target' }]);
    const adapter = await readAdapterFolder(outputFolder);
    expect(adapter.config.fanInFanOut).toBe(true);
    expect(adapter.modules.map((module) => [module.modulePath, module.kind, module.weightShape])).toEqual([
      ['transformer.h.0.attn.c_attn', 'linear', [16, 48]],
      ['transformer.wte', 'embedding', [40, 16]],
    ]);
    // BF16 differences are not exactly low-rank (rounding), but rank 4 ≥ 3 keeps almost all of it.
    for (const module of result.modules) expect(module.energyCaptured).toBeGreaterThan(0.99);
    const merged = parseSafetensors(mergeAdapterIntoSafetensors(new Uint8Array(readFileSync(basePath)), adapter).bytes);
    for (const name of ['h.0.attn.c_attn.weight', 'wte.weight']) expect(maxRelativeDifference(merged.tensor(name), tuned[name]!), name).toBeLessThan(0.02);
  });

  it('uses a smaller rank (with rank_pattern and alpha_pattern entries, scaling still 1) for weights smaller than r', async () => {
    const base = { 'small.weight': random(3, 5), 'large.weight': random(12, 10) };
    const tuned = { 'small.weight': plusLowRank(base['small.weight'], 3, 1), 'large.weight': plusLowRank(base['large.weight'], 2, 1) };
    const outputFolder = join(folder, 'clamped');
    await extractAdapterFromFiles({ basePath: await write('small-base.safetensors', base), tunedPath: await write('small-tuned.safetensors', tuned), rank: 4, outputFolder });
    const adapter = await readAdapterFolder(outputFolder);
    expect(Object.fromEntries(adapter.config.rankPattern)).toEqual({ small: 3 });
    expect(Object.fromEntries(adapter.config.alphaPattern)).toEqual({ small: 3 });
    expect(adapter.modules.map((module) => [module.modulePath, module.rank, moduleScaling(adapter.config, module.modulePath)])).toEqual([
      ['large', 4, 1],
      ['small', 3, 1],
    ]);
  });

  it('refuses identical models, tensors whose shapes differ, and an output that is an input; writes nothing then', async () => {
    const base = { 'w.weight': random(4, 4) };
    const basePath = await write('same-base.safetensors', base);
    const tunedPath = await write('same-tuned.safetensors', base);
    const outputFolder = join(folder, 'not-written');
    await expect(extractAdapterFromFiles({ basePath, tunedPath, rank: 2, outputFolder })).rejects.toThrow(AdapterFormatError);
    await expect(extractAdapterFromFiles({ basePath, tunedPath, rank: 2, outputFolder })).rejects.toThrow('no weight differs between the base and the tuned model');
    const reshapedPath = await write('reshaped.safetensors', { 'w.weight': random(4, 5) });
    await expect(extractAdapterFromFiles({ basePath, tunedPath: reshapedPath, rank: 2, outputFolder })).rejects.toThrow('the base and tuned models disagree on 1 tensor(s): w.weight (F32 [4, 4] vs F32 [4, 5])');
    await expect(extractAdapterFromFiles({ basePath, tunedPath, rank: 2, outputFolder: basePath })).rejects.toThrow('refusing to overwrite an input file');
    await expect(extractAdapterFromFiles({ basePath, tunedPath, rank: 2, outputFolder, target: '(' })).rejects.toThrow('--target "(" is not a valid regular expression');
    expect(existsSync(outputFolder)).toBe(false);
  });
});

describe.skipIf(!loraReferenceAvailable())('extract against the PyTorch reference (ref.json svd_extraction)', () => {
  interface SvdReference {
    delta_W_f64: { shape: [number, number]; data: number[] };
    singular_values_f64: number[];
    k: number;
    BA_reconstruction_f64: { data: number[] };
    frobenius_error: number;
    energy_cumulative: number[];
  }

  it('a 64 × 48 ΔW of rank 4 plus noise: energy, reconstruction and error as torch computes them', async () => {
    const reference = (JSON.parse(readFileSync(join(loraReferenceFolder, 'ref/ref.json'), 'utf8')) as { svd_extraction: SvdReference }).svd_extraction;
    const [rows, cols] = reference.delta_W_f64.shape;
    const zeros = tensorFromTypedArray('F32', [rows, cols], new Float32Array(rows * cols));
    const delta = tensorFromTypedArray('F32', [rows, cols], Float32Array.from(reference.delta_W_f64.data));
    const basePath = await write('svd-base.safetensors', { 'layer.weight': zeros });
    const tunedPath = await write('svd-tuned.safetensors', { 'layer.weight': delta });
    const outputFolder = join(folder, 'svd-extracted');
    const result = await extractAdapterFromFiles({ basePath, tunedPath, rank: reference.k, outputFolder });
    const [module] = result.modules;
    expect(module!.energyCaptured).toBeCloseTo(reference.energy_cumulative[reference.k - 1]!, 6);
    const deltaNorm = Math.sqrt(reference.singular_values_f64.reduce((sum, value) => sum + value * value, 0));
    expect(module!.relativeError * deltaNorm).toBeCloseTo(reference.frobenius_error, 6);
    const adapter = await readAdapterFolder(outputFolder);
    const merged = parseSafetensors(mergeAdapterIntoSafetensors(new Uint8Array(readFileSync(basePath)), adapter).bytes).tensor('layer.weight');
    const reconstruction = tensorToFloat32(merged);
    let worst = 0;
    reference.BA_reconstruction_f64.data.forEach((value, index) => {
      worst = Math.max(worst, Math.abs(reconstruction[index]! - value));
    });
    expect(worst).toBeLessThan(1e-6);
  });
});

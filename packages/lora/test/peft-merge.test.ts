import { existsSync, readFileSync } from 'node:fs';
import { link as linkFile, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdapterFormatError,
  SafetensorsFormatError,
  adapterFromTensors,
  createAdapterConfig,
  float32ToTensor,
  mergeAdapterIntoSafetensors,
  parseAdapter,
  parseSafetensors,
  planMerge,
  serializeSafetensors,
  tensorFromTypedArray,
  tensorToFloat32,
} from '@benchline/lora';
import type { PeftAdapter, Tensor, WritableFloatDtype } from '@benchline/lora';
import { mergeAdapterIntoFile, readSafetensorsFile } from '@benchline/lora/node';
import type { BoundedReference } from './float32-bounds.js';
import { referenceMerge, storedBounds, worstBoundRatio } from './float32-bounds.js';
import { loraReferenceAvailable, loraReferenceFolder, seededValues } from './safetensors-test-helpers.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-lora-merge-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let seed = 1;
const matrix = (rows: number, cols: number, dtype: WritableFloatDtype = 'F32'): Tensor => float32ToTensor(seededValues(rows * cols, seed++), dtype, [rows, cols]);
const vector = (length: number, dtype: WritableFloatDtype = 'F32'): Tensor => float32ToTensor(seededValues(length, seed++), dtype, [length]);

/** A two-layer LLaMA-shaped model (hidden 16, intermediate 24, vocabulary 32). */
function tinyLlama(dtype: WritableFloatDtype): Record<string, Tensor> {
  const tensors: Record<string, Tensor> = { 'model.embed_tokens.weight': matrix(32, 16, dtype), 'model.norm.weight': vector(16, dtype), 'lm_head.weight': matrix(32, 16, dtype) };
  for (let layer = 0; layer < 2; layer++) {
    const prefix = `model.layers.${String(layer)}`;
    for (const projection of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) tensors[`${prefix}.self_attn.${projection}.weight`] = matrix(16, 16, dtype);
    tensors[`${prefix}.mlp.gate_proj.weight`] = matrix(24, 16, dtype);
    tensors[`${prefix}.mlp.up_proj.weight`] = matrix(24, 16, dtype);
    tensors[`${prefix}.mlp.down_proj.weight`] = matrix(16, 24, dtype);
    tensors[`${prefix}.input_layernorm.weight`] = vector(16, dtype);
  }
  return tensors;
}

/** A one-layer GPT-2-shaped model (hidden 16): Conv1D weights stored [in, out]; `prefix` '' or 'transformer.'. */
function tinyGpt2(prefix: string): Record<string, Tensor> {
  return {
    [`${prefix}wte.weight`]: matrix(40, 16),
    [`${prefix}wpe.weight`]: matrix(8, 16),
    [`${prefix}h.0.attn.c_attn.weight`]: matrix(16, 48),
    [`${prefix}h.0.attn.c_attn.bias`]: vector(48),
    [`${prefix}h.0.attn.c_proj.weight`]: matrix(16, 16),
    [`${prefix}h.0.mlp.c_fc.weight`]: matrix(16, 64),
    [`${prefix}h.0.mlp.c_proj.weight`]: matrix(64, 16),
    [`${prefix}ln_f.weight`]: vector(16),
  };
}

/** An adapter with LoRA on the given modules: `[module path, out, in]`; B is random (not zero) so ΔW ≠ 0. */
function makeAdapter(modules: readonly (readonly [string, number, number])[], config: Parameters<typeof createAdapterConfig>[0], extra: Record<string, Tensor> = {}): PeftAdapter {
  const tensors: [string, Tensor][] = [];
  for (const [path, out, inFeatures] of modules) {
    const rank = config.rankPattern?.get(path.split('.').at(-1)!) ?? config.r;
    tensors.push([`base_model.model.${path}.lora_A.weight`, matrix(rank, inFeatures)]);
    tensors.push([`base_model.model.${path}.lora_B.weight`, matrix(out, rank)]);
  }
  for (const [path, tensor] of Object.entries(extra)) tensors.push([`base_model.model.${path}`, tensor]);
  return adapterFromTensors(createAdapterConfig(config), tensors);
}

async function writeBase(name: string, tensors: Record<string, Tensor>): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, serializeSafetensors(tensors, { metadata: { format: 'pt' } }));
  return path;
}

/** Unit roundoff and smallest positive subnormal of each stored type (F32 results are stored as computed). */
const storage: Record<'F16' | 'BF16', { unitRoundoff: number; subnormal: number }> = {
  F16: { unitRoundoff: 2 ** -11, subnormal: 2 ** -24 },
  BF16: { unitRoundoff: 2 ** -8, subnormal: 2 ** -133 },
};

/**
 * W + s·B·A in float64 with each element's bound: the float32 bound γ_{r+2}·(|w| + |s|·Σ|bₜaₜ|) of either kernel set
 * (test/float32-bounds.ts), widened by the final rounding to F16 or BF16.
 */
function boundedMerge(dtype: string, operands: Parameters<typeof referenceMerge>[0]): BoundedReference {
  const reference = referenceMerge(operands);
  return dtype === 'F16' || dtype === 'BF16' ? storedBounds(reference, storage[dtype].unitRoundoff, storage[dtype].subnormal) : reference;
}

/** Checks every targeted weight against the float64 W + s·B·A, within the float32 bound and one rounding of the stored dtype. */
function expectMerged(
  base: Record<string, Tensor>,
  merged: Record<string, Tensor>,
  adapter: PeftAdapter,
  naming: { nameOf: (modulePath: string) => string; transposed: (modulePath: string) => boolean },
): void {
  const { nameOf, transposed } = naming;
  for (const module of adapter.modules) {
    const name = nameOf(module.modulePath);
    const original = base[name]!;
    const expected = boundedMerge(original.dtype, {
      weight: tensorToFloat32(original),
      b: tensorToFloat32(module.loraB),
      a: tensorToFloat32(module.loraA),
      rows: module.loraB.shape[0]!,
      cols: module.loraA.shape[1]!,
      rank: module.rank,
      scale: module.scaling,
      transposed: transposed(module.modulePath),
    });
    const found = tensorToFloat32(merged[name]!);
    const before = tensorToFloat32(original);
    expect(merged[name]!.dtype).toBe(original.dtype);
    expect(worstBoundRatio(found, expected), name).toBeLessThanOrEqual(1);
    let changed = 0;
    for (let index = 0; index < found.length; index++) if (found[index] !== before[index]) changed++;
    expect(changed, name).toBeGreaterThan(found.length / 2);
  }
}

function tensorsOf(bytes: Uint8Array): Record<string, Tensor> {
  return Object.fromEntries(parseSafetensors(bytes).tensors());
}

describe('merge into a tiny LLaMA-shaped model: W += s·B·A in float32, stored in the base dtype', () => {
  it.each(['F32', 'F16', 'BF16'] as const)('%s base: targeted weights equal W + s·B·A; every other tensor, the header and the layout are unchanged', async (dtype) => {
    const base = tinyLlama(dtype);
    const basePath = await writeBase(`llama-${dtype}.safetensors`, base);
    const targets = ['q_proj', 'v_proj'];
    const modules = [0, 1].flatMap((layer) => targets.map((target) => [`model.layers.${String(layer)}.self_attn.${target}`, 16, 16] as const));
    const adapter = makeAdapter(modules, { r: 4, loraAlpha: 8, targetModules: targets, rankPattern: new Map([['v_proj', 2]]), alphaPattern: new Map([['v_proj', 6]]) });
    expect(adapter.modules.map((module) => module.scaling)).toEqual([2, 3, 2, 3]);
    const outputPath = join(folder, `llama-${dtype}-merged.safetensors`);
    const progress: number[] = [];
    const result = await mergeAdapterIntoFile({ basePath, adapter, outputPath, onProgress: (done) => progress.push(done) });
    expect(result.mergedTensors).toHaveLength(4);
    expect(result.copiedTensors).toBe(Object.keys(base).length - 4);
    expect(progress.at(-1)).toBe(parseSafetensors(new Uint8Array(readFileSync(basePath))).header.dataLength);

    const baseBytes = new Uint8Array(readFileSync(basePath));
    const mergedBytes = new Uint8Array(readFileSync(outputPath));
    const baseFile = parseSafetensors(baseBytes);
    expect(mergedBytes.length).toBe(baseBytes.length);
    expect(Buffer.compare(Buffer.from(mergedBytes.subarray(0, baseFile.header.dataStart)), Buffer.from(baseBytes.subarray(0, baseFile.header.dataStart)))).toBe(0);
    const merged = tensorsOf(mergedBytes);
    expectMerged(base, merged, adapter, { nameOf: (path) => `${path}.weight`, transposed: () => false });
    for (const name of Object.keys(base)) {
      if (result.mergedTensors.includes(name)) continue;
      expect(Buffer.compare(Buffer.from(merged[name]!.data), Buffer.from(base[name]!.data)), name).toBe(0);
    }
    // The in-memory merge gives the same bytes.
    expect(Buffer.compare(Buffer.from(mergeAdapterIntoSafetensors(baseBytes, adapter).bytes), Buffer.from(mergedBytes))).toBe(0);
  });
});

describe('merge into a tiny GPT-2-shaped model: Conv1D weights [in, out], fan_in_fan_out, the transformer. prefix', () => {
  const modules = [
    ['transformer.h.0.attn.c_attn', 48, 16],
    ['transformer.h.0.attn.c_proj', 16, 16],
    ['transformer.h.0.mlp.c_proj', 16, 64],
  ] as const;

  it.each([
    ['a bare GPT2Model checkpoint (h.0.…): the prefix is dropped', ''],
    ['a checkpoint with the transformer. prefix: names match as they are', 'transformer.'],
  ])('%s', async (_label, prefix) => {
    const base = tinyGpt2(prefix);
    const basePath = await writeBase(`gpt2-${prefix || 'bare'}.safetensors`, base);
    const adapter = makeAdapter(modules, { r: 2, loraAlpha: 8, targetModules: ['c_attn', 'c_proj'], fanInFanOut: true });
    const outputPath = join(folder, `gpt2-${prefix || 'bare'}-merged.safetensors`);
    const result = await mergeAdapterIntoFile({ basePath, adapter, outputPath });
    expect(result.plan.mapping).toEqual(prefix === '' ? { stripPrefix: 'transformer.', addPrefix: '' } : { stripPrefix: '', addPrefix: '' });
    expect(result.plan.orientationOverrides).toEqual([]);
    const merged = tensorsOf(new Uint8Array(readFileSync(outputPath)));
    const nameOf = (path: string): string => `${prefix}${path.replace(/^transformer\./, '')}.weight`;
    expectMerged(base, merged, adapter, { nameOf, transposed: () => true });
    expect(Buffer.compare(Buffer.from(merged[`${prefix}h.0.mlp.c_fc.weight`]!.data), Buffer.from(base[`${prefix}h.0.mlp.c_fc.weight`]!.data))).toBe(0);
  });

  it('adds the prefix when the adapter was trained on the bare model and the base has it', () => {
    const base = tinyGpt2('transformer.');
    const adapter = makeAdapter([['h.0.attn.c_attn', 48, 16]], { r: 2, loraAlpha: 2, targetModules: ['c_attn'], fanInFanOut: true });
    const plan = planMerge(adapter, Object.entries(base).map(([name, tensor]) => ({ name, dtype: tensor.dtype, shape: tensor.shape })));
    expect(plan.mapping).toEqual({ stripPrefix: '', addPrefix: 'transformer.' });
    expect([...plan.operations.keys()]).toEqual(['transformer.h.0.attn.c_attn.weight']);
  });

  it('corrects fan_in_fan_out from the weight shape where only one orientation fits (PEFT forces it per layer type)', () => {
    const base = tinyGpt2('');
    const adapter = makeAdapter([['transformer.h.0.attn.c_attn', 48, 16]], { r: 2, loraAlpha: 2, targetModules: ['c_attn'], fanInFanOut: false });
    const plan = planMerge(adapter, Object.entries(base).map(([name, tensor]) => ({ name, dtype: tensor.dtype, shape: tensor.shape })));
    expect(plan.orientationOverrides).toEqual(['transformer.h.0.attn.c_attn']);
    const operation = plan.operations.get('h.0.attn.c_attn.weight')![0]!;
    expect(operation.kind === 'lora' && operation.transposed).toBe(true);
  });
});

describe('merge: modules_to_save, lora_B bias, embeddings', () => {
  it('replaces modules_to_save tensors, adds s·lora_B.bias to the base bias, and merges embedding LoRA as (B·A)ᵀ', () => {
    const base = tinyGpt2('');
    base['score.weight'] = matrix(3, 16);
    const scoreCopy = matrix(3, 16);
    const adapterConfig = createAdapterConfig({ r: 2, loraAlpha: 4, targetModules: ['c_attn', 'wte'], fanInFanOut: true });
    const loraBias = vector(48);
    const tensors: [string, Tensor][] = [
      ['base_model.model.transformer.h.0.attn.c_attn.lora_A.weight', matrix(2, 16)],
      ['base_model.model.transformer.h.0.attn.c_attn.lora_B.weight', matrix(48, 2)],
      ['base_model.model.transformer.h.0.attn.c_attn.lora_B.bias', loraBias],
      ['base_model.model.transformer.wte.lora_embedding_A', matrix(2, 40)],
      ['base_model.model.transformer.wte.lora_embedding_B', matrix(16, 2)],
      ['base_model.model.score.weight', scoreCopy],
    ];
    const adapter = adapterFromTensors(adapterConfig, tensors);
    const { bytes, plan } = mergeAdapterIntoSafetensors(serializeSafetensors(base), adapter);
    expect(plan.unmatchedTensors).toEqual([]);
    const merged = tensorsOf(bytes);
    expect(tensorToFloat32(merged['score.weight']!)).toEqual(tensorToFloat32(scoreCopy));
    const biasBefore = tensorToFloat32(base['h.0.attn.c_attn.bias']!);
    const biasAfter = tensorToFloat32(merged['h.0.attn.c_attn.bias']!);
    const bias = tensorToFloat32(loraBias);
    for (let index = 0; index < 48; index++) expect(biasAfter[index]).toBeCloseTo(biasBefore[index]! + 2 * bias[index]!, 6);
    const embedding = adapter.modules.find((module) => module.kind === 'embedding')!;
    // ΔW = (B·A)ᵀ: [40, 16] from B [16, 2] · A [2, 40].
    const expected = boundedMerge('F32', { weight: tensorToFloat32(base['wte.weight']!), b: tensorToFloat32(embedding.loraB), a: tensorToFloat32(embedding.loraA), rows: 16, cols: 40, rank: 2, scale: 2, transposed: true });
    expect(worstBoundRatio(tensorToFloat32(merged['wte.weight']!), expected)).toBeLessThanOrEqual(1);
  });

  it('reports tensors saved whole that the base lacks (a classification head on a bare model) without failing', () => {
    const adapter = makeAdapter([['transformer.h.0.attn.c_attn', 48, 16]], { r: 2, loraAlpha: 2, targetModules: ['c_attn'], fanInFanOut: true }, { 'score.weight': matrix(3, 16) });
    const { plan } = mergeAdapterIntoSafetensors(serializeSafetensors(tinyGpt2('')), adapter);
    expect(plan.unmatchedTensors).toEqual(['score.weight']);
  });
});

describe('merge refuses inconsistent inputs, and leaves no output file', () => {
  async function expectNoOutput(run: (outputPath: string) => Promise<unknown>, message: RegExp, errorClass: typeof AdapterFormatError | typeof SafetensorsFormatError = AdapterFormatError): Promise<void> {
    const outputPath = join(folder, `refused-${String(seed++)}.safetensors`);
    const error = await run(outputPath).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(outputPath)).toBe(false);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }

  it('a target missing from the base, listing every missing module', async () => {
    const basePath = await writeBase('llama-for-missing.safetensors', tinyLlama('F32'));
    const adapter = makeAdapter(
      [
        ['model.layers.0.self_attn.q_proj', 16, 16],
        ['model.layers.7.self_attn.q_proj', 16, 16],
        ['model.layers.9.self_attn.q_proj', 16, 16],
      ],
      { r: 2, loraAlpha: 2, targetModules: ['q_proj'] },
    );
    await expectNoOutput(
      (outputPath) => mergeAdapterIntoFile({ basePath, adapter, outputPath }),
      /llama-for-missing.safetensors: 2 of the adapter's 3 target module\(s\) are not in the base model: model.layers.7.self_attn.q_proj \(looked for model.layers.7.self_attn.q_proj.weight\), model.layers.9.self_attn.q_proj/,
    );
  });

  it('a weight whose shape fits neither orientation of B·A', async () => {
    const basePath = await writeBase('llama-for-shape.safetensors', tinyLlama('F32'));
    const adapter = makeAdapter([['model.layers.0.mlp.up_proj', 20, 16]], { r: 2, loraAlpha: 2, targetModules: ['up_proj'] });
    await expectNoOutput(
      (outputPath) => mergeAdapterIntoFile({ basePath, adapter, outputPath }),
      /tensor "model.layers.0.mlp.up_proj.weight" is \[24, 16\], but module model.layers.0.mlp.up_proj's ΔW = B·A is \[20, 16\] \(lora_B \[20, 2\] · lora_A \[2, 16\]\); expected \[20, 16\] or, stored transposed, \[16, 20\]/,
    );
  });

  it('a merge that overflows float16', async () => {
    const base = tinyLlama('F16');
    const basePath = await writeBase('llama-for-overflow.safetensors', base);
    const huge = tensorFromTypedArray('F32', [16, 2], new Float32Array(32).fill(1000));
    const adapter = adapterFromTensors(createAdapterConfig({ r: 2, loraAlpha: 2, targetModules: ['q_proj'] }), [
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', tensorFromTypedArray('F32', [2, 16], new Float32Array(32).fill(1000))],
      ['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', huge],
    ]);
    await expectNoOutput((outputPath) => mergeAdapterIntoFile({ basePath, adapter, outputPath }), /merging into "model.layers.0.self_attn.q_proj.weight" makes element \[0, 0\] Infinity \(it was finite; F16 overflow/);
  });

  it('a malformed base file, named with the rule', async () => {
    const basePath = join(folder, 'truncated.safetensors');
    const bytes = serializeSafetensors(tinyLlama('F32'));
    await writeFile(basePath, bytes.subarray(0, bytes.length - 3));
    const adapter = makeAdapter([['model.layers.0.self_attn.q_proj', 16, 16]], { r: 2, loraAlpha: 2, targetModules: ['q_proj'] });
    await expectNoOutput((outputPath) => mergeAdapterIntoFile({ basePath, adapter, outputPath }), /truncated.safetensors: .*truncated file\) \[MetadataIncompleteBuffer\]/, SafetensorsFormatError);
  });

  it('an output that is the base file, directly or through a symbolic or hard link', async () => {
    const basePath = await writeBase('llama-for-overwrite.safetensors', tinyLlama('F32'));
    const before = readFileSync(basePath);
    const adapter = makeAdapter([['model.layers.0.self_attn.q_proj', 16, 16]], { r: 2, loraAlpha: 2, targetModules: ['q_proj'] });
    await expect(mergeAdapterIntoFile({ basePath, adapter, outputPath: basePath })).rejects.toThrow(/refusing to overwrite an input file/);
    const link = join(folder, 'link-to-base.safetensors');
    await symlink(basePath, link);
    await expect(mergeAdapterIntoFile({ basePath, adapter, outputPath: link })).rejects.toThrow(/refusing to overwrite an input file/);
    const hardLink = join(folder, 'hard-link-to-base.safetensors');
    await linkFile(basePath, hardLink);
    await expect(mergeAdapterIntoFile({ basePath, adapter, outputPath: hardLink })).rejects.toThrow(/refusing to overwrite an input file/);
    expect(Buffer.compare(readFileSync(basePath), before)).toBe(0);
  });
});

describe.skipIf(!loraReferenceAvailable())('merge with the real adapters (layers 0 and 1 of each), against the manifest', () => {
  interface FirstDelta {
    A: string;
    delta_fro: number;
    delta_sum: number;
    delta_00: number;
  }
  const manifest = JSON.parse(readFileSync(join(loraReferenceFolder, 'adapters/MANIFEST.json'), 'utf8')) as Record<string, { first_delta: FirstDelta }>;

  it.each([
    ['gpt2-peft-lora', ''],
    ['distilbert-emotion-lora', ''],
    ['gpt2-tigrinya-lora', 'transformer.'],
  ])('%s: merged into zero weights, the first module equals the manifest ΔW (norm, sum, [0,0]); the rest match W + s·B·A', async (name, gpt2Prefix) => {
    const folderPath = join(loraReferenceFolder, 'adapters', name);
    const full = parseAdapter(readFileSync(join(folderPath, 'adapter_config.json'), 'utf8'), new Uint8Array(readFileSync(join(folderPath, 'adapter_model.safetensors'))));
    const keep = full.modules.filter((module) => /\.(h|layer)\.[01]\./.test(module.modulePath));
    const adapter: PeftAdapter = { ...full, modules: keep };
    const isGpt2 = name.startsWith('gpt2');
    const baseName = (path: string): string => (isGpt2 ? `${gpt2Prefix}${path.replace(/^transformer\./, '')}` : path);
    const base: Record<string, Tensor> = {};
    const firstPath = manifest[name]!.first_delta.A.replace(/^base_model\.model\./, '').replace(/\.lora_A\.weight$/, '');
    for (const module of keep) {
      const [rows, cols] = module.weightShape;
      base[`${baseName(module.modulePath)}.weight`] = module.modulePath === firstPath ? tensorFromTypedArray('F32', [rows, cols], new Float32Array(rows * cols)) : matrix(rows, cols);
    }
    for (const [path, tensor] of full.otherTensors) base[path] = float32ToTensor(new Float32Array(tensor.data.length / 4), 'F32', tensor.shape);
    const basePath = await writeBase(`${name}-base.safetensors`, base);
    const outputPath = join(folder, `${name}-merged.safetensors`);
    const result = await mergeAdapterIntoFile({ basePath, adapter, outputPath });
    expect(result.plan.unmatchedTensors).toEqual([]);
    const merged = Object.fromEntries((await readSafetensorsFile(outputPath)).tensors());

    const delta = tensorToFloat32(merged[`${baseName(firstPath)}.weight`]!);
    let sum = 0;
    let squares = 0;
    for (const value of delta) {
      sum += value;
      squares += value * value;
    }
    const reference = manifest[name]!.first_delta;
    expect(Math.sqrt(squares)).toBeCloseTo(reference.delta_fro, 4);
    expect(sum).toBeCloseTo(reference.delta_sum, 3);
    expect(delta[0]).toBeCloseTo(reference.delta_00, 7);
    expectMerged(base, merged, adapter, { nameOf: (path) => `${baseName(path)}.weight`, transposed: () => full.config.fanInFanOut });
    for (const [path, tensor] of full.otherTensors) expect(Buffer.compare(Buffer.from(merged[path]!.data), Buffer.from(tensor.data)), path).toBe(0);
  }, 60_000);
});

describe('key mapping with more than one leading segment', () => {
  it('strips transformer. from the modules that have it and keeps lm_head as it is', () => {
    const base = { ...tinyGpt2(''), 'lm_head.weight': matrix(40, 16) };
    const adapter = makeAdapter(
      [
        ['transformer.h.0.attn.c_attn', 48, 16],
        ['lm_head', 40, 16],
      ],
      { r: 2, loraAlpha: 2, targetModules: ['c_attn', 'lm_head'], fanInFanOut: true },
    );
    const plan = planMerge(adapter, Object.entries(base).map(([name, tensor]) => ({ name, dtype: tensor.dtype, shape: tensor.shape })));
    expect(plan.mapping).toEqual({ stripPrefix: 'transformer.', addPrefix: '' });
    expect([...plan.operations.keys()].sort()).toEqual(['h.0.attn.c_attn.weight', 'lm_head.weight']);
    // lm_head [40, 16] is not square: only the [out, in] orientation fits, whatever fan_in_fan_out says.
    const head = plan.operations.get('lm_head.weight')![0]!;
    expect(head.kind === 'lora' && head.transposed).toBe(false);
    expect(plan.orientationOverrides).toEqual(['lm_head']);
  });
});

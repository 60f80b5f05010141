import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateMemory, loraParameterCount, ModelConfigError, modelArchitecture, nf4BitsPerParameter } from '../src/index.js';

const configFolder = fileURLToPath(new URL('./fixtures/configs/', import.meta.url));
const adapterFolder = fileURLToPath(new URL('../../../../shared/reference/lora/adapters/', import.meta.url));
const adaptersAvailable = existsSync(`${adapterFolder}MANIFEST.json`);
if (!adaptersAvailable && process.env.CI !== undefined) throw new Error(`missing ${adapterFolder}MANIFEST.json (shared/ must sit beside the repository in CI)`);

function config(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${configFolder}${name}.json`, 'utf8')) as Record<string, unknown>;
}

describe('modelArchitecture: every parameter from config.json (published totals, see fixtures/configs/SOURCES.md)', () => {
  it.each([
    ['gpt2', 124_439_808, 'GPT2LMHeadModel'],
    ['bert-base-uncased', 109_482_240, 'BertModel'],
    ['roberta-base', 124_645_632, 'RobertaModel'],
    ['distilbert-base-uncased', 66_362_880, 'DistilBertModel'],
    ['llama-2-7b-hf', 6_738_415_616, 'LlamaForCausalLM'],
    ['mistral-7b-v0.1', 7_241_732_096, 'MistralForCausalLM'],
    ['qwen2-0.5b', 494_032_768, 'Qwen2ForCausalLM'],
  ])('%s has %i parameters (%s)', (name, total, modelClass) => {
    const architecture = modelArchitecture(config(name), `${name}.json`);
    expect(architecture.totalParameters).toBe(total);
    expect(architecture.modelClass).toBe(modelClass);
    expect(architecture.breakdown.reduce((sum, { parameters }) => sum + parameters, 0)).toBe(total);
  });

  it('grouped-query attention shrinks k_proj and v_proj (Mistral: 8 of 32 heads)', () => {
    const modules = modelArchitecture(config('mistral-7b-v0.1')).modules;
    expect(modules.find((module) => module.name === 'model.layers.0.self_attn.k_proj')).toMatchObject({ inFeatures: 4096, outFeatures: 1024 });
    expect(modules.find((module) => module.name === 'model.layers.31.self_attn.q_proj')).toMatchObject({ inFeatures: 4096, outFeatures: 4096 });
  });

  it('rejects an unknown model_type and a missing field, naming the file and the field', () => {
    expect(() => modelArchitecture({ model_type: 't5' }, 'x/config.json')).toThrow('x/config.json: model_type "t5" is not supported; expected one of llama, mistral, qwen2, gpt2, bert, roberta, distilbert');
    const broken = config('gpt2');
    delete broken.n_embd;
    expect(() => modelArchitecture(broken, 'gpt2.json')).toThrow(ModelConfigError);
    expect(() => modelArchitecture(broken, 'gpt2.json')).toThrow('gpt2.json: "n_embd" is missing; a gpt2 model needs it');
    expect(() => modelArchitecture({ ...config('gpt2'), n_layer: '12' }, 'gpt2.json')).toThrow('"n_layer" must be a positive integer, found "12"');
  });
});

interface ManifestTensor {
  readonly key: string;
  readonly shape: number[];
}

describe.skipIf(!adaptersAvailable)('loraParameterCount against the real PEFT adapters (their lora_A/lora_B tensor sizes)', () => {
  const manifest = adaptersAvailable ? (JSON.parse(readFileSync(`${adapterFolder}MANIFEST.json`, 'utf8')) as Record<string, { tensors: ManifestTensor[] }>) : {};
  const loraElements = (name: string): number =>
    manifest[name]!.tensors.filter(({ key }) => /\.lora_[AB]\.weight$/.test(key)).reduce((sum, { shape }) => sum + shape.reduce((product, size) => product * size, 1), 0);
  const adapterConfig = (name: string): { r: number; target_modules: string[] } =>
    JSON.parse(readFileSync(`${adapterFolder}${name}/adapter_config.json`, 'utf8')) as { r: number; target_modules: string[] };

  it.each([
    ['gpt2-peft-lora', 'gpt2'],
    ['gpt2-tigrinya-lora', 'gpt2'],
    ['distilbert-emotion-lora', 'distilbert-base-uncased'],
  ])('%s: trainable parameters equal the adapter file’s LoRA elements', (adapter, base) => {
    const settings = adapterConfig(adapter);
    const count = loraParameterCount(modelArchitecture(config(base)), { targetModules: settings.target_modules, rank: settings.r });
    expect(count.trainableParameters).toBe(loraElements(adapter));
    expect(count.modules.length).toBe(manifest[adapter]!.tensors.filter(({ key }) => key.endsWith('.lora_A.weight')).length);
  });
});

describe('loraParameterCount: PEFT target rules', () => {
  const llama = modelArchitecture(config('llama-2-7b-hf'));

  it('q_proj,v_proj at r = 8 on Llama-2-7B: 32 layers × 2 × 8 × (4096 + 4096) = 4,194,304 (0.062%)', () => {
    const count = loraParameterCount(llama, { targetModules: ['q_proj', 'v_proj'], rank: 8 });
    expect(count.trainableParameters).toBe(32 * 2 * 8 * 8192);
    expect(count.trainableFraction).toBeCloseTo(4_194_304 / 6_738_415_616, 12);
  });

  it('suffixes match at a dot boundary only; regex strings must match the whole path; all-linear skips lm_head', () => {
    expect(() => loraParameterCount(llama, { targetModules: ['proj'], rank: 8 })).toThrow(/not found in the llama model; its modules are named embed_tokens, q_proj/);
    const regex = loraParameterCount(llama, { targetModules: String.raw`.*\.(0|1)\.self_attn\.(q|k)_proj`, rank: 4 });
    expect(regex.modules.map(({ module }) => module.name)).toEqual([
      'model.layers.0.self_attn.q_proj',
      'model.layers.0.self_attn.k_proj',
      'model.layers.1.self_attn.q_proj',
      'model.layers.1.self_attn.k_proj',
    ]);
    const allLinear = loraParameterCount(llama, { targetModules: 'all-linear', rank: 1 });
    expect(allLinear.modules).toHaveLength(32 * 7);
    expect(allLinear.modules.some(({ module }) => module.name === 'lm_head')).toBe(false);
    expect(() => loraParameterCount(llama, { targetModules: ['q_proj', 'c_attn'], rank: 8 })).toThrow('target module "c_attn" matches no module of the llama model');
  });

  it('rank_pattern: the first matching key wins; exclude_modules removes modules', () => {
    const count = loraParameterCount(llama, {
      targetModules: ['q_proj', 'v_proj'],
      rank: 8,
      rankPattern: { 'layers\\.0\\.self_attn\\.q_proj': 64, q_proj: 16 },
      excludeModules: ['model.layers.31.self_attn.v_proj'],
    });
    const byName = new Map(count.modules.map(({ module, rank }) => [module.name, rank]));
    expect(byName.get('model.layers.0.self_attn.q_proj')).toBe(64);
    expect(byName.get('model.layers.1.self_attn.q_proj')).toBe(16);
    expect(byName.get('model.layers.0.self_attn.v_proj')).toBe(8);
    expect(byName.has('model.layers.31.self_attn.v_proj')).toBe(false);
    expect(count.trainableParameters).toBe(8192 * (64 + 31 * 16 + 31 * 8));
  });
});

describe('estimateMemory', () => {
  const llama = modelArchitecture(config('llama-2-7b-hf'));
  const lora = loraParameterCount(llama, { targetModules: ['q_proj', 'v_proj'], rank: 8 }).trainableParameters;

  it('full fine-tuning with bf16 weights costs 16 bytes per parameter (2 + 4 master + 2 + 8)', () => {
    const estimate = estimateMemory(llama, { method: 'full' });
    expect(estimate.totalBytes).toBe(16 * 6_738_415_616);
    expect(estimateMemory(llama, { method: 'full', weightPrecision: 'fp32' }).totalBytes).toBe(16 * 6_738_415_616);
  });

  it('LoRA keeps the bf16 base and trains fp32 adapters: 2N + 4T + 4T + 8T', () => {
    const estimate = estimateMemory(llama, { method: 'lora', loraParameters: lora });
    expect(estimate.totalBytes).toBe(2 * 6_738_415_616 + 16 * lora);
    expect(estimate.lines.find((line) => line.part === 'optimizer states')!.bytes).toBe(8 * lora);
  });

  it('QLoRA stores the linear layers in NF4 at 4.127 bits (4.5 without double quantization)', () => {
    expect(nf4BitsPerParameter(true)).toBeCloseTo(4.127, 3);
    expect(nf4BitsPerParameter(false)).toBe(4.5);
    const linear = 32 * (4 * 4096 * 4096 + 3 * 4096 * 11008);
    const estimate = estimateMemory(llama, { method: 'qlora', loraParameters: lora });
    const weights = estimate.lines.find((line) => line.part === 'weights')!.bytes;
    expect(weights).toBe(Math.ceil((linear * nf4BitsPerParameter(true)) / 8) + (6_738_415_616 - linear) * 2 + 4 * lora);
    // About 3.5 GiB of base weights for a 7B model, against 12.6 GiB in bf16.
    expect(weights / 2 ** 30).toBeGreaterThan(3.5);
    expect(weights / 2 ** 30).toBeLessThan(3.9);
  });

  it('estimates activations only when batch size and sequence length are both given', () => {
    expect(estimateMemory(llama, { method: 'lora', loraParameters: lora }).includesActivations).toBe(false);
    const withActivations = estimateMemory(llama, { method: 'lora', loraParameters: lora, batchSize: 1, sequenceLength: 512 });
    expect(withActivations.lines.find((line) => line.part === 'activations')!.bytes).toBe(32 * 512 * 4096 * (34 + (5 * 32 * 512) / 4096));
    expect(() => estimateMemory(llama, { method: 'lora' })).toThrow('method "lora" needs the LoRA parameter count');
  });
});

import { describe, expect, it } from 'vitest';
import {
  AdapterFormatError,
  adapterFromTensors,
  createAdapterConfig,
  entropyEffectiveRank,
  isModuleToSave,
  isTargetedModule,
  lowRankSpectrum,
  moduleAlpha,
  moduleRank,
  moduleScaling,
  numericalRank,
  parseAdapter,
  parseAdapterConfig,
  serializeAdapter,
  serializeAdapterConfig,
  serializeSafetensors,
  tensorFromTypedArray,
} from '@benchline/lora';
import type { Tensor } from '@benchline/lora';

const config = (fields: Record<string, unknown>) => parseAdapterConfig({ peft_type: 'LORA', ...fields });
const f32 = (rows: number, cols: number, fill: (index: number) => number = (index) => (index % 7) - 3): Tensor =>
  tensorFromTypedArray('F32', [rows, cols], Float32Array.from({ length: rows * cols }, (_value, index) => fill(index)));

function adapterError(run: () => unknown): AdapterFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof AdapterFormatError) return error;
    throw error;
  }
  throw new Error('expected an AdapterFormatError');
}

describe('adapter_config.json: PEFT defaults, types and refusals', () => {
  it('takes PEFT defaults for every missing field and keeps unknown fields', () => {
    const parsed = config({ future_field: { x: 1 } });
    expect(parsed).toMatchObject({ r: 8, loraAlpha: 8, targetModules: null, fanInFanOut: false, useRslora: false, bias: 'none', modulesToSave: null, loraDropout: 0 });
    expect(parsed.raw.future_field).toEqual({ x: 1 });
    expect(JSON.parse(serializeAdapterConfig(parsed))).toEqual({ peft_type: 'LORA', future_field: { x: 1 } });
  });

  it.each([
    [{ r: 0 }, 'adapter_config.json: r: expected a positive integer (the LoRA rank), found number 0'],
    [{ r: 2.5 }, 'r: expected a positive integer'],
    [{ lora_alpha: '16' }, 'lora_alpha: expected a number, found the string "16"'],
    [{ target_modules: [1, 2] }, 'target_modules: expected a list of module names or a regular expression string'],
    [{ target_modules: '(unclosed' }, 'the regular expression "(unclosed" does not compile'],
    [{ rank_pattern: { q_proj: 0 } }, 'rank_pattern["q_proj"]: expected a positive integer rank, found number 0'],
    [{ alpha_pattern: { q_proj: 'x' } }, 'alpha_pattern["q_proj"]: expected a number'],
    [{ bias: 'some' }, 'bias: expected "none", "all" or "lora_only", found the string "some"'],
    [{ fan_in_fan_out: 'yes' }, 'fan_in_fan_out: expected true or false'],
    [{ target_modules: '.*q_proj', layers_to_transform: [0] }, 'cannot be combined with a regular-expression target_modules'],
  ])('refuses %j', (fields, message) => {
    expect(() => config(fields)).toThrow(message);
  });

  it('requires peft_type LORA', () => {
    expect(() => parseAdapterConfig({ r: 8 }, { file: 'x/adapter_config.json' })).toThrow('x/adapter_config.json: peft_type: missing; PEFT requires it');
    expect(() => parseAdapterConfig({ peft_type: 'IA3' })).toThrow('peft_type: expected "LORA", found the string "IA3"');
    expect(() => parseAdapterConfig([1])).toThrow('expected a JSON object, found a list');
  });

  it("writes PEFT's format: sorted keys, two-space indent, ASCII escapes, floats with a decimal point", () => {
    const text = serializeAdapterConfig(config({ r: 4, lora_alpha: 8, lora_dropout: 0, target_modules: ['v', 'q'], base_model_name_or_path: 'modèle', rank_pattern: {} }));
    expect(text).toBe(
      ['{', '  "base_model_name_or_path": "mod\\u00e8le",', '  "lora_alpha": 8,', '  "lora_dropout": 0.0,', '  "peft_type": "LORA",', '  "r": 4,', '  "rank_pattern": {},', '  "target_modules": [', '    "v",', '    "q"', '  ]', '}'].join('\n'),
    );
  });
});

describe("PEFT's module matching (check_target_module_exists, get_pattern_key)", () => {
  it('a list matches a whole name or a dot-delimited suffix only', () => {
    const list = config({ target_modules: ['q_proj', 'c_proj', 'self_attn.v_proj'] });
    expect(isTargetedModule(list, 'model.layers.0.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(list, 'q_proj')).toBe(true);
    expect(isTargetedModule(list, 'transformer.h.0.attn.c_proj')).toBe(true);
    expect(isTargetedModule(list, 'transformer.h.0.mlp.c_proj')).toBe(true);
    expect(isTargetedModule(list, 'model.layers.0.self_attn.v_proj')).toBe(true);
    expect(isTargetedModule(list, 'model.layers.0.self_attn.k_proj')).toBe(false);
    expect(isTargetedModule(config({ target_modules: ['proj'] }), 'model.layers.0.self_attn.q_proj')).toBe(false);
    expect(isTargetedModule(list, 'model.layers.0.self_attn.xq_proj')).toBe(false);
  });

  it('a string is a regular expression that must match the whole name', () => {
    const regex = config({ target_modules: '.*\\.(q|v)_proj' });
    expect(isTargetedModule(regex, 'model.layers.3.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(regex, 'model.layers.3.self_attn.q_proj.extra')).toBe(false);
    expect(isTargetedModule(regex, 'q_proj')).toBe(false);
    expect(isTargetedModule(config({ target_modules: 'model\\.layers\\.(?P<layer>1)\\..*q_proj' }), 'model.layers.1.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(config({ target_modules: 'all-linear' }), 'model.layers.1.self_attn.q_proj')).toBe(false);
  });

  it('exclude_modules and modules_to_save win over target_modules', () => {
    const excluded = config({ target_modules: ['q_proj'], exclude_modules: ['layers.1.self_attn.q_proj'] });
    expect(isTargetedModule(excluded, 'model.layers.1.self_attn.q_proj')).toBe(false);
    expect(isTargetedModule(excluded, 'model.layers.11.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(config({ target_modules: ['q_proj'], exclude_modules: '.*layers\\.0\\..*' }), 'model.layers.0.self_attn.q_proj')).toBe(false);
    const saved = config({ target_modules: ['classifier', 'q_lin'], modules_to_save: ['classifier'] });
    expect(isTargetedModule(saved, 'classifier')).toBe(false);
    expect(isModuleToSave(saved, 'classifier')).toBe(true);
    expect(isModuleToSave(saved, 'distilbert.classifier.dense')).toBe(true);
    expect(isModuleToSave(saved, 'pre_classifier')).toBe(false);
  });

  it('layers_to_transform takes the layer index from the last .<name>.<digits>. segment, or from layers_pattern', () => {
    const some = config({ target_modules: ['q_proj'], layers_to_transform: [0, 2] });
    expect(isTargetedModule(some, 'model.layers.0.self_attn.q_proj')).toBe(true);
    expect(isTargetedModule(some, 'model.layers.1.self_attn.q_proj')).toBe(false);
    expect(isTargetedModule(some, 'q_proj')).toBe(false);
    expect(isTargetedModule(config({ target_modules: ['q_proj'], layers_to_transform: 1 }), 'model.layers.1.self_attn.q_proj')).toBe(true);
    // Greedy, as in PEFT's source: the expert index 3, not the layer index 0.
    expect(isTargetedModule(config({ target_modules: ['w1'], layers_to_transform: [3] }), 'model.layers.0.mlp.experts.3.w1')).toBe(true);
    expect(isTargetedModule(config({ target_modules: ['w1'], layers_to_transform: [0], layers_pattern: 'layers' }), 'model.layers.0.mlp.experts.3.w1')).toBe(true);
    expect(isTargetedModule(config({ target_modules: ['q_proj'], layers_to_transform: [] }), 'model.layers.5.self_attn.q_proj')).toBe(true);
  });

  it('rank_pattern and alpha_pattern: the first key (in file order) matching a dot-delimited tail wins', () => {
    const patterned = config({ r: 8, lora_alpha: 16, rank_pattern: { 'layers\\.0\\.self_attn\\.q_proj': 4, q_proj: 2 }, alpha_pattern: { 'v_proj': 64 } });
    expect(moduleRank(patterned, 'model.layers.0.self_attn.q_proj')).toBe(4);
    expect(moduleRank(patterned, 'model.layers.10.self_attn.q_proj')).toBe(2);
    expect(moduleRank(patterned, 'model.layers.0.self_attn.xq_proj')).toBe(8);
    expect(moduleAlpha(patterned, 'model.layers.0.self_attn.v_proj')).toBe(64);
    expect(moduleScaling(patterned, 'model.layers.0.self_attn.v_proj')).toBe(8);
    expect(moduleScaling(patterned, 'model.layers.10.self_attn.q_proj')).toBe(8);
    expect(moduleScaling(config({ r: 16, lora_alpha: 8, use_rslora: true }), 'x.q_proj')).toBe(2);
  });
});

describe('inconsistent adapters are refused with the module named', () => {
  const base = createAdapterConfig({ r: 2, loraAlpha: 4, targetModules: ['q_proj'] });
  const key = (suffix: string): string => `base_model.model.model.layers.0.self_attn.q_proj.${suffix}`;

  it.each([
    ['A and B ranks differ', [[key('lora_A.weight'), f32(2, 6)], [key('lora_B.weight'), f32(5, 3)]], /lora_A \[2, 6\] has rank 2 but lora_B \[5, 3\] has rank 3/],
    ['r = 0 in the tensors', [[key('lora_A.weight'), f32(0, 6)], [key('lora_B.weight'), f32(5, 0)]], /rank r = 0/],
    ['a rank different from the config', [[key('lora_A.weight'), f32(3, 6)], [key('lora_B.weight'), f32(5, 3)]], /the config gives rank 2 \("r"\), but lora_A \[3, 6\] has rank 3/],
    ['lora_A without lora_B', [[key('lora_A.weight'), f32(2, 6)]], /expected both lora_A and lora_B, found only lora_A/],
    ['a vector for A', [[key('lora_A.weight'), tensorFromTypedArray('F32', [2], new Float32Array(2))], [key('lora_B.weight'), f32(5, 2)]], /lora_A must be a matrix, found shape \[2\]/],
    ['an integer dtype', [[key('lora_A.weight'), { dtype: 'I32', shape: [2, 6], data: new Uint8Array(48) }], [key('lora_B.weight'), f32(5, 2)]], /lora_A must be F32, F16, BF16 or F64, found I32/],
    ['the in-memory key form', [[key('lora_A.default.weight'), f32(2, 6)]], /in PEFT's in-memory form \(adapter name "default" still in it\); saved adapters use "model.layers.0.self_attn.q_proj.lora_A.weight"/],
    ['a module outside target_modules', [['base_model.model.model.layers.0.mlp.up_proj.lora_A.weight', f32(2, 6)], ['base_model.model.model.layers.0.mlp.up_proj.lora_B.weight', f32(5, 2)]], /1 module\(s\) have LoRA weights but are not targeted by target_modules \["q_proj"\]: model.layers.0.mlp.up_proj/],
    ['keys with and without the prefix', [[key('lora_A.weight'), f32(2, 6)], ['model.layers.0.self_attn.q_proj.lora_B.weight', f32(5, 2)]], /keys must all start with "base_model.model." .* or none of them/],
  ] as [string, [string, Tensor][], RegExp][])('%s', (_label, tensors, message) => {
    const error = adapterError(() => adapterFromTensors(base, tensors, { weightsFile: 'bad/adapter_model.safetensors' }));
    expect(error.message.startsWith('bad/adapter_model.safetensors: ')).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('names the config file for invalid JSON', () => {
    expect(() => parseAdapter('{"r": 8,', new Uint8Array(), { configFile: 'a/adapter_config.json' })).toThrow(/^a\/adapter_config.json: invalid JSON/);
  });
});

describe('adapters made here: embeddings, lora_B bias, fan_in_fan_out', () => {
  it('reads and writes embedding LoRA (lora_embedding_A [r, num_embeddings], lora_embedding_B [dim, r]) and lora_B.bias', () => {
    const adapterConfig = createAdapterConfig({ r: 2, loraAlpha: 2, targetModules: ['embed_tokens', 'q_proj'] });
    const weights = serializeSafetensors(
      {
        'base_model.model.model.embed_tokens.lora_embedding_A': f32(2, 10),
        'base_model.model.model.embed_tokens.lora_embedding_B': f32(4, 2),
        'base_model.model.model.layers.0.q_proj.lora_A.weight': f32(2, 4),
        'base_model.model.model.layers.0.q_proj.lora_B.weight': f32(4, 2),
        'base_model.model.model.layers.0.q_proj.lora_B.bias': tensorFromTypedArray('F32', [4], Float32Array.of(1, 2, 3, 4)),
      },
      { metadata: { format: 'pt' } },
    );
    const adapter = parseAdapter(serializeAdapterConfig(adapterConfig), weights);
    const [embedding, linear] = adapter.modules;
    expect(embedding).toMatchObject({ modulePath: 'model.embed_tokens', kind: 'embedding', transposed: true, weightShape: [10, 4] });
    expect(linear).toMatchObject({ modulePath: 'model.layers.0.q_proj', kind: 'linear', transposed: false, weightShape: [4, 4] });
    expect(linear!.loraBBias?.shape).toEqual([4]);
    expect(Buffer.compare(Buffer.from(serializeAdapter(adapter).weights), Buffer.from(weights))).toBe(0);
  });
});

describe('spectrum of B·A without forming it', () => {
  it('finds known singular values of B = U·diag(s), A = Vᵀ with orthonormal U and V', () => {
    // U: columns e1 and (e2 + e3)/√2 in R³; V: columns (e1 + e2)/√2 and (e1 − e2)/√2 in R³.
    const root = Math.SQRT1_2;
    const s = [3, 0.5];
    const u = [1, 0, 0, root, 0, root]; // 3 × 2
    const v = [root, root, 0, root, -root, 0]; // A = Vᵀ: 2 × 3
    const b = u.map((value, index) => value * s[index % 2]!);
    const spectrum = lowRankSpectrum(b, v, { rows: 3, rank: 2, cols: 3 });
    expect(spectrum.singularValues[0]).toBeCloseTo(3, 12);
    expect(spectrum.singularValues[1]).toBeCloseTo(0.5, 12);
    expect(spectrum.frobeniusNorm).toBeCloseTo(Math.sqrt(9.25), 12);
  });

  it('gives zeros for B = 0 (a fresh adapter) and a repeated singular value for a rank-deficient product', () => {
    expect([...lowRankSpectrum(new Float32Array(6), Float32Array.of(1, 2, 3, 4, 5, 6), { rows: 3, rank: 2, cols: 3 }).singularValues]).toEqual([0, 0]);
    // B columns equal → B·A has rank 1.
    const rankOne = lowRankSpectrum(Float32Array.of(1, 1, 2, 2), Float32Array.of(1, 0, 0, 1), { rows: 2, rank: 2, cols: 2 });
    expect(rankOne.singularValues[0]).toBeCloseTo(Math.sqrt(10), 12);
    expect(rankOne.singularValues[1]).toBeCloseTo(0, 7);
  });

  it('effective rank: r for equal singular values, 1 for one, e^H in between; numerical rank counts values above σ_max·n·2⁻²³', () => {
    expect(entropyEffectiveRank([2, 2, 2, 2])).toBeCloseTo(4, 12);
    expect(entropyEffectiveRank([5, 0, 0])).toBe(1);
    expect(entropyEffectiveRank([0, 0])).toBe(0);
    expect(entropyEffectiveRank([3, 1])).toBeCloseTo(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))), 12);
    expect(numericalRank([1, 1e-3, 1e-6], 100, 100)).toBe(2);
    expect(numericalRank([0, 0], 10, 10)).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterConfigToJson, adapterStateDict, parseAdapter, parseAdapterConfig, serializeAdapter, summarizeAdapter, tensorToFloat32 } from '@benchline/lora';
import type { PeftAdapter } from '@benchline/lora';
import { loraReferenceAvailable, loraReferenceFolder, realAdapterNames } from './safetensors-test-helpers.js';

interface ManifestTensor {
  key: string;
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
  sum: number;
  abs_max: number;
  l2: number;
}
interface ManifestEntry {
  file_bytes: number;
  header_len: number;
  metadata: Record<string, string>;
  n_tensors: number;
  scaling: number;
  first_delta: { A: string; B: string; delta_shape_as_merged_into_base: [number, number]; delta_fro: number; delta_sum: number; delta_00: number };
  tensors: ManifestTensor[];
}

const expectations: Record<(typeof realAdapterNames)[number], { modules: number; otherTensors: string[]; targets: string[]; scaling: number; fanInFanOut: boolean }> = {
  'gpt2-peft-lora': { modules: 12, otherTensors: ['score.weight'], targets: ['c_attn'], scaling: 1, fanInFanOut: true },
  'gpt2-tigrinya-lora': { modules: 36, otherTensors: [], targets: ['c_attn', 'c_proj'], scaling: 4, fanInFanOut: true },
  'distilbert-emotion-lora': { modules: 12, otherTensors: ['classifier.bias', 'classifier.weight', 'pre_classifier.bias', 'pre_classifier.weight'], targets: ['q_lin', 'v_lin'], scaling: 2, fanInFanOut: false },
};

describe.skipIf(!loraReferenceAvailable())('the real PEFT adapters in ../shared/reference/lora/adapters', () => {
  const manifest = JSON.parse(readFileSync(join(loraReferenceFolder, 'adapters/MANIFEST.json'), 'utf8')) as Record<string, ManifestEntry>;
  const load = (name: string): { adapter: PeftAdapter; configText: string; weights: Uint8Array } => {
    const folder = join(loraReferenceFolder, 'adapters', name);
    const configText = readFileSync(join(folder, 'adapter_config.json'), 'utf8');
    const weights = new Uint8Array(readFileSync(join(folder, 'adapter_model.safetensors')));
    return { adapter: parseAdapter(configText, weights, { configFile: `${name}/adapter_config.json`, weightsFile: `${name}/adapter_model.safetensors` }), configText, weights };
  };

  describe.each(realAdapterNames)('%s', (name) => {
    const expected = expectations[name];
    const entry = manifest[name]!;

    it('loads: modules, scaling, fan_in_fan_out and the tensors saved whole', () => {
      const { adapter } = load(name);
      expect(adapter.modules).toHaveLength(expected.modules);
      expect(adapter.keyPrefix).toBe('base_model.model.');
      expect([...adapter.otherTensors.keys()].sort()).toEqual(expected.otherTensors);
      expect(adapter.config.fanInFanOut).toBe(expected.fanInFanOut);
      for (const module of adapter.modules) {
        expect(module.rank).toBe(8);
        expect(module.scaling).toBe(expected.scaling);
        expect(module.scaling).toBe(entry.scaling);
        expect(module.kind).toBe('linear');
      }
      expect(adapter.metadata).toEqual(entry.metadata);
    });

    it('reads every tensor as the manifest describes it (key, dtype, shape, offsets, sum, max |x|, L2 norm)', () => {
      const { adapter } = load(name);
      const stateDict = adapterStateDict(adapter);
      expect(stateDict.size).toBe(entry.n_tensors);
      for (const described of entry.tensors) {
        const tensor = stateDict.get(described.key);
        expect(tensor, described.key).toBeDefined();
        expect(tensor!.dtype).toBe(described.dtype);
        expect(tensor!.shape).toEqual(described.shape);
        const values = tensorToFloat32(tensor!);
        let sum = 0;
        let absMax = 0;
        let squares = 0;
        for (const value of values) {
          sum += value;
          absMax = Math.max(absMax, Math.abs(value));
          squares += value * value;
        }
        expect(sum).toBeCloseTo(described.sum, 9);
        expect(absMax).toBe(Math.fround(described.abs_max));
        expect(Math.sqrt(squares)).toBeCloseTo(described.l2, 9);
      }
    });

    it('round-trips: save → bytes → load gives identical tensors, the same weights file byte for byte, and an equivalent config', () => {
      const { adapter, configText, weights } = load(name);
      const saved = serializeAdapter(adapter);
      expect(Buffer.compare(Buffer.from(saved.weights), Buffer.from(weights))).toBe(0);
      const reloaded = parseAdapter(saved.config, saved.weights);
      const before = adapterStateDict(adapter);
      const after = adapterStateDict(reloaded);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [key, tensor] of before) {
        const other = after.get(key)!;
        expect(other.dtype).toBe(tensor.dtype);
        expect(other.shape).toEqual(tensor.shape);
        expect(Buffer.compare(Buffer.from(other.data), Buffer.from(tensor.data))).toBe(0);
      }
      // Equivalent config: the same JSON object (every field, known or not), and the same interpreted values.
      expect(JSON.parse(saved.config)).toEqual(JSON.parse(configText));
      expect(adapterConfigToJson(reloaded.config)).toEqual(JSON.parse(configText));
      expect({ ...reloaded.config, raw: undefined }).toEqual({ ...adapter.config, raw: undefined });
    });

    it("inspects: ‖ΔW‖_F of the first module matches the manifest's float64 torch value, and ΔW[0,0] and ΣΔW too", () => {
      const { adapter } = load(name);
      const summary = summarizeAdapter(adapter);
      expect(summary.targetedNames).toEqual(expected.targets);
      const firstPath = entry.first_delta.A.replace(/^base_model\.model\./, '').replace(/\.lora_A\.weight$/, '');
      const module = adapter.modules.find((candidate) => candidate.modulePath === firstPath)!;
      const moduleSummary = summary.modules.find((candidate) => candidate.modulePath === firstPath)!;
      expect(module.weightShape).toEqual(entry.first_delta.delta_shape_as_merged_into_base);
      expect(moduleSummary.deltaNorm).toBeCloseTo(entry.first_delta.delta_fro, 5);
      // ΔW[0,0] and ΣΔW from the factors: ΣΔW = s·(column sums of B)·(row sums of A).
      const a = tensorToFloat32(module.loraA);
      const b = tensorToFloat32(module.loraB);
      const [out, inFeatures] = [module.loraB.shape[0]!, module.loraA.shape[1]!];
      let corner = 0;
      for (let k = 0; k < 8; k++) corner += b[k]! * a[k * inFeatures]!;
      expect(module.scaling * corner).toBeCloseTo(entry.first_delta.delta_00, 9);
      let total = 0;
      for (let k = 0; k < 8; k++) {
        let columnSum = 0;
        for (let row = 0; row < out; row++) columnSum += b[row * 8 + k]!;
        let rowSum = 0;
        for (let column = 0; column < inFeatures; column++) rowSum += a[k * inFeatures + column]!;
        total += columnSum * rowSum;
      }
      expect(module.scaling * total).toBeCloseTo(entry.first_delta.delta_sum, 6);
      // The spectrum agrees with the norm: ‖ΔW‖²_F = Σσ², and the effective rank lies in [1, r].
      const squares = moduleSummary.singularValues.reduce((sum, value) => sum + value * value, 0);
      expect(Math.sqrt(squares)).toBeCloseTo(moduleSummary.deltaNorm, 6);
      expect(moduleSummary.effectiveRank).toBeGreaterThanOrEqual(1);
      expect(moduleSummary.effectiveRank).toBeLessThanOrEqual(8);
      expect(moduleSummary.numericalRank).toBe(8);
      expect(summary.loraParameters).toBe(adapter.modules.reduce((sum, candidate) => sum + 8 * (candidate.loraA.shape[1]! + candidate.loraB.shape[0]!), 0));
    });
  });

  it('reads the config-only LLaMA adapter (target_modules null: the architecture default)', () => {
    const config = parseAdapterConfig(JSON.parse(readFileSync(join(loraReferenceFolder, 'adapters/peft-config-llama-rank32/adapter_config.json'), 'utf8')));
    expect(config).toMatchObject({ r: 32, loraAlpha: 64, targetModules: null, fanInFanOut: false, taskType: 'CAUSAL_LM' });
  });

  it('gpt2-tigrinya-lora: the suffix c_proj targets both attn.c_proj [768, 768] and mlp.c_proj [3072, 768]', () => {
    const { adapter } = load('gpt2-tigrinya-lora');
    const layer0 = adapter.modules.filter((module) => module.modulePath.startsWith('transformer.h.0.'));
    expect(layer0.map((module) => [module.modulePath, module.weightShape])).toEqual([
      ['transformer.h.0.attn.c_attn', [768, 2304]],
      ['transformer.h.0.attn.c_proj', [768, 768]],
      ['transformer.h.0.mlp.c_proj', [3072, 768]],
    ]);
  });
});

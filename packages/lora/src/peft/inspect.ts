import type { Tensor } from '../safetensors/tensor.js';
import { tensorToFloat32 } from '../dtype/tensor-conversion.js';
import type { LoraModuleWeights, PeftAdapter } from './adapter.js';
import { entropyEffectiveRank, lowRankSpectrum, numericalRank } from './low-rank-spectrum.js';

/** What `benchline lora inspect` reports for one LoRA module. */
export interface LoraModuleSummary {
  readonly modulePath: string;
  readonly kind: 'linear' | 'embedding';
  readonly rank: number;
  readonly alpha: number;
  readonly scaling: number;
  readonly dtype: Tensor['dtype'];
  readonly loraAShape: readonly number[];
  readonly loraBShape: readonly number[];
  /** The shape of the base weight ΔW is added to (`[out, in]`, `[in, out]` with fan_in_fan_out). */
  readonly weightShape: readonly [number, number];
  /** Elements of A and B (and lora_B's bias). */
  readonly parameters: number;
  /** ‖ΔW‖_F = scaling·‖B·A‖_F, computed from the r × r Gram matrices, never forming ΔW. */
  readonly deltaNorm: number;
  /** The singular values of ΔW = scaling·B·A, descending (r of them). */
  readonly singularValues: readonly number[];
  /** Roy and Vetterli's entropy effective rank of ΔW (between 1 and r; 0 when ΔW = 0). */
  readonly effectiveRank: number;
  /** Singular values of ΔW above σ_max·max(out, in)·2⁻²³ (float32 numerical rank). */
  readonly numericalRank: number;
}

/** What `benchline lora inspect` reports for an adapter. */
export interface AdapterSummary {
  readonly rank: number;
  readonly alpha: number;
  /** The default scaling, alpha / r (alpha / √r with rsLoRA); modules with pattern entries have their own. */
  readonly scaling: number;
  readonly useRslora: boolean;
  readonly fanInFanOut: boolean;
  readonly targetModules: readonly string[] | string | null;
  readonly rankPattern: Readonly<Record<string, number>>;
  readonly alphaPattern: Readonly<Record<string, number>>;
  readonly modulesToSave: readonly string[];
  readonly taskType: string | null;
  readonly baseModel: string | null;
  /** Distinct module names (the last path segment) that carry LoRA, sorted. */
  readonly targetedNames: readonly string[];
  readonly modules: readonly LoraModuleSummary[];
  /** Elements of every A, B and lora_B bias. */
  readonly loraParameters: number;
  /** Elements of the tensors saved whole (modules_to_save, trained biases). */
  readonly fullyTrainedParameters: number;
  /** loraParameters + fullyTrainedParameters: what training updated. */
  readonly trainableParameters: number;
  /** The tensors saved whole, by path, with their shapes. */
  readonly otherTensors: readonly { readonly path: string; readonly dtype: Tensor['dtype']; readonly shape: readonly number[] }[];
}

/**
 * Summarises an adapter: its hyper-parameters, and per module the shapes, parameter count, ‖ΔW‖_F and effective
 * rank of ΔW = scaling·B·A, all without forming ΔW (see `lowRankSpectrum`).
 */
export function summarizeAdapter(adapter: PeftAdapter): AdapterSummary {
  const { config } = adapter;
  const modules = adapter.modules.map(summarizeModule);
  const loraParameters = modules.reduce((sum, module) => sum + module.parameters, 0);
  const otherTensors = [...adapter.otherTensors].map(([path, tensor]) => ({ path, dtype: tensor.dtype, shape: tensor.shape }));
  const fullyTrainedParameters = otherTensors.reduce((sum, tensor) => sum + tensor.shape.reduce((product, dimension) => product * dimension, 1), 0);
  return {
    rank: config.r,
    alpha: config.loraAlpha,
    scaling: config.useRslora ? config.loraAlpha / Math.sqrt(config.r) : config.loraAlpha / config.r,
    useRslora: config.useRslora,
    fanInFanOut: config.fanInFanOut,
    targetModules: config.targetModules,
    rankPattern: Object.fromEntries(config.rankPattern),
    alphaPattern: Object.fromEntries(config.alphaPattern),
    modulesToSave: [...new Set(config.modulesToSave ?? [])],
    taskType: config.taskType,
    baseModel: config.baseModelNameOrPath,
    targetedNames: [...new Set(adapter.modules.map((module) => module.modulePath.split('.').at(-1) ?? module.modulePath))].sort(),
    modules,
    loraParameters,
    fullyTrainedParameters,
    trainableParameters: loraParameters + fullyTrainedParameters,
    otherTensors,
  };
}

function summarizeModule(module: LoraModuleWeights): LoraModuleSummary {
  const { loraA, loraB, rank, scaling } = module;
  const spectrum = lowRankSpectrum(tensorToFloat32(loraB), tensorToFloat32(loraA), { rows: loraB.shape[0]!, rank, cols: loraA.shape[1]! });
  const singularValues = [...spectrum.singularValues].map((value) => Math.abs(scaling) * value);
  const biasParameters = module.loraBBias?.shape[0] ?? 0;
  return {
    modulePath: module.modulePath,
    kind: module.kind,
    rank,
    alpha: module.alpha,
    scaling,
    dtype: loraA.dtype,
    loraAShape: loraA.shape,
    loraBShape: loraB.shape,
    weightShape: module.weightShape,
    parameters: rank * (loraA.shape[1]! + loraB.shape[0]!) + biasParameters,
    deltaNorm: Math.abs(scaling) * spectrum.frobeniusNorm,
    singularValues,
    effectiveRank: entropyEffectiveRank(singularValues),
    numericalRank: numericalRank(singularValues, module.weightShape[0], module.weightShape[1]),
  };
}

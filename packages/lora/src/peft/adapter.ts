import { AdapterFormatError } from '../errors.js';
import type { SafetensorsFile } from '../safetensors/read.js';
import { parseSafetensors } from '../safetensors/read.js';
import type { Tensor } from '../safetensors/tensor.js';
import { serializeSafetensors } from '../safetensors/write.js';
import type { LoraAdapterConfig } from './adapter-config.js';
import { parseAdapterConfig, serializeAdapterConfig } from './adapter-config.js';
import { isTargetedModule, moduleAlpha, moduleRank, moduleScaling } from './module-matching.js';

/** The prefix PEFT gives every key of a saved adapter: the `PeftModel.base_model.model` attribute path. */
export const peftKeyPrefix = 'base_model.model.';

/** One module's LoRA weights, with its rank, alpha and scaling resolved from the config. */
export interface LoraModuleWeights {
  /** The module's path in the model, as `named_modules()` gives it (`model.layers.0.self_attn.q_proj`). */
  readonly modulePath: string;
  /** `linear` (`lora_A.weight`/`lora_B.weight`) or `embedding` (`lora_embedding_A`/`lora_embedding_B`). */
  readonly kind: 'linear' | 'embedding';
  /** A: `[r, in_features]` (linear) or `[r, num_embeddings]` (embedding). */
  readonly loraA: Tensor;
  /** B: `[out_features, r]` (linear) or `[embedding_dim, r]` (embedding). */
  readonly loraB: Tensor;
  /** lora_B's bias `[out_features]` (`lora_bias=True`), added as scaling·bias to the base bias on merge. */
  readonly loraBBias: Tensor | undefined;
  /** DoRA's `lora_magnitude_vector` `[out_features]`, when the adapter has one. */
  readonly magnitude: Tensor | undefined;
  readonly rank: number;
  readonly alpha: number;
  /** alpha / r, or alpha / √r with rsLoRA. */
  readonly scaling: number;
  /**
   * Whether ΔW = B·A is transposed before it is added to the base weight: with `fan_in_fan_out` (weights stored
   * `[in, out]`, GPT-2's `Conv1D`) and for embeddings (weights `[num_embeddings, dim]`).
   */
  readonly transposed: boolean;
  /** The shape of the base weight ΔW is added to: `[out, in]`, or `[in, out]` when `transposed`. */
  readonly weightShape: readonly [number, number];
}

/** A PEFT LoRA adapter: its config, its LoRA modules and the tensors it saves whole. */
export interface PeftAdapter {
  readonly config: LoraAdapterConfig;
  /** LoRA modules sorted by path. */
  readonly modules: readonly LoraModuleWeights[];
  /**
   * Every other tensor, by parameter path without the prefix (`score.weight`, `classifier.bias`): `modules_to_save`
   * copies, base biases trained with `bias="all"` or `"lora_only"`, and anything else the file holds.
   */
  readonly otherTensors: ReadonlyMap<string, Tensor>;
  /** The prefix the file's keys carry: `base_model.model.` (PEFT's saved form) or `` (keys saved without it). */
  readonly keyPrefix: string;
  /** The weights file's `__metadata__` (PEFT writes `{ format: 'pt' }`). */
  readonly metadata: Readonly<Record<string, string>> | undefined;
}

/** Where an adapter came from, for error messages. */
export interface AdapterSource {
  /** The config file's path or name. */
  readonly configFile?: string | undefined;
  /** The weights file's path or name. */
  readonly weightsFile?: string | undefined;
}

const floatDtypes = new Set(['F32', 'F16', 'BF16', 'F64']);

type LoraPart = 'lora_A' | 'lora_B' | 'lora_B.bias' | 'lora_embedding_A' | 'lora_embedding_B' | 'lora_magnitude_vector';
const partSuffixes: readonly (readonly [string, LoraPart])[] = [
  ['.lora_A.weight', 'lora_A'],
  ['.lora_B.weight', 'lora_B'],
  ['.lora_B.bias', 'lora_B.bias'],
  ['.lora_embedding_A', 'lora_embedding_A'],
  ['.lora_embedding_B', 'lora_embedding_B'],
  ['.lora_magnitude_vector', 'lora_magnitude_vector'],
];

/**
 * Builds an adapter from its config and the tensors of `adapter_model.safetensors`, checking that they agree.
 *
 * Keys are read in PEFT's saved form: `base_model.model.<module>.lora_A.weight`, `.lora_B.weight`, `.lora_B.bias`,
 * `.lora_embedding_A`, `.lora_embedding_B`, `.lora_magnitude_vector`; any other key is a tensor saved whole
 * (`modules_to_save`, trained biases). Keys without the `base_model.model.` prefix are accepted when every key lacks
 * it (PEFT's loader accepts them too); a mix is refused.
 *
 * Refused, naming the file and the modules: a key in PEFT's in-memory form (`lora_A.default.weight`: the adapter
 * name was not removed), lora_A without lora_B or the reverse, A or B not 2-D or not a float dtype, A and B ranks
 * that differ, a rank of 0, a rank different from the config's (`r` or `rank_pattern`), and a LoRA module that the
 * config's `target_modules` does not target (when they are a list or a regex).
 *
 * @throws {AdapterFormatError} naming the file, the module(s), what was expected and what was found.
 */
export function adapterFromTensors(config: LoraAdapterConfig, tensors: Iterable<readonly [string, Tensor]>, source: AdapterSource & { metadata?: Readonly<Record<string, string>> | undefined } = {}): PeftAdapter {
  const file = source.weightsFile ?? 'adapter_model.safetensors';
  const fail = (what: string, modules: readonly string[] = []): never => {
    throw new AdapterFormatError(`${file}: ${what}`, { file: source.weightsFile, modules });
  };
  const entries = [...tensors];
  const prefixed = entries.filter(([key]) => key.startsWith(peftKeyPrefix)).length;
  if (prefixed !== 0 && prefixed !== entries.length) {
    const without = entries.find(([key]) => !key.startsWith(peftKeyPrefix))?.[0] ?? '';
    fail(`keys must all start with "${peftKeyPrefix}" (PEFT's saved form) or none of them; ${JSON.stringify(without)} does not while ${String(prefixed)} others do`);
  }
  const keyPrefix = prefixed > 0 ? peftKeyPrefix : '';

  const parts = new Map<string, Map<LoraPart, Tensor>>();
  const otherTensors = new Map<string, Tensor>();
  for (const [key, tensor] of entries) {
    const path = key.slice(keyPrefix.length);
    const suffix = partSuffixes.find(([ending]) => path.endsWith(ending));
    if (suffix === undefined) {
      const inMemory = /(^|\.)(lora_A|lora_B|lora_embedding_A|lora_embedding_B|lora_magnitude_vector)\.([^.]+)(\.weight|\.bias)?$/.exec(path);
      if (inMemory !== null) {
        fail(`key ${JSON.stringify(key)} is in PEFT's in-memory form (adapter name "${inMemory[3] ?? ''}" still in it); saved adapters use "${path.replace(`.${inMemory[3] ?? ''}`, '')}"`);
      }
      otherTensors.set(path, tensor);
      continue;
    }
    const [ending, part] = suffix;
    const modulePath = path.slice(0, -ending.length);
    const moduleParts = parts.get(modulePath) ?? new Map<LoraPart, Tensor>();
    moduleParts.set(part, tensor);
    parts.set(modulePath, moduleParts);
  }

  const modules: LoraModuleWeights[] = [];
  const untargeted: string[] = [];
  const decidableTargets = config.targetModules !== null && !(typeof config.targetModules === 'string' && config.targetModules.toLowerCase() === 'all-linear');
  for (const [modulePath, moduleParts] of [...parts].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))) {
    const embedding = moduleParts.has('lora_embedding_A') || moduleParts.has('lora_embedding_B');
    const [nameA, nameB] = embedding ? (['lora_embedding_A', 'lora_embedding_B'] as const) : (['lora_A', 'lora_B'] as const);
    const loraA = moduleParts.get(nameA);
    const loraB = moduleParts.get(nameB);
    if (loraA === undefined || loraB === undefined) {
      const present = [...moduleParts.keys()].join(', ');
      fail(`module ${modulePath}: expected both ${nameA} and ${nameB}, found only ${present}`, [modulePath]);
      continue;
    }
    for (const [name, tensor] of [[nameA, loraA], [nameB, loraB]] as const) {
      if (tensor.shape.length !== 2) fail(`module ${modulePath}: ${name} must be a matrix, found shape [${tensor.shape.join(', ')}]`, [modulePath]);
      if (!floatDtypes.has(tensor.dtype)) fail(`module ${modulePath}: ${name} must be F32, F16, BF16 or F64, found ${tensor.dtype}`, [modulePath]);
    }
    const rankOfA = loraA.shape[0]!;
    const rankOfB = loraB.shape[1]!;
    if (rankOfA !== rankOfB) {
      fail(`module ${modulePath}: ${nameA} [${loraA.shape.join(', ')}] has rank ${String(rankOfA)} but ${nameB} [${loraB.shape.join(', ')}] has rank ${String(rankOfB)}; A is [r, in] and B is [out, r] with the same r`, [modulePath]);
    }
    if (rankOfA === 0) fail(`module ${modulePath}: rank r = 0 (${nameA} [${loraA.shape.join(', ')}]); LoRA needs r ≥ 1`, [modulePath]);
    const expectedRank = moduleRank(config, modulePath);
    if (rankOfA !== expectedRank) {
      const from = config.rankPattern.size > 0 && expectedRank !== config.r ? 'its rank_pattern entry' : '"r"';
      fail(`module ${modulePath}: the config gives rank ${String(expectedRank)} (${from}), but ${nameA} [${loraA.shape.join(', ')}] has rank ${String(rankOfA)}`, [modulePath]);
    }
    if (decidableTargets && !isTargetedModule(config, modulePath)) untargeted.push(modulePath);
    const bias = moduleParts.get('lora_B.bias');
    const outFeatures = loraB.shape[0]!;
    if (bias !== undefined && (bias.shape.length !== 1 || bias.shape[0] !== outFeatures)) {
      fail(`module ${modulePath}: lora_B.bias must be [${String(outFeatures)}], found [${bias.shape.join(', ')}]`, [modulePath]);
    }
    const inFeatures = loraA.shape[1]!;
    const transposed = embedding || config.fanInFanOut;
    modules.push({
      modulePath,
      kind: embedding ? 'embedding' : 'linear',
      loraA,
      loraB,
      loraBBias: bias,
      magnitude: moduleParts.get('lora_magnitude_vector'),
      rank: rankOfA,
      alpha: moduleAlpha(config, modulePath),
      scaling: moduleScaling(config, modulePath),
      transposed,
      weightShape: transposed ? [inFeatures, outFeatures] : [outFeatures, inFeatures],
    });
  }
  if (untargeted.length > 0) {
    fail(`${String(untargeted.length)} module(s) have LoRA weights but are not targeted by target_modules ${JSON.stringify(config.targetModules)}: ${untargeted.join(', ')}`, untargeted);
  }
  return { config, modules, otherTensors, keyPrefix, metadata: source.metadata };
}

/**
 * Reads an adapter from the text of `adapter_config.json` and the bytes of `adapter_model.safetensors`.
 *
 * @throws {AdapterFormatError} for invalid JSON, a config PEFT would refuse, or tensors that disagree with it.
 * @throws {SafetensorsFormatError} for a malformed weights file.
 */
export function parseAdapter(configText: string, weights: Uint8Array, source: AdapterSource = {}): PeftAdapter {
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch (error) {
    throw new AdapterFormatError(`${source.configFile ?? 'adapter_config.json'}: invalid JSON (${(error as Error).message})`, { file: source.configFile });
  }
  const config = parseAdapterConfig(json, { file: source.configFile });
  const file: SafetensorsFile = parseSafetensors(weights, { file: source.weightsFile ?? 'adapter_model.safetensors' });
  return adapterFromTensors(config, file.tensors(), { ...source, metadata: file.metadata });
}

/**
 * The adapter's tensors under PEFT's saved key names: `<prefix><module>.lora_A.weight`, `.lora_B.weight`
 * (`.lora_embedding_A`/`B` for embeddings), `.lora_B.bias`, `.lora_magnitude_vector`, and the whole tensors.
 */
export function adapterStateDict(adapter: PeftAdapter): Map<string, Tensor> {
  const stateDict = new Map<string, Tensor>();
  const prefix = adapter.keyPrefix;
  for (const module of adapter.modules) {
    const base = `${prefix}${module.modulePath}`;
    if (module.kind === 'embedding') {
      stateDict.set(`${base}.lora_embedding_A`, module.loraA);
      stateDict.set(`${base}.lora_embedding_B`, module.loraB);
    } else {
      stateDict.set(`${base}.lora_A.weight`, module.loraA);
      stateDict.set(`${base}.lora_B.weight`, module.loraB);
    }
    if (module.loraBBias !== undefined) stateDict.set(`${base}.lora_B.bias`, module.loraBBias);
    if (module.magnitude !== undefined) stateDict.set(`${base}.lora_magnitude_vector`, module.magnitude);
  }
  for (const [path, tensor] of adapter.otherTensors) stateDict.set(`${prefix}${path}`, tensor);
  return stateDict;
}

/**
 * The two files of a saved adapter, as PEFT's `save_pretrained` writes them: `adapter_config.json` (sorted keys,
 * two-space indentation) and `adapter_model.safetensors` (metadata `{"format":"pt"}` unless the adapter carries
 * its own; tensors in the reference writer's order, so a PEFT-made file is reproduced byte for byte).
 */
export function serializeAdapter(adapter: PeftAdapter): { config: string; weights: Uint8Array } {
  return {
    config: serializeAdapterConfig(adapter.config),
    weights: serializeSafetensors(adapterStateDict(adapter), { metadata: adapter.metadata ?? { format: 'pt' } }),
  };
}

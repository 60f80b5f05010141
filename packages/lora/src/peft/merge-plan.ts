import { AdapterFormatError } from '../errors.js';
import type { SafetensorsDtype } from '../safetensors/dtypes.js';
import { parseSafetensors } from '../safetensors/read.js';
import type { Tensor } from '../safetensors/tensor.js';
import { tensorView } from '../safetensors/tensor.js';
import { float32ToTensor, isWritableFloatDtype, tensorToFloat32 } from '../dtype/tensor-conversion.js';
import { mergeLoraInto } from '../merge/merge.js';
import { createMatrix } from '../tensor/matrix.js';
import type { LoraModuleWeights, PeftAdapter } from './adapter.js';

/** A base-model tensor as its header describes it. */
export interface BaseTensorDescription {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
}

/**
 * How adapter module paths become base-model tensor names: `<basePrefix><module path without stripPrefix>.weight`.
 * PEFT names modules as the model class it wrapped does (`transformer.h.0.attn.c_attn` in `GPT2LMHeadModel`);
 * a checkpoint of the bare model (`GPT2Model`, the `gpt2` repository's `model.safetensors`) names the same weight
 * `h.0.attn.c_attn.weight`, and other checkpoints add a prefix instead.
 */
export interface KeyMapping {
  /** A leading part of the module paths removed first (`transformer.`), or ``. */
  readonly stripPrefix: string;
  /** A prefix added to every name (`transformer.`), or ``. */
  readonly addPrefix: string;
}

/** What happens to one base tensor in a merge. */
export type MergeOperation =
  | {
      /** W += scaling·B·A (transposed when `transposed`). */
      readonly kind: 'lora';
      readonly module: LoraModuleWeights;
      readonly transposed: boolean;
    }
  | {
      /** bias += scaling·lora_B.bias. */
      readonly kind: 'lora-bias';
      readonly module: LoraModuleWeights;
    }
  | {
      /** The tensor is replaced by the adapter's copy (modules_to_save, a trained bias), converted to the base dtype. */
      readonly kind: 'replace';
      readonly path: string;
      readonly tensor: Tensor;
    };

/** A complete plan: which base tensors change and how; every other tensor is copied byte for byte. */
export interface MergePlan {
  readonly mapping: KeyMapping;
  /** Base tensor name → operations in order. */
  readonly operations: ReadonlyMap<string, readonly MergeOperation[]>;
  /** Adapter tensors saved whole that the base does not have (a classification head on a bare model): not merged. */
  readonly unmatchedTensors: readonly string[];
  /** Modules whose orientation was decided by the base weight's shape against `fan_in_fan_out`, as PEFT does per layer type. */
  readonly orientationOverrides: readonly string[];
}

const mergeableDtypes = new Set<SafetensorsDtype>(['F32', 'F16', 'BF16']);

/**
 * Plans merging an adapter into a base model whose tensors are described by their names, dtypes and shapes.
 *
 * Key mapping: an adapter module `P` (its key minus `base_model.model.` and `.lora_A.weight`) is looked up as the
 * base tensor `P.weight`; if not every module is found that way, with a leading segment removed from the paths that
 * start with it (`transformer.h.0.attn.c_attn` → `h.0.attn.c_attn.weight`: a bare GPT-2 checkpoint); and
 * otherwise with the prefix that makes the first module's weight exist (`h.0.…` → `transformer.h.0.…`). The
 * candidate that finds the most modules wins, in that order on ties. The same mapping applies to the tensors the
 * adapter saves whole (`score.weight`) and to biases.
 *
 * Orientation: ΔW = B·A is `[out, in]`; it is added transposed when the base weight is stored `[in, out]` (GPT-2's
 * `Conv1D`, `fan_in_fan_out`) or is an embedding. When only one orientation fits the base weight's shape, that
 * one is used (PEFT forces `fan_in_fan_out` per layer type the same way); a square weight follows the config.
 *
 * @throws {AdapterFormatError} listing every module missing from the base, a weight whose shape fits neither
 *   orientation, a dtype that cannot be merged (only F32, F16 and BF16), DoRA adapters, a lora_B bias on a base
 *   without a bias, and a whole tensor whose shape differs from the base's.
 */
export function planMerge(adapter: PeftAdapter, baseTensors: readonly BaseTensorDescription[], source: { baseFile?: string; adapterFile?: string } = {}): MergePlan {
  const baseFile = source.baseFile ?? 'base model';
  const adapterFile = source.adapterFile ?? 'adapter';
  const fail = (what: string, modules: readonly string[] = []): never => {
    throw new AdapterFormatError(`${what}`, { file: source.baseFile, modules });
  };
  if (adapter.config.useDora || adapter.modules.some((module) => module.magnitude !== undefined)) {
    fail(`${adapterFile}: DoRA adapters (use_dora) cannot be merged yet: their merge rescales each row by a magnitude vector`);
  }
  const byName = new Map(baseTensors.map((tensor) => [tensor.name, tensor]));
  const mapping = chooseMapping(adapter, byName);
  const mapName = (path: string): string => `${mapping.addPrefix}${path.startsWith(mapping.stripPrefix) ? path.slice(mapping.stripPrefix.length) : path}`;

  const missing = adapter.modules.filter((module) => !byName.has(`${mapName(module.modulePath)}.weight`));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).map((module) => `${module.modulePath} (looked for ${mapName(module.modulePath)}.weight)`);
    fail(
      `${baseFile}: ${String(missing.length)} of the adapter's ${String(adapter.modules.length)} target module(s) are not in the base model: ${shown.join(', ')}${missing.length > 20 ? `, and ${String(missing.length - 20)} more` : ''}`,
      missing.map((module) => module.modulePath),
    );
  }

  const operations = new Map<string, MergeOperation[]>();
  const add = (name: string, operation: MergeOperation): void => {
    const list = operations.get(name) ?? [];
    list.push(operation);
    operations.set(name, list);
  };
  const orientationOverrides: string[] = [];
  for (const module of adapter.modules) {
    const name = `${mapName(module.modulePath)}.weight`;
    const base = byName.get(name)!;
    const out = module.loraB.shape[0]!;
    const inFeatures = module.loraA.shape[1]!;
    const [asIs, transposed] = module.kind === 'embedding' ? [[inFeatures, out], [out, inFeatures]] : [[out, inFeatures], [inFeatures, out]];
    const fitsAsIs = sameShape(base.shape, asIs);
    const fitsTransposed = sameShape(base.shape, transposed);
    if (!fitsAsIs && !(module.kind === 'linear' && fitsTransposed)) {
      fail(
        `${baseFile}: tensor ${JSON.stringify(name)} is [${base.shape.join(', ')}], but module ${module.modulePath}'s ΔW = B·A is [${String(out)}, ${String(inFeatures)}] (lora_B [${module.loraB.shape.join(', ')}] · lora_A [${module.loraA.shape.join(', ')}]); expected [${asIs.join(', ')}]${module.kind === 'linear' ? ` or, stored transposed, [${transposed.join(', ')}]` : ''}`,
        [module.modulePath],
      );
    }
    if (!mergeableDtypes.has(base.dtype)) {
      fail(`${baseFile}: tensor ${JSON.stringify(name)} is ${base.dtype}; merging supports F32, F16 and BF16 weights`, [module.modulePath]);
    }
    // Embeddings: ΔW = (B·A)ᵀ is [num_embeddings, dim], the layout of the embedding weight ("as is" above).
    const isTransposed = module.kind === 'embedding' ? true : fitsAsIs && fitsTransposed ? module.transposed : fitsTransposed;
    if (module.kind === 'linear' && isTransposed !== module.transposed) orientationOverrides.push(module.modulePath);
    add(name, { kind: 'lora', module, transposed: isTransposed });
    if (module.loraBBias !== undefined) {
      const biasName = `${mapName(module.modulePath)}.bias`;
      const bias = byName.get(biasName);
      if (bias === undefined) fail(`${baseFile}: module ${module.modulePath} has a lora_B bias, but the base has no ${JSON.stringify(biasName)} to add it to (PEFT raises the same error)`, [module.modulePath]);
      else add(biasName, { kind: 'lora-bias', module });
    }
  }

  const unmatchedTensors: string[] = [];
  for (const [path, tensor] of adapter.otherTensors) {
    const name = mapName(path);
    const base = byName.get(name);
    if (base === undefined) {
      unmatchedTensors.push(path);
      continue;
    }
    if (!sameShape(base.shape, tensor.shape)) {
      fail(`${baseFile}: the adapter saves ${path} as [${tensor.shape.join(', ')}], but the base's ${JSON.stringify(name)} is [${base.shape.join(', ')}]`);
    }
    if (!mergeableDtypes.has(base.dtype) && base.dtype !== tensor.dtype) {
      fail(`${baseFile}: tensor ${JSON.stringify(name)} is ${base.dtype} and the adapter's copy is ${tensor.dtype}; only F32, F16 and BF16 are converted`);
    }
    add(name, { kind: 'replace', path, tensor });
  }
  return { mapping, operations, unmatchedTensors, orientationOverrides };
}

function chooseMapping(adapter: PeftAdapter, byName: ReadonlyMap<string, BaseTensorDescription>): KeyMapping {
  const paths = adapter.modules.map((module) => module.modulePath);
  const candidates: KeyMapping[] = [{ stripPrefix: '', addPrefix: '' }];
  // Each distinct leading segment is a candidate; it is removed only from the paths that start with it, so an
  // adapter on `transformer.h.*` and `lm_head` maps both.
  const firstSegments = new Set(paths.filter((path) => path.includes('.')).map((path) => path.slice(0, path.indexOf('.') + 1)));
  for (const segment of firstSegments) candidates.push({ stripPrefix: segment, addPrefix: '' });
  const first = paths[0];
  if (first !== undefined) {
    const suffix = `.${first}.weight`;
    for (const name of byName.keys()) {
      if (name.endsWith(suffix)) candidates.push({ stripPrefix: '', addPrefix: name.slice(0, name.length - suffix.length + 1) });
    }
  }
  let best = candidates[0]!;
  let bestCount = -1;
  for (const candidate of candidates) {
    const count = paths.filter((path) => byName.has(`${candidate.addPrefix}${path.startsWith(candidate.stripPrefix) ? path.slice(candidate.stripPrefix.length) : path}.weight`)).length;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

function sameShape(left: readonly number[], right: readonly number[]): boolean {
  return left.length === right.length && left.every((dimension, index) => dimension === right[index]);
}

/**
 * Applies a tensor's merge operations: decodes it to float32, adds scaling·B·A for each LoRA module (W += ΔW in
 * float32 with the package's merge kernel, ΔW never formed), adds scaling·lora_B.bias to biases, replaces whole
 * tensors, and stores the result in the tensor's own dtype (F16/BF16 rounded to nearest even).
 *
 * @throws {AdapterFormatError} when the merge makes a value NaN or ±Infinity that was finite (an overflow in F16,
 *   for instance), naming the tensor and the first such element, as PEFT's `safe_merge` refuses it.
 */
export function applyMergeOperations(name: string, base: Tensor, operations: readonly MergeOperation[], context: { baseFile?: string; workspace?: MergeWorkspace } = {}): Tensor {
  if (!isWritableFloatDtype(base.dtype) || base.dtype === 'F64') {
    throw new AdapterFormatError(`${context.baseFile ?? 'base model'}: tensor ${JSON.stringify(name)} is ${base.dtype}; merging supports F32, F16 and BF16`, { file: context.baseFile });
  }
  const dtype = base.dtype;
  const { workspace } = context;
  const count = base.data.byteLength / (dtype === 'F32' ? 4 : 2);
  const values = workspace === undefined ? tensorToFloat32(base, { copy: true }) : tensorToFloat32(base, { into: workspace.values(count) });
  const [rows, cols] = base.shape.length === 2 ? [base.shape[0]!, base.shape[1]!] : [1, values.length];
  for (const operation of operations) {
    switch (operation.kind) {
      case 'lora': {
        const { module } = operation;
        const weight = createMatrix(rows, cols, values);
        const a = createMatrix(module.loraA.shape[0]!, module.loraA.shape[1]!, tensorToFloat32(module.loraA));
        const b = createMatrix(module.loraB.shape[0]!, module.loraB.shape[1]!, tensorToFloat32(module.loraB));
        mergeLoraInto(weight, { a, b, scaling: module.scaling }, { fanInFanOut: operation.transposed, adapterName: module.modulePath });
        break;
      }
      case 'lora-bias': {
        const bias = tensorToFloat32(operation.module.loraBBias!);
        const { scaling } = operation.module;
        for (let index = 0; index < values.length; index++) values[index] = values[index]! + scaling * bias[index]!;
        break;
      }
      case 'replace':
        values.set(tensorToFloat32(operation.tensor));
        break;
    }
  }
  const merged = float32ToTensor(values, dtype, base.shape, dtype === 'F32' ? undefined : workspace?.bits(count));
  const broken = firstNewNonFinite(base, merged);
  if (broken >= 0) {
    const position = base.shape.length === 2 ? `[${String(Math.floor(broken / cols))}, ${String(broken % cols)}]` : `[${String(broken)}]`;
    throw new AdapterFormatError(
      `${context.baseFile ?? 'base model'}: merging into ${JSON.stringify(name)} makes element ${position} ${String(tensorToFloat32(merged)[broken])} (it was finite; ${dtype} overflow or a broken adapter); nothing was written`,
      { file: context.baseFile },
    );
  }
  return merged;
}

/**
 * Buffers reused from one merged tensor to the next. Fresh memory costs a page fault per 4 KiB on first touch, which
 * for a large weight costs more than the merge arithmetic; a workspace grows to the largest tensor and stays.
 */
export class MergeWorkspace {
  private valuesBuffer = new Float32Array(0);
  private bitsBuffer = new Uint16Array(0);

  /** A float32 buffer of `count` elements (contents undefined), valid until the next call. */
  values(count: number): Float32Array {
    if (this.valuesBuffer.length < count) this.valuesBuffer = new Float32Array(count);
    return this.valuesBuffer.subarray(0, count);
  }

  /** A 16-bit buffer of `count` elements (contents undefined), valid until the next call. */
  bits(count: number): Uint16Array {
    if (this.bitsBuffer.length < count) this.bitsBuffer = new Uint16Array(count);
    return this.bitsBuffer.subarray(0, count);
  }
}

/** The first element that is finite in `before` and not in `after` (same dtype, F32/F16/BF16), or −1. */
function firstNewNonFinite(before: Tensor, after: Tensor): number {
  if (after.dtype === 'F32') {
    const was = tensorView({ ...before, dtype: 'F32' });
    const now = tensorView({ ...after, dtype: 'F32' });
    for (let index = 0; index < now.length; index++) if (!Number.isFinite(now[index]!) && Number.isFinite(was[index]!)) return index;
    return -1;
  }
  // 16-bit floats: an all-ones exponent is Inf or NaN.
  const exponentMask = after.dtype === 'F16' ? 0x7c00 : 0x7f80;
  const was = tensorView({ ...before, dtype: 'U16' });
  const now = tensorView({ ...after, dtype: 'U16' });
  for (let index = 0; index < now.length; index++) {
    if ((now[index]! & exponentMask) === exponentMask && (was[index]! & exponentMask) !== exponentMask) return index;
  }
  return -1;
}

/**
 * Merges an adapter into a whole safetensors file held in memory (the isomorphic counterpart of the Node
 * streaming merge): the header is kept byte for byte (names, dtypes, shapes and offsets do not change), untouched
 * tensors are copied byte for byte, and targeted tensors get W += scaling·B·A in float32, stored in their dtype.
 *
 * @throws {SafetensorsFormatError} for a malformed base file.
 * @throws {AdapterFormatError} as {@link planMerge} and {@link applyMergeOperations}.
 */
export function mergeAdapterIntoSafetensors(baseBytes: Uint8Array, adapter: PeftAdapter, source: { baseFile?: string } = {}): { bytes: Uint8Array; plan: MergePlan } {
  const file = parseSafetensors(baseBytes, { file: source.baseFile });
  const plan = planMerge(adapter, file.header.entries, source);
  const output = baseBytes.slice();
  for (const [name, operations] of plan.operations) {
    const entry = file.header.byName.get(name)!;
    const merged = applyMergeOperations(name, file.tensor(name), operations, source);
    output.set(merged.data, file.header.dataStart + entry.begin);
  }
  return { bytes: output, plan };
}

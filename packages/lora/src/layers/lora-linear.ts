import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { matmulInto, matmulTransposeAInto, matmulTransposeBInto } from '../kernels/matrix-ops.js';
import type { LoraFactors } from '../merge/merge.js';
import { loraScaling, mergeLoraInto, unmergeLoraFrom } from '../merge/merge.js';
import type { Random } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertConsistent, assertShape, createMatrix } from '../tensor/matrix.js';
import { kaimingUniform } from './init.js';

/**
 * PEFT's `init_lora_weights` for a linear layer: `true` (A ~ Kaiming-uniform with a = √5, i.e. U(−1/√in, 1/√in);
 * B = 0, so the adapter starts as a no-op), `'gaussian'` (A ~ N(0, (1/r)²), B = 0) or `false` (both keep
 * `nn.Linear`'s default init, B not zero: for tests only).
 */
export type InitLoraWeights = boolean | 'gaussian';

/** One adapter to add to a {@link LoraLinear}. */
export interface LoraAdapterOptions {
  readonly rank: number;
  readonly alpha: number;
  readonly useRslora?: boolean;
  /** Dropout probability on the LoRA branch's input while training (PEFT `lora_dropout`); default 0. */
  readonly dropout?: number;
  /** Default `true`. Ignored when `a` and `b` are given. */
  readonly init?: InitLoraWeights;
  /** Initial A `[r, in]` and B `[out, r]` (copied), e.g. from a saved adapter. */
  readonly a?: Matrix;
  readonly b?: Matrix;
  /** Draws the initial weights and the dropout masks. Required unless both `a` and `b` are given and dropout is 0. */
  readonly random?: Random;
}

/** An adapter inside a {@link LoraLinear}: its weights, its gradients and its hyper-parameters. */
export interface LoraAdapter extends LoraFactors {
  readonly name: string;
  readonly rank: number;
  readonly alpha: number;
  readonly dropout: number;
  /** ∂loss/∂A, accumulated by {@link LoraLinear.backward} until {@link LoraLinear.zeroGradients}. */
  readonly gradA: Matrix;
  /** ∂loss/∂B, accumulated likewise. */
  readonly gradB: Matrix;
}

interface MutableAdapter extends LoraAdapter {
  scaling: number;
  readonly random: Random | undefined;
}

/** What {@link LoraLinear.forward} keeps for the backward pass. */
interface ForwardCache {
  readonly input: Matrix;
  readonly branches: { adapter: MutableAdapter; droppedInput: Matrix; mask: Float32Array | undefined; hidden: Matrix }[];
}

/**
 * A frozen linear layer y = x·Wᵀ + b with LoRA adapters, with PEFT's semantics (`peft.tuners.lora.layer.Linear`):
 *
 *     y = x·Wᵀ + b + Σ_active scaling · (dropout(x)·Aᵀ)·Bᵀ
 *
 * The LoRA branch is computed as (x·Aᵀ)·Bᵀ, never forming B·A: O(batch·r·(in + out)). Dropout applies only to the
 * branch's input and only in training (inverted dropout: kept values scaled by 1/(1−p)). W and b are frozen: the
 * backward pass gives gradients for A, B and x. With `fanInFanOut` the weight is stored `[in, out]` (GPT-2's
 * `Conv1D`) and y = x·W + b. Merged adapters are folded into W and skipped by the branch; {@link unmerge} takes them
 * out last in, first out.
 */
export class LoraLinear {
  /** The base weight: `[out, in]`, or `[in, out]` with `fanInFanOut`. Frozen, but changed by merge/unmerge. */
  readonly weight: Matrix;
  readonly bias: Float32Array | undefined;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly fanInFanOut: boolean;
  readonly #adapters = new Map<string, MutableAdapter>();
  #active: string[] = [];
  readonly #merged: string[] = [];
  #cache: ForwardCache | undefined;

  /**
   * @param options.weight - Used in place (not copied): merging changes it.
   * @throws {ShapeMismatchError} when the bias length is not the number of output features.
   */
  constructor(options: { weight: Matrix; bias?: Float32Array; fanInFanOut?: boolean }) {
    assertConsistent('weight', options.weight);
    this.weight = options.weight;
    this.fanInFanOut = options.fanInFanOut ?? false;
    this.inFeatures = this.fanInFanOut ? options.weight.rows : options.weight.cols;
    this.outFeatures = this.fanInFanOut ? options.weight.cols : options.weight.rows;
    if (options.bias !== undefined && options.bias.length !== this.outFeatures) {
      throw new ShapeMismatchError(`bias: expected ${String(this.outFeatures)} elements (out_features), found ${String(options.bias.length)}`);
    }
    this.bias = options.bias;
  }

  /** The adapters, by name, in the order they were added. */
  get adapters(): ReadonlyMap<string, LoraAdapter> {
    return this.#adapters;
  }

  /** Names of the adapters the forward pass uses. */
  get activeAdapters(): readonly string[] {
    return this.#active;
  }

  /** Names of the merged adapters, oldest first. */
  get mergedAdapters(): readonly string[] {
    return this.#merged;
  }

  /**
   * Adds an adapter (PEFT `update_layer`) and makes it active.
   *
   * @throws {InvalidArgumentError} for a duplicate name, r ≤ 0, dropout outside [0, 1), or a missing `random`.
   * @throws {ShapeMismatchError} when given A or B do not fit the layer and the rank.
   */
  addAdapter(name: string, options: LoraAdapterOptions): LoraAdapter {
    if (this.#adapters.has(name)) throw new InvalidArgumentError('name', `the layer already has an adapter named "${name}"`);
    const { rank, alpha } = options;
    const scaling = loraScaling({ rank, alpha, useRslora: options.useRslora ?? false });
    const dropout = options.dropout ?? 0;
    if (!(dropout >= 0 && dropout < 1)) throw new InvalidArgumentError('dropout', `dropout must be in [0, 1), got ${String(dropout)}`);
    const a = createMatrix(rank, this.inFeatures);
    const b = createMatrix(this.outFeatures, rank);
    const random = options.random;
    const given = options.a !== undefined && options.b !== undefined;
    if ((!given || dropout > 0) && random === undefined) {
      throw new InvalidArgumentError('random', `adapter "${name}" needs a seeded random generator (createRandom(seed)) to initialise its weights or draw dropout masks`);
    }
    if (options.a !== undefined) {
      assertShape(`lora_A of adapter "${name}"`, options.a, rank, this.inFeatures);
      a.data.set(options.a.data);
    } else {
      initializeA(a, options.init ?? true, random!);
    }
    if (options.b !== undefined) {
      assertShape(`lora_B of adapter "${name}"`, options.b, this.outFeatures, rank);
      b.data.set(options.b.data);
    } else if ((options.init ?? true) === false) {
      kaimingUniform(b.data, { fanIn: rank, random: random! });
    }
    const adapter: MutableAdapter = {
      name,
      rank,
      alpha,
      scaling,
      dropout,
      a,
      b,
      gradA: createMatrix(rank, this.inFeatures),
      gradB: createMatrix(this.outFeatures, rank),
      random,
    };
    this.#adapters.set(name, adapter);
    this.#active.push(name);
    return adapter;
  }

  /**
   * Chooses the adapters the forward pass uses (PEFT `set_adapter`).
   *
   * @throws {InvalidArgumentError} for an unknown name.
   */
  setActiveAdapters(names: readonly string[]): void {
    for (const name of names) this.#adapter(name);
    this.#active = [...names];
  }

  /**
   * PEFT `set_scale`: scaling = factor·alpha/r (or factor·alpha/√r with rsLoRA, as the adapter was created).
   *
   * @throws {InvalidArgumentError} for an unknown name or when the adapter is merged (the merged ΔW would go stale).
   */
  setScale(name: string, factor: number, useRslora = false): void {
    const adapter = this.#adapter(name);
    if (this.#merged.includes(name)) throw new InvalidArgumentError('name', `adapter "${name}" is merged; unmerge it before changing its scale`);
    adapter.scaling = factor * loraScaling({ rank: adapter.rank, alpha: adapter.alpha, useRslora });
  }

  /**
   * y = x·Wᵀ + b + Σ scaling·(dropout(x)·Aᵀ)·Bᵀ over the active, unmerged adapters.
   *
   * @param input - `[batch, in]`. Kept by reference for {@link backward}: do not modify it before then.
   * @param options.training - Applies dropout (default false: evaluation, no dropout).
   * @returns A new `[batch, out]` matrix.
   * @throws {ShapeMismatchError} when the input does not have `in_features` columns.
   */
  forward(input: Matrix, options: { training?: boolean } = {}): Matrix {
    assertShape('layer input', input, input.rows, this.inFeatures);
    const output = createMatrix(input.rows, this.outFeatures);
    if (this.fanInFanOut) matmulInto(output, input, this.weight);
    else matmulTransposeBInto(output, input, this.weight);
    if (this.bias !== undefined) addRowVector(output, this.bias);
    const training = options.training ?? false;
    const branches: ForwardCache['branches'] = [];
    for (const name of this.#active) {
      if (this.#merged.includes(name)) continue;
      const adapter = this.#adapter(name);
      let droppedInput = input;
      let mask: Float32Array | undefined;
      if (training && adapter.dropout > 0) {
        mask = dropoutMask(input.data.length, adapter.dropout, adapter.random!);
        droppedInput = createMatrix(input.rows, input.cols);
        for (let index = 0; index < mask.length; index++) droppedInput.data[index] = input.data[index]! * mask[index]!;
      }
      const hidden = matmulTransposeBInto(createMatrix(input.rows, adapter.rank), droppedInput, adapter.a);
      matmulTransposeBInto(output, hidden, adapter.b, { alpha: adapter.scaling, beta: 1 });
      branches.push({ adapter, droppedInput, mask, hidden });
    }
    this.#cache = { input, branches };
    return output;
  }

  /**
   * Backward pass of the last {@link forward} for L with ∂L/∂y = `outputGradient`:
   * ∂L/∂B += s·dyᵀ·h, ∂L/∂A += s·(dy·B)ᵀ·dropout(x), and returns ∂L/∂x = dy·W + s·((dy·B)·A)⊙mask. W and b are frozen.
   *
   * @param outputGradient - `[batch, out]`.
   * @returns ∂L/∂x, `[batch, in]`.
   * @throws {InvalidArgumentError} when no forward pass preceded it.
   * @throws {ShapeMismatchError} when the gradient's shape is not the last output's.
   */
  backward(outputGradient: Matrix): Matrix {
    const cache = this.#cache;
    if (cache === undefined) throw new InvalidArgumentError('outputGradient', 'backward() needs a forward() first');
    const batch = cache.input.rows;
    assertShape('output gradient', outputGradient, batch, this.outFeatures);
    const inputGradient = createMatrix(batch, this.inFeatures);
    if (this.fanInFanOut) matmulTransposeBInto(inputGradient, outputGradient, this.weight);
    else matmulInto(inputGradient, outputGradient, this.weight);
    for (const { adapter, droppedInput, mask, hidden } of cache.branches) {
      const projected = matmulInto(createMatrix(batch, adapter.rank), outputGradient, adapter.b); // dy·B
      matmulTransposeAInto(adapter.gradB, outputGradient, hidden, { alpha: adapter.scaling, beta: 1 });
      matmulTransposeAInto(adapter.gradA, projected, droppedInput, { alpha: adapter.scaling, beta: 1 });
      if (mask === undefined) {
        matmulInto(inputGradient, projected, adapter.a, { alpha: adapter.scaling, beta: 1 });
      } else {
        const branchGradient = matmulInto(createMatrix(batch, this.inFeatures), projected, adapter.a, { alpha: adapter.scaling });
        for (let index = 0; index < mask.length; index++) {
          inputGradient.data[index] = inputGradient.data[index]! + branchGradient.data[index]! * mask[index]!;
        }
      }
    }
    return inputGradient;
  }

  /** Sets every adapter's accumulated gradients to zero. */
  zeroGradients(): void {
    for (const adapter of this.#adapters.values()) {
      adapter.gradA.data.fill(0);
      adapter.gradB.data.fill(0);
    }
  }

  /**
   * Folds adapters into W (PEFT `merge`): by default every active adapter not yet merged. Already merged ones are
   * skipped, as PEFT does (with a warning there).
   *
   * @param options.safe - PEFT `safe_merge`: on a NaN/Inf result throw and leave W unchanged.
   * @returns The names merged by this call.
   * @throws {NonFiniteMergeError} with `safe`, for a broken adapter (earlier adapters of this call stay merged).
   */
  merge(options: { adapterNames?: readonly string[]; safe?: boolean } = {}): string[] {
    const names = (options.adapterNames ?? this.#active).filter((name) => !this.#merged.includes(name));
    for (const name of names) {
      const adapter = this.#adapter(name);
      mergeLoraInto(this.weight, adapter, { fanInFanOut: this.fanInFanOut, safe: options.safe ?? false, adapterName: name });
      this.#merged.push(name);
    }
    return names;
  }

  /**
   * Takes every merged adapter out of W, last in, first out (PEFT `unmerge`). Does nothing when none is merged.
   *
   * @returns The names unmerged, in the order they were taken out.
   */
  unmerge(): string[] {
    const names: string[] = [];
    for (let name = this.#merged.pop(); name !== undefined; name = this.#merged.pop()) {
      unmergeLoraFrom(this.weight, this.#adapter(name), { fanInFanOut: this.fanInFanOut });
      names.push(name);
    }
    return names;
  }

  #adapter(name: string): MutableAdapter {
    const adapter = this.#adapters.get(name);
    if (adapter === undefined) {
      throw new InvalidArgumentError('name', `no adapter named "${name}"; the layer has ${[...this.#adapters.keys()].map((key) => `"${key}"`).join(', ') || 'none'}`);
    }
    return adapter;
  }
}

function initializeA(a: Matrix, init: InitLoraWeights, random: Random): void {
  if (init === 'gaussian') random.fillNormal(a.data, 0, 1 / a.rows);
  else kaimingUniform(a.data, { fanIn: a.cols, random });
}

/** Inverted dropout: each element kept with probability 1 − p and then scaled by 1/(1 − p). */
function dropoutMask(length: number, probability: number, random: Random): Float32Array {
  const mask = new Float32Array(length);
  const keptValue = 1 / (1 - probability);
  for (let index = 0; index < length; index++) mask[index] = random.uniform() < probability ? 0 : keptValue;
  return mask;
}

/** Adds `vector` to every row of `matrix`. */
export function addRowVector(matrix: Matrix, vector: Float32Array): void {
  const { rows, cols, data } = matrix;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    for (let j = 0; j < cols; j++) data[offset + j] = data[offset + j]! + vector[j]!;
  }
}

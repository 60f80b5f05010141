import { InvalidArgumentError } from '../errors.js';
import type { Optimizer, Parameter } from './parameter.js';
import { assertParameters } from './parameter.js';

/** `torch.optim.AdamW`'s hyper-parameters, with PyTorch's defaults. */
export interface AdamwOptions {
  /** Default 1e-3. */
  readonly learningRate?: number;
  /** Default 0.9. */
  readonly beta1?: number;
  /** Default 0.999. */
  readonly beta2?: number;
  /** Default 1e-8, added after the bias-corrected square root. */
  readonly epsilon?: number;
  /** Decoupled weight decay; default 1e-2. */
  readonly weightDecay?: number;
  /** Keep the running maximum of v (Reddi et al., 2018); default false. */
  readonly amsgrad?: boolean;
  readonly maximize?: boolean;
}

/** An AdamW optimizer, with its moments readable (PyTorch's `state[p]['exp_avg']`, `['exp_avg_sq']`). */
export interface AdamwOptimizer extends Optimizer {
  /** m per parameter, in the order of `parameters`. */
  readonly firstMoments: readonly Float32Array[];
  /** v per parameter. */
  readonly secondMoments: readonly Float32Array[];
}

/**
 * AdamW (Loshchilov and Hutter, 2019) with PyTorch's exact update (`torch.optim.AdamW`, `_single_tensor_adamw`),
 * state (m, v, and v_max with amsgrad: float32, one value per parameter element) allocated here once:
 *
 *     t ← t + 1;  g ← ±∇
 *     p ← p·(1 − lr·wd)                                   decoupled weight decay, before the moments
 *     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
 *     v̂ ← max(v̂, v) with amsgrad, else v̂ = v
 *     p ← p − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)   ε outside the square root, after bias correction
 *
 * Each tensor operation is rounded to float32, as PyTorch's float32 tensors are; the bias corrections are computed
 * in float64 as Python does.
 *
 * @throws {InvalidArgumentError} for values PyTorch rejects: lr, ε or weight decay < 0, β outside [0, 1).
 */
export function createAdamw(parameters: readonly Parameter[], options: AdamwOptions = {}): AdamwOptimizer {
  assertParameters(parameters);
  const learningRate = options.learningRate ?? 1e-3;
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? 1e-8;
  const weightDecay = options.weightDecay ?? 1e-2;
  const amsgrad = options.amsgrad ?? false;
  const maximize = options.maximize ?? false;
  if (!(learningRate >= 0)) throw new InvalidArgumentError('learningRate', `learning rate must be ≥ 0, got ${String(learningRate)}`);
  if (!(epsilon >= 0)) throw new InvalidArgumentError('epsilon', `epsilon must be ≥ 0, got ${String(epsilon)}`);
  if (!(beta1 >= 0 && beta1 < 1)) throw new InvalidArgumentError('beta1', `beta1 must be in [0, 1), got ${String(beta1)}`);
  if (!(beta2 >= 0 && beta2 < 1)) throw new InvalidArgumentError('beta2', `beta2 must be in [0, 1), got ${String(beta2)}`);
  if (!(weightDecay >= 0)) throw new InvalidArgumentError('weightDecay', `weight decay must be ≥ 0, got ${String(weightDecay)}`);
  const firstMoments = parameters.map((parameter) => new Float32Array(parameter.value.length));
  const secondMoments = parameters.map((parameter) => new Float32Array(parameter.value.length));
  const maximumSecondMoments = amsgrad ? parameters.map((parameter) => new Float32Array(parameter.value.length)) : [];
  const stateBytes = [...firstMoments, ...secondMoments, ...maximumSecondMoments].reduce((sum, buffer) => sum + buffer.byteLength, 0);
  const f = Math.fround;
  const decay = f(1 - learningRate * weightDecay);
  const keepFirst = f(beta1);
  const takeFirst = f(1 - beta1);
  const keepSecond = f(beta2);
  const takeSecond = f(1 - beta2);
  let stepCount = 0;
  return {
    parameters,
    firstMoments,
    secondMoments,
    get stepCount() {
      return stepCount;
    },
    stateBytes,
    zeroGradients() {
      for (const parameter of parameters) parameter.gradient.fill(0);
    },
    step() {
      stepCount++;
      const biasCorrection1 = 1 - beta1 ** stepCount;
      const biasCorrection2Root = Math.sqrt(1 - beta2 ** stepCount);
      const stepSize = learningRate / biasCorrection1;
      parameters.forEach((parameter, index) => {
        const { value, gradient } = parameter;
        const first = firstMoments[index]!;
        const second = secondMoments[index]!;
        const maximum = maximumSecondMoments[index];
        for (let element = 0; element < value.length; element++) {
          const grad = maximize ? -gradient[element]! : gradient[element]!;
          const decayed = f(value[element]! * decay);
          const m = f(f(first[element]! * keepFirst) + f(takeFirst * grad));
          const v = f(f(second[element]! * keepSecond) + f(takeSecond * f(grad * grad)));
          first[element] = m;
          second[element] = v;
          let denominatorSource = v;
          if (maximum !== undefined) {
            denominatorSource = Math.max(maximum[element]!, v);
            maximum[element] = denominatorSource;
          }
          const denominator = f(f(f(Math.sqrt(denominatorSource)) / biasCorrection2Root) + epsilon);
          value[element] = f(decayed - f(stepSize * f(m / denominator)));
        }
      });
    },
  };
}

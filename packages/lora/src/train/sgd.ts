import { InvalidArgumentError } from '../errors.js';
import type { Optimizer, Parameter } from './parameter.js';
import { assertParameters } from './parameter.js';

/** `torch.optim.SGD`'s hyper-parameters. */
export interface SgdOptions {
  readonly learningRate: number;
  readonly momentum?: number;
  readonly dampening?: number;
  readonly weightDecay?: number;
  readonly nesterov?: boolean;
  readonly maximize?: boolean;
}

/**
 * Stochastic gradient descent with PyTorch's exact update (`torch.optim.SGD`, `_single_tensor_sgd`):
 *
 *     g ← ±∇ (− with maximize);  g ← g + wd·p;
 *     with momentum μ: buf ← g at the first step, else buf ← μ·buf + (1 − dampening)·g;
 *                      g ← g + μ·buf (nesterov) or g ← buf;
 *     p ← p − lr·g
 *
 * Each operation is rounded to float32, as PyTorch's float32 tensors are.
 *
 * @throws {InvalidArgumentError} for a negative learning rate, momentum or weight decay, or nesterov without momentum
 * or with dampening (PyTorch's own checks).
 */
export function createSgd(parameters: readonly Parameter[], options: SgdOptions): Optimizer {
  assertParameters(parameters);
  const { learningRate } = options;
  const momentum = options.momentum ?? 0;
  const dampening = options.dampening ?? 0;
  const weightDecay = options.weightDecay ?? 0;
  const nesterov = options.nesterov ?? false;
  const maximize = options.maximize ?? false;
  if (!(learningRate >= 0)) throw new InvalidArgumentError('learningRate', `learning rate must be ≥ 0, got ${String(learningRate)}`);
  if (!(momentum >= 0)) throw new InvalidArgumentError('momentum', `momentum must be ≥ 0, got ${String(momentum)}`);
  if (!(weightDecay >= 0)) throw new InvalidArgumentError('weightDecay', `weight decay must be ≥ 0, got ${String(weightDecay)}`);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new InvalidArgumentError('nesterov', 'Nesterov momentum requires a momentum and zero dampening');
  }
  const buffers = momentum === 0 ? [] : parameters.map((parameter) => new Float32Array(parameter.value.length));
  const f = Math.fround;
  let stepCount = 0;
  return {
    parameters,
    get stepCount() {
      return stepCount;
    },
    stateBytes: buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0),
    zeroGradients() {
      for (const parameter of parameters) parameter.gradient.fill(0);
    },
    step() {
      const first = stepCount === 0;
      stepCount++;
      parameters.forEach((parameter, index) => {
        const { value, gradient } = parameter;
        const buffer = buffers[index];
        for (let element = 0; element < value.length; element++) {
          let direction = maximize ? -gradient[element]! : gradient[element]!;
          if (weightDecay !== 0) direction = f(direction + f(weightDecay * value[element]!));
          if (buffer !== undefined) {
            const previous = first ? direction : f(f(momentum * buffer[element]!) + f((1 - dampening) * direction));
            buffer[element] = previous;
            direction = nesterov ? f(direction + f(momentum * previous)) : previous;
          }
          value[element] = value[element]! - f(learningRate * direction);
        }
      });
    },
  };
}

import { ShapeMismatchError } from '../errors.js';

/** A trainable tensor and its gradient, flat: what optimizers update. */
export interface Parameter {
  /** For reports and error messages (`layers.0.lora_A`...). */
  readonly name: string;
  /** Updated in place by `step()`. */
  readonly value: Float32Array;
  /** Read by `step()`; filled by a backward pass. */
  readonly gradient: Float32Array;
}

/**
 * Checks that each parameter's gradient has its value's length.
 *
 * @throws {ShapeMismatchError} naming the parameter.
 */
export function assertParameters(parameters: readonly Parameter[]): void {
  for (const parameter of parameters) {
    if (parameter.gradient.length !== parameter.value.length) {
      throw new ShapeMismatchError(`parameter "${parameter.name}": value has ${String(parameter.value.length)} elements, gradient has ${String(parameter.gradient.length)}`);
    }
  }
}

/** Σ of the parameters' sizes. */
export function countParameters(parameters: readonly Parameter[]): number {
  return parameters.reduce((sum, parameter) => sum + parameter.value.length, 0);
}

/** An optimizer over a fixed list of parameters, its state allocated once at construction. */
export interface Optimizer {
  readonly parameters: readonly Parameter[];
  /** One update from the current gradients. */
  step(): void;
  /** Sets every gradient to zero (PyTorch `zero_grad(set_to_none=False)`). */
  zeroGradients(): void;
  /** Bytes of optimizer state (moments, momentum buffers), excluding parameters and gradients. */
  readonly stateBytes: number;
  /** Steps taken so far. */
  readonly stepCount: number;
}

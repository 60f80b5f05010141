import { InvalidArgumentError } from '../errors.js';
import type { Optimizer } from './parameter.js';

/** What the loop reports after each step. */
export interface TrainingProgress {
  /** 1-based number of the step just taken. */
  readonly step: number;
  readonly steps: number;
  /** The loss the step's gradients came from. */
  readonly loss: number;
}

/** A training run: how many steps, the optimizer, and how to get a loss and gradients. */
export interface TrainingLoopOptions {
  readonly steps: number;
  readonly optimizer: Optimizer;
  /**
   * Computes the loss of step `step` (0-based) and writes its gradients into the optimizer's parameters' `gradient`
   * arrays (accumulating is fine: the loop zeroes them first).
   */
  readonly lossAndGradients: (step: number) => number;
  /** Called after every step; for progress bars and logs (the library itself never prints). */
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Report every `reportEvery` steps and at the last (default 1). */
  readonly reportEvery?: number;
}

/** The losses of a finished run. */
export interface TrainingResult {
  readonly losses: Float64Array;
  readonly finalLoss: number;
}

/**
 * Runs `steps` optimization steps: zero the gradients, compute loss and gradients, update, report.
 *
 * @throws {InvalidArgumentError} when `steps` is not a non-negative integer or a loss is not finite (the run
 * diverged: lower the learning rate); the parameters then hold the values of the last finite step.
 */
export function trainLoop(options: TrainingLoopOptions): TrainingResult {
  const { steps, optimizer } = options;
  if (!Number.isSafeInteger(steps) || steps < 0) throw new InvalidArgumentError('steps', `steps must be a non-negative integer, got ${String(steps)}`);
  const reportEvery = Math.max(1, options.reportEvery ?? 1);
  const losses = new Float64Array(steps);
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGradients();
    const loss = options.lossAndGradients(step);
    if (!Number.isFinite(loss)) {
      throw new InvalidArgumentError('learningRate', `training diverged: the loss at step ${String(step + 1)} is ${String(loss)}`);
    }
    optimizer.step();
    losses[step] = loss;
    if (options.onProgress !== undefined && ((step + 1) % reportEvery === 0 || step + 1 === steps)) {
      options.onProgress({ step: step + 1, steps, loss });
    }
  }
  return { losses, finalLoss: steps === 0 ? Number.NaN : losses[steps - 1]! };
}

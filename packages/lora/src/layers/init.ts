import { InvalidArgumentError } from '../errors.js';
import type { Random } from '../random/random.js';

/**
 * PyTorch's `nn.init.kaiming_uniform_(w, a)` with `mode='fan_in'` and `nonlinearity='leaky_relu'`: a draw from
 * U(−bound, bound) with gain = √(2 / (1 + a²)) and bound = gain·√(3 / fan_in).
 *
 * With a = √5 (what PEFT uses for `lora_A` and what `nn.Linear` uses for its weight), bound = 1/√fan_in.
 *
 * @param target - Filled in place.
 * @param fanIn - The number of inputs: `in_features` for a `[out, in]` weight.
 * @throws {InvalidArgumentError} when fanIn is not a positive integer.
 */
export function kaimingUniform(target: Float32Array, options: { fanIn: number; a?: number; random: Random }): void {
  const bound = kaimingUniformBound(options.fanIn, options.a ?? Math.sqrt(5));
  options.random.fillUniform(target, -bound, bound);
}

/** The bound of {@link kaimingUniform}: √(2 / (1 + a²))·√(3 / fanIn). */
export function kaimingUniformBound(fanIn: number, a: number = Math.sqrt(5)): number {
  if (!Number.isSafeInteger(fanIn) || fanIn < 1) throw new InvalidArgumentError('fanIn', `fan_in must be a positive integer, got ${String(fanIn)}`);
  const gain = Math.sqrt(2 / (1 + a * a));
  return gain * Math.sqrt(3 / fanIn);
}

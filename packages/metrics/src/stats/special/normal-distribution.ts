import { erfc } from './error-function.js';

/** Standard normal distribution functions, with full relative accuracy in both tails. */

const sqrtHalf = 0.7071067811865476; // 1 / √2

/** Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * sqrtHalf);
}

/** 1 − Φ(z) = P(Z > z), accurate when tiny. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z * sqrtHalf);
}

import { incompleteBeta } from './incomplete-beta.js';

/**
 * P(X ≤ k) for X ~ Binomial(n, ½), accurate when tiny: I_{½}(n − k, k + 1).
 *
 * @param successes - k, an integer.
 * @param trials - n, a non-negative integer.
 */
export function binomialHalfCdf(successes: number, trials: number): number {
  if (successes < 0) return 0;
  if (successes >= trials) return 1;
  return incompleteBeta(0.5, trials - successes, successes + 1).lower;
}

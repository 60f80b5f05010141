/**
 * Null distribution of a signed-rank sum: S = Σ_{q : σ_q = +1} w_q over the 2^m equally likely sign vectors σ, for
 * integer weights w_q (the ranks, or twice the average ranks when there are ties). Dynamic programming over the
 * possible sums, in probabilities (each step halves), so it neither overflows nor loses the tails.
 */
export interface SignedRankDistribution {
  /** probabilities[s] = P(S = s). */
  readonly probabilities: Float64Array;
}

/** @param weights - non-negative integers. */
export function signedRankDistribution(weights: ArrayLike<number>): SignedRankDistribution {
  let total = 0;
  for (let index = 0; index < weights.length; index++) total += weights[index]!;
  const probabilities = new Float64Array(total + 1);
  probabilities[0] = 1;
  let reach = 0;
  for (let index = 0; index < weights.length; index++) {
    const weight = weights[index]!;
    reach += weight;
    // Descending, so probabilities[sum − weight] still holds the previous step's value.
    for (let sum = reach; sum >= 0; sum--) {
      const without = probabilities[sum]!;
      const withWeight = sum >= weight ? probabilities[sum - weight]! : 0;
      probabilities[sum] = 0.5 * (without + withWeight);
    }
  }
  return { probabilities };
}

/** P(S ≤ value), summed from the lower tail up so small probabilities keep their digits. */
export function lowerTail(distribution: SignedRankDistribution, value: number): number {
  const { probabilities } = distribution;
  const last = Math.min(Math.floor(value), probabilities.length - 1);
  let sum = 0;
  for (let index = 0; index <= last; index++) sum += probabilities[index]!;
  return Math.min(1, sum);
}

/** P(S ≥ value), summed from the upper tail down. */
export function upperTail(distribution: SignedRankDistribution, value: number): number {
  const { probabilities } = distribution;
  const first = Math.max(Math.ceil(value), 0);
  let sum = 0;
  for (let index = probabilities.length - 1; index >= first; index--) sum += probabilities[index]!;
  return Math.min(1, sum);
}

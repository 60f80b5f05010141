import { InvalidArgumentError } from '../errors.js';

/** A multiple-comparison correction: Holm (step-down, family-wise error), Bonferroni, Benjamini–Hochberg (false
 * discovery rate), or none. */
export type PValueAdjustment = 'holm' | 'bonferroni' | 'bh' | 'none';

/**
 * Adjusts a family of p-values for multiple comparisons. Reject hypothesis i at level α when its adjusted value is
 * ≤ α. With m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎:
 * - `'bonferroni'`: min(1, m·pᵢ).
 * - `'holm'`: adj₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎) — uniformly more powerful than Bonferroni, same
 *   family-wise guarantee; the recommended default when more than one comparison is reported.
 * - `'bh'`: adj₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎ / j) — controls the false discovery rate (exploratory sweeps).
 * - `'none'`: the values unchanged (a copy).
 *
 * Equal p-values get equal adjusted values. State the family (e.g. "all systems × measures against the baseline")
 * next to the results.
 *
 * @param pValues - the raw p-values, each in [0, 1].
 * @param method - the correction.
 * @returns the adjusted p-values, in the input order; an empty array for an empty family.
 * @throws {InvalidArgumentError} for a p-value that is not a number in [0, 1], or an unknown method.
 */
export function adjustPValues(pValues: ArrayLike<number>, method: PValueAdjustment): number[] {
  const count = pValues.length;
  for (let index = 0; index < count; index++) {
    const value = pValues[index];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new InvalidArgumentError(
        'pValues',
        `adjustPValues: p-value at index ${index} must be a number in [0, 1], got ${String(value)}`,
      );
    }
  }
  const values = Array.from(pValues);
  switch (method) {
    case 'none':
      return values;
    case 'bonferroni':
      return values.map((value) => Math.min(1, count * value));
    case 'holm':
    case 'bh':
      break;
    default:
      throw new InvalidArgumentError(
        'method',
        `adjustPValues: method must be 'holm', 'bonferroni', 'bh' or 'none', got ${JSON.stringify(method)}`,
      );
  }
  // Stable ascending order: ties keep their input order, which does not change the adjusted values.
  const order = values.map((_, index) => index).sort((left, right) => values[left]! - values[right]! || left - right);
  const adjusted = new Array<number>(count);
  if (method === 'holm') {
    let runningMaximum = 0;
    for (let rank = 0; rank < count; rank++) {
      const index = order[rank]!;
      runningMaximum = Math.max(runningMaximum, Math.min(1, (count - rank) * values[index]!));
      adjusted[index] = runningMaximum;
    }
  } else {
    let runningMinimum = 1;
    for (let rank = count - 1; rank >= 0; rank--) {
      const index = order[rank]!;
      // p · (m / j) rather than m · p / j: the factor is ≥ 1, so rounding can never push the result below p.
      runningMinimum = Math.min(runningMinimum, values[index]! * (count / (rank + 1)));
      adjusted[index] = runningMinimum;
    }
  }
  return adjusted;
}

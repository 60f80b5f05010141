/** Number formatting shared by the tools, matching how the guides and the CLI print numbers. */

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An integer count with thousands separators: 240000 → "240,000". */
export function formatCount(value: number): string {
  return grouped.format(value);
}

/** A fraction as a percentage with enough digits to show it: 0.0012 → "0.12%", 0.5 → "50%". */
export function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  if (percent === 0) return '0%';
  const digits = percent >= 10 ? 1 : Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(percent))));
  return `${Number(percent.toFixed(digits)).toString()}%`;
}

/** A measure value as trec_eval prints it (four decimals). */
export function formatMeasure(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : String(value);
}

/** A p-value: four decimals, or scientific notation below 0.0001. */
export function formatPValue(value: number): string {
  return value < 1e-4 ? value.toExponential(2) : value.toFixed(4);
}

/** Bytes in gigabytes (10⁹), as memory estimates are quoted. */
export function formatGigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

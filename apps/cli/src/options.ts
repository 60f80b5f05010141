import { usageError } from './errors.js';

/** Parses a flag's value as a positive integer; "10,000" and "10_000" are accepted for readability. */
export function parsePositiveInteger(flag: string, text: string): number {
  const cleaned = text.replace(/[,_]/g, '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw usageError(`${flag} expects a positive integer, got "${text}"`);
  }
  return value;
}

/** Commander collector for a flag that may repeat (`-m a -m b`) or hold a comma list (`-m a,b`). */
export function collectList(value: string, previous: string[] | undefined): string[] {
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return [...(previous ?? []), ...items];
}

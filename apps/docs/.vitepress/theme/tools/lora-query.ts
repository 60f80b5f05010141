import type { MatrixShape } from '@benchline/lora';

/** The seed's example: a 10,000 × 20,000 weight matrix at rank 8. */
export const defaultShape: MatrixShape = { rows: 10_000, cols: 20_000, rank: 8 };

const keys = ['rows', 'cols', 'rank'] as const;

/**
 * The calculator's inputs from a URL query (`?rows=10000&cols=20000&rank=8`). A missing value takes the
 * default; a present one is kept as written (even if invalid) so the calculator can say what is wrong with it.
 */
export function readShapeFromQuery(search: string): MatrixShape {
  const query = new URLSearchParams(search);
  const read = (key: (typeof keys)[number]): number => {
    const text = query.get(key);
    return text === null || text.trim() === '' ? defaultShape[key] : Number(text);
  };
  return { rows: read('rows'), cols: read('cols'), rank: read('rank') };
}

/** The query with the calculator's inputs set, other parameters kept. */
export function writeShapeToQuery(search: string, shape: MatrixShape): string {
  const query = new URLSearchParams(search);
  for (const key of keys) {
    const value = shape[key];
    if (Number.isFinite(value)) query.set(key, String(value));
    else query.delete(key);
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

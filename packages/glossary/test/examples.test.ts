import { describe, expect, it } from 'vitest';
import { entries, templatePlaceholders, writtenDecimals } from '../src/index.js';
import type { Computation } from '../src/index.js';
import { missingSharedMessage, sharedAvailable, skipWithoutShared } from './shared.js';
import { expectedNumbers, recompute } from './verify.js';

/** A written number claims its exact value rounds to it: 0.3066 allows [0.30655, 0.30665]. */
function allowedError(expected: number, source: string): number {
  const written = 0.5 * 10 ** -writtenDecimals(expected);
  // trec_eval prints 4 decimals: its own rounding adds half a unit of the fourth decimal.
  const printed = source.includes('(4 decimals)') ? 0.5e-4 : 0;
  return written + printed + 1e-12 * Math.max(1, Math.abs(expected));
}

describe.skipIf(skipWithoutShared)('every worked example is recomputed by @benchline/metrics, @benchline/lora or a reference file', () => {
  it('has the reference folder (under CI a missing ../shared fails here instead of skipping)', () => {
    expect(sharedAvailable, missingSharedMessage).toBe(true);
  });

  for (const entry of entries) {
    const computation = entry.example.computation;
    it(`${entry.id} (${computation.kind})`, () => {
      const expected = expectedNumbers(computation);
      const recomputed = recompute(computation);
      expect(expected.size, `${entry.id}: the example claims no number`).toBeGreaterThan(0);
      for (const [key, value] of expected) {
        const sources = recomputed.get(key);
        expect(sources, `${entry.id}: nothing recomputes expect.${key}`).toBeDefined();
        for (const source of sources ?? []) {
          const error = Math.abs(source.value - value);
          expect(error, `${entry.id}: expect.${key} = ${String(value)}, but ${source.source} gives ${String(source.value)}`).toBeLessThanOrEqual(
            allowedError(value, source.source),
          );
        }
      }
    });
  }
});

describe('the examples use the packages that compute them', () => {
  it('recomputes the seed note\'s LoRA numbers with @benchline/lora: 240,000 instead of 200,000,000, 0.12%, 833.3×', () => {
    const lora = entries.find((entry) => entry.id === 'lora');
    expect(lora?.example.computation).toMatchObject({ kind: 'lora-params', input: { rows: 10_000, cols: 20_000, rank: 8 } });
    const recomputed = recompute(lora?.example.computation as Computation);
    expect(recomputed.get('lora')?.[0]).toEqual({ value: 240_000, source: '@benchline/lora matrixParameterCount' });
    expect(recomputed.get('full')?.[0]?.value).toBe(200_000_000);
  });

  it('fails on a wrong number: a measure example claiming 0.3067 where the value is 0.3066', () => {
    const wrong: Computation = {
      kind: 'measure',
      measure: 'P@3',
      queries: [{ ranking: ['a', 'b', 'c'], qrels: { a: 1 } }],
      expect: { perQuery: [0.3334], mean: 0.3334 },
    };
    const recomputed = recompute(wrong);
    const sources = recomputed.get('mean') ?? [];
    expect(sources.length).toBeGreaterThan(1);
    for (const source of sources) expect(Math.abs(source.value - 0.3334)).toBeGreaterThan(allowedError(0.3334, 'reference'));
  });

  it('throws on a malformed arithmetic expression instead of passing it', () => {
    expect(() => recompute({ kind: 'arithmetic', expressions: { x: '2 ** 3' }, expect: { x: 8 } })).toThrow(/"2 \*\* 3"/);
  });
});

describe('worked-example prose', () => {
  const numberPattern = /(?<![\p{L}@_.\d-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\p{L}@_.\d-])\d+(?:\.\d+)?(?![\d.]*-?\s?\p{L})/gu;

  /** Conventional constants that are not computed: α = 0.05, 95% intervals. */
  const conventions = new Set([0.05, 95]);

  /** Every number the data holds, inputs and expectations, as the prose may write it. */
  function numbersOf(computation: Computation): Set<number> {
    const numbers = new Set<number>();
    for (const match of JSON.stringify(computation).matchAll(/-?\d+(?:\.\d+)?/g)) numbers.add(Math.abs(Number(match[0])));
    return numbers;
  }

  for (const entry of entries) {
    it(`${entry.id}: every number written in the text comes from the computation (or is a small count)`, () => {
      const known = numbersOf(entry.example.computation);
      for (const locale of ['en', 'zh'] as const) {
        const template = entry.example.text[locale];
        expect(templatePlaceholders(template).length + (template.match(numberPattern)?.length ?? 0)).toBeGreaterThan(0);
        const prose = template.replace(/\{\{[^}]*\}\}/g, ' ');
        for (const match of prose.matchAll(numberPattern)) {
          const value = Number(match[0].replace(/,/g, ''));
          const small = (Number.isInteger(value) && value <= 20) || conventions.has(value);
          expect(small || known.has(value), `${entry.id} (${locale}): "${match[0]}" in the example text is neither a placeholder nor a number of its computation`).toBe(true);
        }
      }
    });
  }
});

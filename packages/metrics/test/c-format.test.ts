import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed } from '../src/index.js';

/** Python's % formatting rounds the exact binary value half-to-even, as glibc printf does: an independent oracle. */
function pythonPrintf(values: readonly number[], format: string): string[] {
  const script = `import sys, json\nfor v in json.load(sys.stdin):\n    print(${JSON.stringify(format)} % float(v))`;
  const output = execFileSync('python3', ['-c', script], { input: JSON.stringify(values.map((value) => (Object.is(value, -0) ? '-0.0' : String(value)))), encoding: 'utf8' });
  return output.split('\n').slice(0, values.length);
}

const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'pass']);
    return true;
  } catch {
    return false;
  }
})();

describe('formatFixed (C printf %6.4f)', () => {
  it('rounds exact ties to even like glibc, unlike toFixed', () => {
    expect(formatFixed(0.03125, 4, 6)).toBe('0.0312');
    expect((0.03125).toFixed(4)).toBe('0.0313');
    expect(formatFixed(0.09375, 4, 6)).toBe('0.0938');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(3.5, 0)).toBe('4');
  });

  it('prints negative zero, NaN and infinities as glibc does', () => {
    expect(formatFixed(-0, 4, 6)).toBe('-0.0000');
    expect(formatFixed(-0.00001, 4, 6)).toBe('-0.0000');
    expect(formatFixed(Number.NaN, 4, 6)).toBe('  -nan');
    expect(formatFixed(Number.NaN, 4, 6, true)).toBe('   nan');
    expect(formatFixed(Infinity, 4, 6)).toBe('   inf');
    expect(formatFixed(-Infinity, 4, 6)).toBe('  -inf');
  });

  it('pads to the width and never truncates', () => {
    expect(formatFixed(1, 4, 6)).toBe('1.0000');
    expect(formatFixed(-412.66666, 4, 6)).toBe('-412.6667');
    expect(formatFixed(0.1, 2, 3)).toBe('0.10');
  });

  it.skipIf(!hasPython)('agrees with C-exact rounding on random doubles and on every multiple of 1/32 (python3 as the oracle)', () => {
    const samples = fc.sample(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -4000, max: 4000 }).map((numerator) => numerator / 32), fc.integer({ min: 0, max: 100000 }).map((numerator) => numerator / 100000)), { numRuns: 3000, seed: 42 });
    const expected = pythonPrintf(samples, '%6.4f');
    const actual = samples.map((value) => formatFixed(value, 4, 6));
    const differences = samples.map((value, index) => [value, actual[index], expected[index]]).filter(([, ours, theirs]) => ours !== theirs);
    expect(differences.slice(0, 5)).toEqual([]);
  });
});

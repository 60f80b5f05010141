import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, LoraError } from '../errors.js';
import { matrixParameterCount } from './parameter-count.js';

describe('matrixParameterCount', () => {
  it("reproduces the seed note's example: 10,000 × 20,000 at r = 8", () => {
    const count = matrixParameterCount({ rows: 10_000, cols: 20_000, rank: 8 });
    expect(count.full).toBe(200_000_000);
    expect(count.lora).toBe(240_000);
    expect(count.fraction).toBeCloseTo(0.0012, 12);
    expect(count.reduction).toBeCloseTo(833.333, 3);
  });

  it('grows linearly in the rank', () => {
    const r4 = matrixParameterCount({ rows: 4096, cols: 4096, rank: 4 });
    const r16 = matrixParameterCount({ rows: 4096, cols: 4096, rank: 16 });
    expect(r16.lora).toBe(4 * r4.lora);
    expect(r16.full).toBe(r4.full);
  });

  it('rejects a zero rank, a fractional dimension and a rank above min(rows, cols)', () => {
    expect(() => matrixParameterCount({ rows: 10, cols: 20, rank: 0 })).toThrow(InvalidArgumentError);
    expect(() => matrixParameterCount({ rows: 10.5, cols: 20, rank: 1 })).toThrow('rows must be a positive integer, got 10.5');
    expect(() => matrixParameterCount({ rows: 10, cols: 20, rank: 11 })).toThrow(
      'rank must be at most min(rows, cols) = 10, got 11',
    );
    let caught: unknown;
    try {
      matrixParameterCount({ rows: 1, cols: 1, rank: -3 });
    } catch (error) {
      caught = error;
    }
    expect(LoraError.isInstance(caught)).toBe(true);
  });
});

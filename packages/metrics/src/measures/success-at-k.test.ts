import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MetricsError } from '../errors.js';
import { recallAtK, successAtK } from './success-at-k.js';

const relevant = new Set(['d3', 'd7']);

describe('successAtK', () => {
  it('is 1 when the top-ranked document is relevant', () => {
    expect(successAtK(['d3', 'd1', 'd2'], relevant, 1)).toBe(1);
  });
  it('is 0 at K = 1 when the first relevant document is at rank 2, and 1 from K = 2', () => {
    expect(successAtK(['d1', 'd7', 'd2'], relevant, 1)).toBe(0);
    expect(successAtK(['d1', 'd7', 'd2'], relevant, 2)).toBe(1);
  });
  it('gives 0 for an empty ranking and for no relevant documents', () => {
    expect(successAtK([], relevant, 10)).toBe(0);
    expect(successAtK(['d3'], new Set(), 10)).toBe(0);
  });
  it('rejects a cutoff that is not a positive integer with a typed error', () => {
    expect(() => successAtK(['d3'], relevant, 0)).toThrow(InvalidArgumentError);
    expect(() => successAtK(['d3'], relevant, 1.5)).toThrow('cutoff k must be a positive integer, got 1.5');
    try {
      successAtK(['d3'], relevant, -1);
    } catch (error) {
      expect(MetricsError.isInstance(error)).toBe(true);
    }
  });
});

describe('recallAtK', () => {
  it('counts the fraction of relevant documents retrieved, unlike success', () => {
    // One of the two relevant documents is at rank 1: success@1 = 1 but recall@1 = 0.5.
    expect(successAtK(['d3', 'd1'], relevant, 1)).toBe(1);
    expect(recallAtK(['d3', 'd1'], relevant, 1)).toBe(0.5);
    expect(recallAtK(['d3', 'd1', 'd7'], relevant, 3)).toBe(1);
  });
  it('does not count a duplicated document twice', () => {
    expect(recallAtK(['d3', 'd3'], relevant, 2)).toBe(0.5);
  });
});

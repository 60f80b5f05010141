import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../lib/html.js';
import { formatPercent, formatPValue } from './format.js';
import { readShapeFromQuery, writeShapeToQuery } from './lora-query.js';
import { playgroundInput } from './playground-model.js';
import { parseColumns } from './significance-model.js';

describe('the calculator’s URL state', () => {
  it('reads the inputs from the query and falls back to the seed example', () => {
    expect(readShapeFromQuery('?rows=4096&cols=1024&rank=16')).toEqual({ rows: 4096, cols: 1024, rank: 16 });
    expect(readShapeFromQuery('?rank=4')).toEqual({ rows: 10_000, cols: 20_000, rank: 4 });
    expect(readShapeFromQuery('')).toEqual({ rows: 10_000, cols: 20_000, rank: 8 });
  });

  it('keeps an invalid value so that the calculator can report it', () => {
    expect(readShapeFromQuery('?rows=abc').rows).toBeNaN();
  });

  it('writes the inputs and keeps other parameters', () => {
    expect(writeShapeToQuery('?theme=dark', { rows: 10, cols: 20, rank: 2 })).toBe('?theme=dark&rows=10&cols=20&rank=2');
  });
});

describe('number formatting', () => {
  it('shows small fractions with two significant digits', () => {
    expect(formatPercent(0.0012)).toBe('0.12%');
    expect(formatPercent(0.000_15)).toBe('0.015%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('writes tiny p-values in scientific notation', () => {
    expect(formatPValue(0.0312)).toBe('0.0312');
    expect(formatPValue(0.000_012_3)).toBe('1.23e-5');
  });

  it('escapes markup and Vue interpolation', () => {
    expect(escapeHtml('<b>{{ x }}</b> & "y"')).toBe('&lt;b&gt;&#123;&#123; x &#125;&#125;&lt;/b&gt; &amp; &quot;y&quot;');
  });
});

describe('the playground’s judgments and run', () => {
  it('scores documents so that the engine ranks them in the order shown, and keeps unjudged ones out of the qrels', () => {
    const { qrels, run } = playgroundInput([{ id: 'd9', grade: null }, { id: 'd1', grade: 2 }], [{ id: 'd4', grade: 1 }]);
    expect([...(qrels.get('q1') ?? [])]).toEqual([['d1', 2], ['d4', 1]]);
    expect(run.results.get('q1')).toEqual([{ docno: 'd9', score: 2 }, { docno: 'd1', score: 1 }]);
  });
});

describe('the explorer’s columns', () => {
  it('reads two or three columns, a header, comments and commas', () => {
    const columns = parseColumns('query baseline system\nq1 0.1 0.2 # first\n\nq2, 0.3, 0.25\n0.5\t0.6');
    expect(columns).toEqual({ queries: ['q1', 'q2', 'q3'], baseline: [0.1, 0.3, 0.5], system: [0.2, 0.25, 0.6] });
  });

  it('names the line and what it found when a line is not two scores', () => {
    expect(() => parseColumns('0.1 0.2\n0.3 abc')).toThrow('line 2: expected "baseline system" or "query baseline system" (numbers), found "0.3 abc"');
  });

  it('needs two queries', () => {
    expect(() => parseColumns('0.1 0.2')).toThrow('expected at least two queries');
  });
});

import { describe, expect, it } from 'vitest';
import { trecEval } from '../src/index.js';
import type { TrecEvalOptions } from '../src/index.js';

// Hand-built cases for the rules MEASURES.md marks as checked against the trec_eval binaries (✔).
const encoder = new TextEncoder();
function run(qrels: string, results: string, options: TrecEvalOptions): string {
  return trecEval({ qrels: encoder.encode(qrels), run: encoder.encode(results) }, options);
}
const line = (name: string, qid: string, value: string): string => `${name.padEnd(22)}\t${qid}\t${value}\n`;

describe('trec_eval rules (MEASURES.md ✔)', () => {
  it('takes the runid from the last line of the file, even when that topic is not judged', () => {
    const output = run('1 0 a 1\n', '1 Q0 a 1 1 first\nX Q0 b 1 1 finalRUN\n', { measures: ['runid', 'num_q'] });
    expect(output).toBe(line('runid', 'all', 'finalRUN') + line('num_q', 'all', '1'));
  });

  it('ranks by score, then document id descending, ignoring the rank column and file order', () => {
    const output = run('1 0 d 1\n1 0 D 0\n1 0 999 0\n1 0 1000 0\n', '1 Q0 D 1 5 r\n1 Q0 d 4 5 r\n1 Q0 1000 2 5 r\n1 Q0 999 3 5 r\n', { measures: ['relstring'], perQuery: true });
    // Byte order: 'd' > 'D' > '999' > '1000'.
    expect(output).toBe(line('relstring', '1', "'1000'"));
  });

  it('keeps the first -M documents after ranking, not the first lines, and misses duplicates beyond them', () => {
    const output = run('1 0 a 1\n', '1 Q0 z 1 0.1 r\n1 Q0 z 2 0.1 r\n1 Q0 a 3 9 r\n', { measures: ['num_ret', 'recip_rank'], perQuery: true, maxRetrievedPerTopic: 1 });
    expect(output).toBe(line('num_ret', '1', '1') + line('recip_rank', '1', '1.0000') + line('num_ret', 'all', '1') + line('recip_rank', 'all', '1.0000'));
  });

  it('evaluates a judged topic without relevant documents as 0 and counts it in the mean', () => {
    const output = run('1 0 a 1\n2 0 b 0\n', '1 Q0 a 1 1 r\n2 Q0 b 1 1 r\n', { measures: ['num_q', 'map', 'P.5'] });
    expect(output).toBe(line('num_q', 'all', '2') + line('map', 'all', '0.5000') + line('P_5', 'all', '0.1000'));
  });

  it('recomputes the -c summary of num_rel from the qrels lines with rel > 0, ignoring -l', () => {
    const qrels = '1 0 a 2\n1 0 b 1\n2 0 c 1\n';
    const output = run(qrels, '1 Q0 a 1 1 r\n', { measures: ['num_rel'], perQuery: true, complete: true, relevanceLevel: 2 });
    expect(output).toBe(line('num_rel', '1', '1') + line('num_rel', 'all', '3'));
  });

  it('prints -nan for interpolated precision when -J leaves no document', () => {
    const output = run('1 0 a 1\n', '1 Q0 x 1 1 r\n', { measures: ['iprec_at_recall.0', 'num_ret'], perQuery: true, judgedOnly: true, noSummary: true });
    expect(output).toBe(line('num_ret', '1', '0') + line('iprec_at_recall_0.00', '1', '  -nan'));
  });

  it('reads cutoffs with atol, sorts them, and lets the first parameter list of a measure win', () => {
    expect(run('1 0 a 1\n', '1 Q0 a 1 1 r\n', { measures: ['P.23.4,5', 'P.1'] })).toBe(line('P_5', 'all', '0.2000') + line('P_23', 'all', '0.0435'));
    expect(run('1 0 a 1\n', '1 Q0 a 1 1 r\n', { measures: ['rbp', 'rbp.p=0.5'], version: '10.0' })).toBe(line('rbp_p=0.5', 'all', '0.5000'));
  });

  it('rounds printf-style: 1/32 prints 0.0312', () => {
    const results = Array.from({ length: 32 }, (_unused, index) => `1 Q0 d${String(index).padStart(2, '0')} ${String(index)} ${String(100 - index)} r`).join('\n');
    expect(run('1 0 d31 1\n', `${results}\n`, { measures: ['recip_rank'] })).toBe(line('recip_rank', 'all', '0.0312'));
  });

  it('skips judged topics missing from the run in 9.0.8 and stops in 10.0; ignores run-only topics', () => {
    const qrels = '1 0 a 1\n2 0 b 1\n';
    const results = '1 Q0 a 1 1 r\n9 Q0 z 1 1 r\n';
    expect(run(qrels, results, { measures: ['num_q', 'map'] })).toBe(line('num_q', 'all', '1') + line('map', 'all', '1.0000'));
    expect(run(qrels, results, { measures: ['num_q', 'map'], complete: true })).toBe(line('num_q', 'all', '2') + line('map', 'all', '0.5000'));
    expect(() => run(qrels, results, { measures: ['map'], version: '10.0' })).toThrow('topic 2 is judged in qrels but has no results in the run');
  });

  it('uses raw grades for ndcg whatever -l is, and -l for binary measures', () => {
    const qrels = '1 0 a 1\n1 0 b 2\n';
    const results = '1 Q0 a 1 2 r\n1 Q0 b 2 1 r\n';
    const level1 = run(qrels, results, { measures: ['ndcg', 'P.1'] });
    const level2 = run(qrels, results, { measures: ['ndcg', 'P.1'], relevanceLevel: 2 });
    const ndcgLine = (output: string): string | undefined => output.split('\n').find((text) => text.startsWith('ndcg'));
    expect(ndcgLine(level1)).toBe(ndcgLine(level2));
    // a (grade 1) then b (grade 2): (1 + 2/log2 3) / (2 + 1/log2 3) = 0.8597.
    expect(ndcgLine(level1)).toBe(line('ndcg', 'all', '0.8597').trimEnd());
    expect(level1).toContain(line('P_1', 'all', '1.0000'));
    expect(level2).toContain(line('P_1', 'all', '0.0000'));
  });

  it('treats v10 # lines as comments and v9 # lines as data', () => {
    const results = '# a comment line\n1 Q0 a 1 1 r\n';
    expect(run('1 0 a 1\n', results, { measures: ['num_ret'], version: '10.0' })).toBe(line('num_ret', 'all', '1'));
    expect(() => run('1 0 a 1\n', results, { measures: ['num_ret'] })).toThrow('expected 6 whitespace-separated fields');
  });
});

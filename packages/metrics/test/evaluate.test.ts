import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnknownMeasureError, evaluate, formatFixed, parseMeasure, parseTrecQrels, parseTrecRun } from '../src/index.js';
import { sharedMissing, trecEvalFixtures } from './shared-reference.js';

/** trec_eval's summary lines of an expected-output file, name → printed value. */
function expectedSummary(file: string): Map<string, string> {
  return new Map(
    readFileSync(`${trecEvalFixtures}${file}`, 'utf8')
      .split('\n')
      .filter((line) => line.includes('\tall\t'))
      .map((line) => line.split('\t'))
      .map(([name = '', , value = '']) => [name.trim(), value]),
  );
}

describe('parseMeasure', () => {
  it('maps readable names onto trec_eval measures and settings', () => {
    const cases: [string, string, string][] = [
      ['nDCG@10', 'nDCG@10', '-m ndcg_cut.10'],
      ['NDCG@10', 'nDCG@10', '-m ndcg_cut.10'],
      ['P@5', 'P@5', '-m P.5'],
      ['P(rel=2)@5', 'P(rel=2)@5', '-l 2 -m P.5'],
      ['R@1000', 'R@1000', '-m recall.1000'],
      ['Recall@10', 'R@10', '-m recall.10'],
      ['AP', 'AP', '-m map'],
      ['MAP@100', 'AP@100', '-m map_cut.100'],
      ['RR', 'RR', '-m recip_rank'],
      ['MRR@10', 'RR@10', '-M 10 -m recip_rank'],
      ['Success@1', 'Success@1', '-m success.1'],
      ['Hit@1', 'Success@1', '-m success.1'],
      ['HitRate@5', 'Success@5', '-m success.5'],
      ['Rprec', 'Rprec', '-m Rprec'],
      ['Bpref', 'Bpref', '-m bpref'],
      ['nDCG(judged_only=True)@10', 'nDCG(judged_only=True)@10', '-J -m ndcg_cut.10'],
      ['RBP(p=0.8)', 'RBP(p=0.8)', '-m rbp.p=0.8'],
      ['ndcg_cut.10', 'ndcg_cut_10', '-m ndcg_cut.10'],
      ['ndcg_cut_10', 'ndcg_cut_10', '-m ndcg_cut.10'],
      ['recip_rank', 'recip_rank', '-m recip_rank'],
    ];
    for (const [input, name, flags] of cases) {
      const spec = parseMeasure(input);
      expect([spec.name, spec.trecEvalFlags]).toEqual([name, flags]);
    }
  });

  it('says R@k is TREC recall and Success@k the hit rate', () => {
    expect(parseMeasure('R@1').description).toContain('TREC recall@1');
    expect(parseMeasure('R@1').description).toContain('not Success@1');
    expect(parseMeasure('Hit@1').description).toContain('hit rate');
  });

  it('rejects what it cannot read, saying why', () => {
    expect(() => parseMeasure('nDCG@ten')).toThrow(UnknownMeasureError);
    expect(() => parseMeasure('Foo@10')).toThrow('unknown measure "Foo"');
    expect(() => parseMeasure('P')).toThrow('give one cutoff, e.g. P.10');
    expect(() => parseMeasure('Success')).toThrow('Success needs a cutoff, e.g. Success@10');
    expect(() => parseMeasure('Bpref@10')).toThrow('Bpref takes no @cutoff');
    expect(() => parseMeasure('P(gain=2)@5')).toThrow('parameter "gain=2" is not supported');
    expect(() => parseMeasure('P.5,10')).toThrow('give one cutoff per measure');
  });
});

describe.skipIf(sharedMissing)('evaluate() gives trec_eval’s numbers (fixtures)', () => {
  it('matches out.test.a and out.test.meas_params for readable and trec_eval names', () => {
    const qrels = parseTrecQrels(readFileSync(`${trecEvalFixtures}qrels.test`));
    const run = parseTrecRun(readFileSync(`${trecEvalFixtures}results.test`));
    const measures = ['AP', 'Rprec', 'Bpref', 'RR', 'P@5', 'P@1000', 'R@1000', 'nDCG', 'nDCG@10', 'AP@100', 'Success@10', 'infAP', 'IPrec@0.1', 'SetF', 'NumRet', 'NumRelRet', 'NumQ', 'ndcg_rel', 'gm_map'];
    const result = evaluate(qrels, run, measures, { version: '10.0' });
    const expected = expectedSummary('out.test.a');
    const trecNames: Record<string, string> = { AP: 'map', Rprec: 'Rprec', Bpref: 'bpref', RR: 'recip_rank', 'P@5': 'P_5', 'P@1000': 'P_1000', 'R@1000': 'recall_1000', nDCG: 'ndcg', 'nDCG@10': 'ndcg_cut_10', 'AP@100': 'map_cut_100', 'Success@10': 'success_10', infAP: 'infAP', 'IPrec@0.1': 'iprec_at_recall_0.10', SetF: 'set_F', NumRet: 'num_ret', NumRelRet: 'num_rel_ret', NumQ: 'num_q', ndcg_rel: 'ndcg_rel', gm_map: 'gm_map' };
    for (const [name, trecName] of Object.entries(trecNames)) {
      const value = result.aggregate[name] as number;
      const printed = Number.isInteger(value) && ['NumRet', 'NumRelRet', 'NumQ'].includes(name) ? String(value) : formatFixed(value, 4);
      expect([name, printed]).toEqual([name, expected.get(trecName)]);
    }
  });

  it('reproduces the per-query values of out.test.aq', () => {
    const qrels = parseTrecQrels(readFileSync(`${trecEvalFixtures}qrels.test`));
    const run = parseTrecRun(readFileSync(`${trecEvalFixtures}results.test`));
    const result = evaluate(qrels, run, ['recip_rank', 'P@10'], { version: '10.0' });
    const lines = readFileSync(`${trecEvalFixtures}out.test.aq`, 'utf8').split('\n');
    for (const qid of ['301', '302', '303']) {
      expect(lines).toContain(`recip_rank            \t${qid}\t${formatFixed(result.perQuery[qid]?.['recip_rank'] as number, 4, 6)}`);
      expect(lines).toContain(`P_10                  \t${qid}\t${formatFixed(result.perQuery[qid]?.['P@10'] as number, 4, 6)}`);
    }
  });

  it('counts judged queries without results as 0 with missingQueries "zero", like trec_eval -c (out.test.aqc)', () => {
    const qrels = parseTrecQrels(readFileSync(`${trecEvalFixtures}qrels.test`));
    const run = parseTrecRun(readFileSync(`${trecEvalFixtures}results.trunc`));
    const expected = expectedSummary('out.test.aqc');
    const skipped = evaluate(qrels, run, ['AP', 'P@10']);
    expect(skipped.judgedWithoutResults).toEqual(['302']);
    expect(skipped.queryCount).toBe(2);
    const zero = evaluate(qrels, run, ['AP', 'P@10'], { missingQueries: 'zero' });
    expect(zero.queryCount).toBe(3);
    expect(formatFixed(zero.aggregate['AP'] as number, 4)).toBe(expected.get('map'));
    expect(formatFixed(zero.aggregate['P@10'] as number, 4)).toBe(expected.get('P_10'));
    expect(zero.perQuery['302']?.['AP']).toBe(0);
  });
});

describe('evaluate() degenerate cases', () => {
  const qrels = new Map([
    ['q1', new Map([['d1', 1], ['d2', 0]])],
    ['q2', new Map([['d3', 0]])],
    ['q3', new Map([['d4', 2]])],
  ]);

  it('evaluates a query with no relevant document as 0 and keeps it in the mean', () => {
    const run = { name: 'r', results: new Map([['q1', [{ docno: 'd1', score: 1 }]], ['q2', [{ docno: 'd3', score: 1 }]]]) };
    const result = evaluate(qrels, run, ['AP', 'RR']);
    expect(result.perQuery['q2']).toEqual({ AP: 0, RR: 0 });
    expect(result.aggregate['AP']).toBe(0.5);
  });

  it('skips an empty ranking (listed), or counts it as 0', () => {
    const run = { name: 'r', results: new Map([['q1', [{ docno: 'd1', score: 1 }]], ['q3', []], ['q9', [{ docno: 'x', score: 1 }]]]) };
    const result = evaluate(qrels, run, ['AP']);
    expect(result.queries).toEqual(['q1']);
    expect(result.judgedWithoutResults).toEqual(['q2', 'q3']);
    expect(result.resultsWithoutJudgments).toEqual(['q9']);
    expect(evaluate(qrels, run, ['AP'], { missingQueries: 'zero' }).aggregate['AP']).toBeCloseTo(1 / 3, 15);
  });

  it('rejects a duplicate document, a NaN score and a fractional grade', () => {
    const duplicate = { name: 'r', results: new Map([['q1', [{ docno: 'd1', score: 1 }, { docno: 'd1', score: 0 }]]]) };
    expect(() => evaluate(qrels, duplicate, ['AP'])).toThrow(InvalidArgumentError);
    expect(() => evaluate(qrels, duplicate, ['AP'])).toThrow('query q1: document d1 is ranked twice');
    const nan = { name: 'r', results: new Map([['q1', [{ docno: 'd1', score: Number.NaN }]]]) };
    expect(() => evaluate(qrels, nan, ['AP'])).toThrow('the score is NaN');
    expect(() => evaluate(new Map([['q1', new Map([['d1', 0.5]])]]), nan, ['AP'])).toThrow('relevance must be an integer');
  });

  it('ranks by score, ties by document id descending, never by list order', () => {
    const run = { name: 'r', results: new Map([['q1', [{ docno: 'd1', score: 1 }, { docno: 'd2', score: 1 }]]]) };
    // d2 > d1, so d2 (not relevant) is first: RR = 1/2.
    expect(evaluate(qrels, run, ['RR']).perQuery['q1']?.['RR']).toBe(0.5);
  });
});

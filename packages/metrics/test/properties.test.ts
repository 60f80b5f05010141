import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, trecEval } from '../src/index.js';
import type { Qrels, Run, ScoredDocument, TrecEvalError } from '../src/index.js';

const encoder = new TextEncoder();
const documentIds = ['a', 'B', 'b', 'd10', 'd9', 'd1', 'Z', 'zz', 'doc-1', 'doc-2', '999', '1000', 'é', 'x#1'];

interface Scenario {
  readonly qrels: Qrels;
  readonly run: Run;
}

/** Random judgments (grades -1..3) and a random run over a small id set, with many tied scores. */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    judged: fc.array(fc.record({ topic: fc.constantFrom('q1', 'q2', 'q10'), docno: fc.constantFrom(...documentIds), grade: fc.integer({ min: -1, max: 3 }) }), { minLength: 1, maxLength: 30 }),
    retrieved: fc.array(fc.record({ topic: fc.constantFrom('q1', 'q2', 'q10', 'q3'), docno: fc.constantFrom(...documentIds), score: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.double({ min: -5, max: 5, noNaN: true })) }), { minLength: 1, maxLength: 40 }),
  })
  .map(({ judged, retrieved }) => {
    const qrels = new Map<string, Map<string, number>>();
    for (const { topic, docno, grade } of judged) qrels.set(topic, (qrels.get(topic) ?? new Map<string, number>()).set(docno, grade));
    const results = new Map<string, ScoredDocument[]>();
    const seen = new Set<string>();
    for (const { topic, docno, score } of retrieved) {
      if (seen.has(`${topic} ${docno}`)) continue;
      seen.add(`${topic} ${docno}`);
      results.set(topic, [...(results.get(topic) ?? []), { docno, score }]);
    }
    return { qrels, run: { name: 'r', results } };
  });

function runLines(run: Run): string[] {
  const lines: string[] = [];
  for (const [qid, documents] of run.results) documents.forEach((document, index) => lines.push(`${qid} Q0 ${document.docno} ${String(index)} ${String(document.score)} r`));
  return lines;
}

function qrelsText(qrels: Qrels): string {
  const lines: string[] = [];
  for (const [qid, judgments] of qrels) for (const [docno, grade] of judgments) lines.push(`${qid} 0 ${docno} ${String(grade)}`);
  return `${lines.join('\n')}\n`;
}

const fractionMeasures = ['AP', 'AP@5', 'P@1', 'P@5', 'R@1', 'R@10', 'nDCG', 'nDCG@5', 'RR', 'RR@3', 'Success@1', 'Success@5', 'Bpref', 'Rprec', 'infAP', 'Judged@5', 'IPrec@0.5', 'SetP', 'SetR', 'SetF', 'P(rel=2)@5', 'nDCG(judged_only=True)@5'];

describe('properties of the engine (fast-check)', () => {
  it('keeps every fraction measure within [0, 1] for every query, in both versions', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('9.0.8', '10.0' as const), ({ qrels, run }, version) => {
        const result = evaluate(qrels, run, fractionMeasures, { version });
        for (const qid of result.queries) {
          for (const name of fractionMeasures.map((measure) => result.measures[fractionMeasures.indexOf(measure)]?.name ?? measure)) {
            const value = result.perQuery[qid]?.[name] as number;
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('is monotone in K: R@k, Success@k, AP@k and k·P@k never decrease as k grows; Success@k ≥ R@k', () => {
    const cutoffs = [1, 2, 3, 5, 8, 13, 21];
    const names = cutoffs.flatMap((k) => [`R@${String(k)}`, `Success@${String(k)}`, `AP@${String(k)}`, `P@${String(k)}`]);
    fc.assert(
      fc.property(scenario, ({ qrels, run }) => {
        const result = evaluate(qrels, run, names);
        for (const qid of result.queries) {
          const value = (name: string): number => result.perQuery[qid]?.[name] as number;
          cutoffs.forEach((k, index) => {
            expect(value(`Success@${String(k)}`)).toBeGreaterThanOrEqual(value(`R@${String(k)}`));
            if (index === 0) return;
            const previous = cutoffs[index - 1] as number;
            for (const family of ['R', 'Success', 'AP']) expect(value(`${family}@${String(k)}`)).toBeGreaterThanOrEqual(value(`${family}@${String(previous)}`) - 1e-12);
            expect(k * value(`P@${String(k)}`)).toBeGreaterThanOrEqual(previous * value(`P@${String(previous)}`) - 1e-9);
          });
        }
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('does not depend on the order of the run lines (trec_eval -q -m all_trec, byte for byte)', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), fc.constantFrom('9.0.8', '10.0' as const), ({ qrels, run }, seed, version) => {
        const lines = runLines(run);
        const shuffled = fc.sample(fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }), { numRuns: 1, seed })[0] as string[];
        const options = { measures: ['all_trec'], perQuery: true, complete: true, version };
        const outcome = (runText: string): string => {
          try {
            return trecEval({ qrels: encoder.encode(qrelsText(qrels)), run: encoder.encode(runText) }, options);
          } catch (error) {
            return `error ${String((error as TrecEvalError).exitCode)}: ${(error as TrecEvalError).trecEvalMessage}`;
          }
        };
        expect(outcome(`${shuffled.join('\n')}\n`)).toBe(outcome(`${lines.join('\n')}\n`));
      }),
      { numRuns: 100, seed: 13 },
    );
  });

  it('breaks ties by document id descending in byte order (relstring of an all-tied run)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...documentIds), { minLength: 1, maxLength: documentIds.length }), fc.func(fc.integer({ min: 0, max: 9 })), (docnos, grade) => {
        const qrels = docnos.map((docno) => `q 0 ${docno} ${String(grade(docno))}`).join('\n');
        const run = docnos.map((docno, index) => `q Q0 ${docno} ${String(index)} 1.5 r`).join('\n');
        const output = trecEval({ qrels: encoder.encode(`${qrels}\n`), run: encoder.encode(`${run}\n`) }, { measures: ['relstring.30'], perQuery: true });
        const bytes = (text: string): number[] => [...encoder.encode(text)];
        const descending = [...docnos].sort((left, right) => {
          const a = bytes(right);
          const b = bytes(left);
          for (let index = 0; index < Math.min(a.length, b.length); index++) if (a[index] !== b[index]) return (a[index] as number) - (b[index] as number);
          return a.length - b.length;
        });
        expect(output).toBe(`relstring_30          \tq\t'${descending.map((docno) => String(grade(docno))).join('')}'\n`);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('9.0.8 ties scores equal in float32, 10.0 orders them as doubles', () => {
    fc.assert(
      fc.property(fc.float({ min: 1, max: 1000, noNaN: true }), (base) => {
        const low = Math.fround(base);
        // The next double above a float32 value rounds back to it: a tie in 9.0.8, not in 10.0.
        const high = low + low * 2 ** -40;
        fc.pre(Math.fround(high) === low && high > low);
        const qrels = encoder.encode('q 0 a 1\nq 0 b 0\n');
        const run = encoder.encode(`q Q0 a 1 ${String(high)} r\nq Q0 b 2 ${String(low)} r\n`);
        // Tie → docno descending puts b (not relevant) first; by double value a (relevant) is first.
        expect(trecEval({ qrels, run }, { measures: ['relstring'], perQuery: true, version: '9.0.8' })).toBe("relstring             \tq\t'01'\n");
        expect(trecEval({ qrels, run }, { measures: ['relstring'], perQuery: true, version: '10.0' })).toBe("relstring             \tq\t'10'\n");
      }),
      { numRuns: 100, seed: 19 },
    );
  });

  it('R@k equals Success@k when every query has exactly one relevant document', () => {
    fc.assert(
      fc.property(scenario, ({ run }) => {
        const qrels = new Map([...run.results.keys()].map((qid) => [qid, new Map([[documentIds[qid.length % documentIds.length] as string, 1]])]));
        const result = evaluate(qrels, run, ['R@1', 'Success@1', 'R@5', 'Success@5']);
        for (const qid of result.queries) {
          expect(result.perQuery[qid]?.['R@1']).toBe(result.perQuery[qid]?.['Success@1']);
          expect(result.perQuery[qid]?.['R@5']).toBe(result.perQuery[qid]?.['Success@5']);
        }
      }),
      { numRuns: 100, seed: 23 },
    );
  });
});

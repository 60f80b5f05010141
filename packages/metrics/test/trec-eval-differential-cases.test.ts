import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrecEvalError, evaluate, parseTrecEvalArguments, parseTrecQrels, parseTrecRun, trecEval } from '../src/index.js';
import type { TrecEvalVersion } from '../src/index.js';
import { trecEvalFiles } from '../src/node/index.js';

// One small case per class of discrepancy the differential tester (scripts/differential-trec-eval.mjs) found
// between benchline and trec_eval. Every expected output below was printed by trec_eval 9.0.8 or 10.0 built from
// source (the binaries the tester compares against) on exactly these inputs and flags, and pasted here.

interface Outcome {
  readonly stdout: string;
  readonly exitCode: number;
  readonly stderr: string;
}

const encoder = new TextEncoder();

/** trecEval() on strings, with trec_eval's own command-line flags. */
function run(qrels: string, results: string, flags: string, version: TrecEvalVersion = '9.0.8'): Outcome {
  try {
    const parsed = parseTrecEvalArguments([...flags.split(' ').filter((flag) => flag !== ''), 'qrels', 'run'], { version });
    return { stdout: trecEval({ qrels: encoder.encode(qrels), run: encoder.encode(results) }, parsed.options), exitCode: 0, stderr: '' };
  } catch (error) {
    if (!(error instanceof TrecEvalError)) throw error;
    return { stdout: error.partialOutput, exitCode: error.exitCode, stderr: error.trecEvalMessage };
  }
}

const folder = mkdtempSync(join(tmpdir(), 'benchline-differential-cases-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** trecEvalFiles() (the streaming reader) on files, with trec_eval's command line. */
async function runFiles(qrels: string, results: string, flags: string, setup: { version?: TrecEvalVersion; files?: { qrels?: string; run?: string } } = {}): Promise<Outcome> {
  const version = setup.version ?? '9.0.8';
  const files = setup.files ?? {};
  const qrelsPath = files.qrels ?? join(folder, 'qrels');
  const runPath = files.run ?? join(folder, 'run');
  if (files.qrels === undefined) writeFileSync(qrelsPath, qrels);
  if (files.run === undefined) writeFileSync(runPath, results);
  const chunks: string[] = [];
  try {
    const parsed = parseTrecEvalArguments([...flags.split(' ').filter((flag) => flag !== ''), qrelsPath, runPath], { version });
    // Tiny chunks: lines and topics straddle chunk boundaries.
    await trecEvalFiles({ qrelsPath, runPath }, parsed.options, (text) => chunks.push(text), { chunkBytes: 7 });
    return { stdout: chunks.join(''), exitCode: 0, stderr: '' };
  } catch (error) {
    if (!(error instanceof TrecEvalError)) throw error;
    return { stdout: chunks.join('') + error.partialOutput, exitCode: error.exitCode, stderr: error.trecEvalMessage };
  }
}

const line = (name: string, qid: string, value: string): string => `${name.padEnd(22)}\t${qid}\t${value}\n`;

describe('trec_eval behaviour found by differential testing (expected outputs from the trec_eval binaries)', () => {
  it('accepts a run whose topics are not on consecutive lines: trec_eval sorts every line first', async () => {
    const qrels = '1 0 a 1\n1 0 d 1\n2 0 b 1\n2 0 c 0\n';
    const results = '2 Q0 c 1 0.9 r\n1 Q0 a 1 0.3 r\n2 Q0 b 2 0.8 r\n1 Q0 c 2 0.5 r\n2 Q0 x 3 0.1 r\n1 Q0 d 3 0.6 r\n';
    // trec_eval 9.0.8 and 10.0: -q -m map -m recip_rank -m relstring
    const expected =
      line('map', '1', '0.8333') +
      line('recip_rank', '1', '1.0000') +
      line('relstring', '1', "'1-1'") +
      line('map', '2', '0.5000') +
      line('recip_rank', '2', '0.5000') +
      line('relstring', '2', "'01-'") +
      line('map', 'all', '0.6667') +
      line('recip_rank', 'all', '0.7500');
    for (const version of ['9.0.8', '10.0'] as const) {
      expect(run(qrels, results, '-q -m map -m recip_rank -m relstring', version)).toEqual({ stdout: expected, exitCode: 0, stderr: '' });
      expect(await runFiles(qrels, results, '-q -m map -m recip_rank -m relstring', { version })).toEqual({ stdout: expected, exitCode: 0, stderr: '' });
    }
    // evaluate() reads the same lines through parseTrecRun: the same numbers.
    const evaluation = evaluate(parseTrecQrels(qrels), parseTrecRun(results), ['AP', 'RR']);
    expect(evaluation.perQuery['1']).toEqual({ AP: (1 + 2 / 3) / 2, RR: 1 });
    expect(evaluation.perQuery['2']).toEqual({ AP: 0.5, RR: 0.5 });
  });

  it('orders NaN scores as glibc’s merge sort does with trec_eval’s comparator', () => {
    const qrels = '1 0 a 1\n1 0 d 1\n1 0 g 1\n2 0 b 1\n';
    const results =
      '1 Q0 b 1 nan r\n1 Q0 a 2 1 r\n1 Q0 c 3 2 r\n1 Q0 d 4 nan r\n1 Q0 e 5 0.5 r\n1 Q0 f 6 NaN r\n1 Q0 g 7 3 r\n1 Q0 h 8 -nan r\n1 Q0 i 9 1 r\n' +
      '2 Q0 a 1 nan r\n2 Q0 b 2 nan r\n2 Q0 c 3 nan r\n';
    // trec_eval 9.0.8 and 10.0: -q -m map -m recip_rank -m relstring
    const expected =
      line('map', '1', '0.5556') +
      line('recip_rank', '1', '1.0000') +
      line('relstring', '1', "'1----1--1'") +
      line('map', '2', '0.5000') +
      line('recip_rank', '2', '0.5000') +
      line('relstring', '2', "'-1-'") +
      line('map', 'all', '0.5278') +
      line('recip_rank', 'all', '0.7500');
    for (const version of ['9.0.8', '10.0'] as const) expect(run(qrels, results, '-q -m map -m recip_rank -m relstring', version).stdout).toBe(expected);
    // The smallest case of the tester: trec_eval 9.0.8 and 10.0, -q -m map -m recip_rank.
    const small = run('1 0 a 1\n1 0 d 1\n', '1 Q0 b 1 nan r\n1 Q0 a 2 1 r\n1 Q0 c 3 2 r\n1 Q0 d 4 nan r\n1 Q0 e 5 0.5 r\n', '-q -m map -m recip_rank');
    expect(small.stdout).toBe(line('map', '1', '0.3667') + line('recip_rank', '1', '0.3333') + line('map', 'all', '0.3667') + line('recip_rank', 'all', '0.3333'));
  });

  it('computes yaap, which is in no measure set', () => {
    const qrels = '1 0 a 1\n1 0 b 1\n1 0 c 0\n2 0 d 1\n3 0 e 0\n';
    const results = '1 Q0 x 1 3 r\n1 Q0 a 2 2 r\n1 Q0 b 3 1 r\n2 Q0 d 1 1 r\n3 Q0 e 1 1 r\n';
    // trec_eval 9.0.8: -q -m yaap -m map (yaap is printed after map: trec_eval's measure order).
    expect(run(qrels, results, '-q -m yaap -m map').stdout).toBe(
      line('map', '1', '0.5833') +
        line('yaap', '1', '0.1671') +
        line('map', '2', '1.0000') +
        line('yaap', '2', '0.6931') +
        line('map', '3', '0.0000') +
        line('yaap', '3', '0.0000') +
        line('map', 'all', '0.5278') +
        line('yaap', 'all', '0.2867'),
    );
    // trec_eval 10.0: -q -m yaap
    expect(run(qrels, results, '-q -m yaap', '10.0').stdout).toBe(line('yaap', '1', '0.1671') + line('yaap', '2', '0.6931') + line('yaap', '3', '0.0000') + line('yaap', 'all', '0.2867'));
  });

  it('finds duplicate documents only when a measure builds the ranking (never for runid and num_q)', () => {
    const duplicateRun = '1 Q0 a 1 1 r\n1 Q0 a 2 0.5 r\n';
    // trec_eval 9.0.8: -m runid; trec_eval 10.0: -m num_q -m runid
    expect(run('1 0 a 1\n', duplicateRun, '-m runid')).toEqual({ stdout: line('runid', 'all', 'r'), exitCode: 0, stderr: '' });
    expect(run('1 0 a 1\n', duplicateRun, '-m num_q -m runid', '10.0')).toEqual({ stdout: line('runid', 'all', 'r') + line('num_q', 'all', '1'), exitCode: 0, stderr: '' });
    // trec_eval 9.0.8: -m num_q -m map (the run's duplicate is printed without a newline).
    expect(run('1 0 a 1\n', duplicateRun, '-m num_q -m map')).toEqual({ stdout: '', exitCode: 4, stderr: "trec_eval.form_res_qrels: duplicate docs atrec_eval: Can't calculate measure 'map'\n" });
    // trec_eval 9.0.8: -m num_q with a document judged twice; trec_eval 10.0: -m num_q -m P.5
    expect(run('1 0 a 1\n1 0 a 0\n', '1 Q0 a 1 1 r\n', '-m num_q')).toEqual({ stdout: line('num_q', 'all', '1'), exitCode: 0, stderr: '' });
    expect(run('1 0 a 1\n1 0 a 0\n', '1 Q0 a 1 1 r\n', '-m num_q -m P.5', '10.0')).toEqual({ stdout: '', exitCode: 4, stderr: "trec_eval.form_res_rels: duplicate docs a\ntrec_eval: Can't calculate measure 'P'\n" });
  });

  it('stops on a duplicate judgment of a judged topic missing from the run under -c (10.0), naming it in UTF-8', () => {
    const qrels = '1 0 a 1\nä 0 b 1\nä 0 b 0\n';
    // trec_eval 10.0: -c -q -m map (topic 1 is printed before the error).
    const outcome = run(qrels, '1 Q0 a 1 1 r\n', '-c -q -m map', '10.0');
    expect(outcome).toEqual({ stdout: line('map', '1', '1.0000'), exitCode: 4, stderr: "trec_eval.form_res_rels: duplicate docs b\ntrec_eval: Can't calculate measure 'map'\n" });
    // trec_eval 9.0.8: -c -m map (9.0.8 never evaluates a topic missing from the run).
    expect(run(qrels, '1 Q0 a 1 1 r\n', '-c -m map').stdout).toBe(line('map', 'all', '0.5000'));
    let message = '';
    try {
      trecEval({ qrels: encoder.encode(qrels), run: encoder.encode('1 Q0 a 1 1 r\n') }, { version: '10.0', complete: true, measures: ['map'] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('document b appears twice for topic ä in qrels');
  });

  it('checks -m before opening any file, as trec_eval does while reading its options', async () => {
    const missing = { qrels: join(folder, 'no-such-qrels'), run: join(folder, 'no-such-run') };
    // trec_eval 9.0.8: -m rbp_resid (a 10.0 measure); trec_eval 10.0: -m map. (empty parameter list)
    expect(await runFiles('', '', '-m rbp_resid', { files: missing })).toEqual({ stdout: '', exitCode: 1, stderr: "trec_eval: illegal measure 'rbp_resid'\n" });
    expect(await runFiles('', '', '-m map.', { version: '10.0', files: missing })).toEqual({ stdout: '', exitCode: 1, stderr: "trec_eval: improper measure in parameter 'map'\ntrec_eval: illegal measure 'map'\n" });
    // trec_eval 9.0.8: -m P.0 with an empty run: a bad cutoff is found after the files are read.
    expect(await runFiles('1 0 a 1\n', '', '-m P.0')).toEqual({ stdout: '', exitCode: 2, stderr: `trec_eval.get_results: Cannot read results file '${join(folder, 'run')}'\ntrec_eval: Quit in file '${join(folder, 'run')}'\n` });
  });

  it('checks utility’s coefficient count only when it computes utility, after reading the files', () => {
    // trec_eval 9.0.8: -m utility.1,2 with a malformed run line; then with a good run (9.0.8, and 10.0 with map).
    expect(run('1 0 a 1\n', '1 Q0 a\n', '-m utility.1,2')).toEqual({ stdout: '', exitCode: 2, stderr: "trec_eval.get_results: Malformed line 1\ntrec_eval: Quit in file 'run'\n" });
    const stopped = { stdout: '', exitCode: 4, stderr: "trec_eval.calc_utility: improper number of coefficients\ntrec_eval: Can't calculate measure 'utility'\n" };
    expect(run('1 0 a 1\n', '1 Q0 a 1 1 r\n', '-m utility.1,2')).toEqual(stopped);
    expect(run('1 0 a 1\n', '1 Q0 a 1 1 r\n', '-m utility.1,2 -m map', '10.0')).toEqual(stopped);
  });

  it('reads rbp and rbp_resid parameters (10.0), and evaluate() gives trec_eval’s RBP(p=…)', () => {
    const qrels = '1 0 a 1\n1 0 b 2\n2 0 c 1\n';
    const results = '1 Q0 x 1 3 r\n1 Q0 a 2 2 r\n1 Q0 b 3 1 r\n1 Q0 y 4 0.5 r\n2 Q0 z 1 2 r\n2 Q0 c 2 1 r\n';
    // trec_eval 10.0: -q -m rbp.p=0.8 -m rbp_resid.p=0.8 -m rbp_resid (the first parameter list of a measure wins).
    expect(run(qrels, results, '-q -m rbp.p=0.8 -m rbp_resid.p=0.8 -m rbp_resid', '10.0').stdout).toBe(
      line('rbp_p=0.8', '1', '0.2080') +
        line('rbp_resid_p=0.8', '1', '0.7120') +
        line('rbp_p=0.8', '2', '0.1600') +
        line('rbp_resid_p=0.8', '2', '0.8400') +
        line('rbp_p=0.8', 'all', '0.1840') +
        line('rbp_resid_p=0.8', 'all', '0.7760'),
    );
    // evaluate() matches 9.0.8 by default, but rbp exists only in 10.0: its p is a parameter, not a gain level.
    const evaluation = evaluate(parseTrecQrels(qrels), parseTrecRun(results), ['RBP(p=0.8)']);
    expect(evaluation.aggregate['RBP(p=0.8)']?.toFixed(4)).toBe('0.1840');
    expect(evaluation.perQuery['1']?.['RBP(p=0.8)']?.toFixed(4)).toBe('0.2080');
    expect(evaluation.perQuery['2']?.['RBP(p=0.8)']?.toFixed(4)).toBe('0.1600');
  });

  it('clears only the measure named exactly relstring in the -c block of a topic missing from the run (10.0)', () => {
    // trec_eval 10.0: -c -q -m relstring.3 -m relstring -m num_ret (relstring.3 comes first, so the name is relstring_3).
    expect(run('1 0 a 1\n2 0 b 1\n', '1 Q0 a 1 1 r\n', '-c -q -m relstring.3 -m relstring -m num_ret', '10.0').stdout).toBe(
      line('num_ret', '1', '1') + line('relstring_3', '1', "'1'") + line('num_ret', '2', '0') + line('relstring_3', '2', "'-'") + line('num_ret', 'all', '1'),
    );
  });

  it('clears the -c block of a missing topic whose judgments are all negative after computing it (10.0)', () => {
    // trec_eval 10.0: -c -q -m num_ret -m map -m relstring (topic z9 has only a negative judgment and no results).
    expect(run('z9 0 m-1 -1\n1 Q0 d2 3\n', '1 Q0 x-1 5 nan finalRUN trailing-field\n', '-c -q -m num_ret -m map -m relstring', '10.0').stdout).toBe(
      line('num_ret', '1', '1') + line('map', '1', '0.0000') + line('relstring', '1', "'-'") + line('num_ret', 'z9', '0') + line('map', 'z9', '0.0000') + line('relstring', 'z9', "''") + line('num_ret', 'all', '1') + line('map', 'all', '0.0000'),
    );
  });

  it('reports a duplicate document before utility’s coefficient count: the ranking is built first', () => {
    // trec_eval 9.0.8: -mutility.1,2
    expect(run('301 0 DOC 3\n', '301 Q0 DOC 1 7 RUN-b\n301\t0\tDOC\t4\t7\tRUN-b\n', '-mutility.1,2')).toEqual({ stdout: '', exitCode: 4, stderr: "trec_eval.form_res_qrels: duplicate docs DOCtrec_eval: Can't calculate measure 'utility'\n" });
  });

  it('rounds log and exp as glibc does: gm_map of one topic with average precision 11/32', () => {
    const qrels = 'ä 1 d100 1\nä Q0 x 0\nä 1 m-1 0\nä Q0 d10 1\nä Q0 e1 0\nä  Q0  99  0\nä \t 1 \t 0999 \t 1\nä 0 DOC 0\nä  0  é1  1\n';
    const results = 'ä\t0\tx\t1\tInfinity\trun\nä Q0 m-1 24 0 finalRUN\nä\tQ0\td10\t3\t-4\tr#1\nä 0 e1 4 9 RUN-b\nä 0 99 5 16777217 r\nä\t0\t0999\t6\t1e400\tr#1\nä q0 DOC 8 20 finalRUN\nä Q0 é1 10 28 r\n';
    // trec_eval 9.0.8: -q -m map -m gm_map (exp(log(0.34375)) is 0.34374999999999994 in glibc, 0.34375000000000006 in V8).
    expect(run(qrels, results, '-q -m map -m gm_map').stdout).toBe(line('map', 'ä', '0.3438') + line('map', 'all', '0.3438') + line('gm_map', 'all', '0.3437'));
  });

  it('sorts cutoffs with trec_eval’s overflowing comparator', () => {
    // trec_eval 9.0.8: -m P.3000000000,1 (3000000000 − 1 overflows int: 3000000000 sorts first).
    expect(run('1 0 a 1\n', '1 Q0 a 1 1 r\n1 Q0 b 2 0.5 r\n', '-m P.3000000000,1').stdout).toBe(line('P_3000000000', 'all', '0.0000') + line('P_1', 'all', '1.0000'));
  });
});

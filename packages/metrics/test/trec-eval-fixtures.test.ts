import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TrecEvalError, parseTrecEvalArguments, trecEval } from '../src/index.js';
import type { TrecEvalVersion } from '../src/index.js';
import { trecEvalFiles } from '../src/node/index.js';
import { sharedMissing, trecEvalFixtures } from './shared-reference.js';

interface FixtureCase {
  readonly expected: string;
  readonly commandLine: string;
  readonly versions: readonly TrecEvalVersion[];
}

/** Rows of FIXTURES.md's table: expected output, the exact trec_eval command line, and whether it is 10.0 only. */
function fixtureCases(): FixtureCase[] {
  const table = readFileSync(`${trecEvalFixtures}FIXTURES.md`, 'utf8');
  const cases: FixtureCase[] = [];
  for (const line of table.split('\n')) {
    const match = /^\| `([^`]+)`(?: \(again\))? \| `([^`]+)` \|(.*)\|$/.exec(line);
    if (match === null) continue;
    const [, expected = '', commandLine = '', notes = ''] = match;
    cases.push({ expected, commandLine, versions: notes.includes('v10 only') ? ['10.0'] : ['9.0.8', '10.0'] });
  }
  // extra/: outputs of the two stock builds on the files upstream added with the iprec_at_recall rounding change.
  cases.push({ expected: 'extra/out.302.aq.v10', commandLine: '-q -m all_trec qrels-302.test results-302.test', versions: ['10.0'] });
  cases.push({ expected: 'extra/out.302.aq.v9.0.8', commandLine: '-q -m all_trec qrels-302.test results-302.test', versions: ['9.0.8'] });
  return cases;
}

/** A file for a version: v9.0.8/ holds the expected outputs and zscores that changed between the versions. */
function versionedPath(name: string, version: TrecEvalVersion): string {
  const older = `${trecEvalFixtures}v9.0.8/${name}`;
  return version === '9.0.8' && existsSync(older) ? older : `${trecEvalFixtures}${name}`;
}

describe.skipIf(sharedMissing)('trec_eval fixtures, byte for byte (table from FIXTURES.md)', () => {
  const cases = sharedMissing ? [] : fixtureCases();

  it('reads every row of the FIXTURES.md table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(17);
  });

  for (const fixture of cases) {
    for (const version of fixture.versions) {
      const expectedPath = fixture.expected.startsWith('extra/') ? `${trecEvalFixtures}${fixture.expected}` : versionedPath(fixture.expected, version);
      it(`${version}: trec_eval ${fixture.commandLine} = ${fixture.expected}`, async () => {
        const parsed = parseTrecEvalArguments(fixture.commandLine.split(' '), { version });
        const zscores = parsed.zscoresPath === undefined ? undefined : versionedPath(parsed.zscoresPath, version);
        const chunks: string[] = [];
        await trecEvalFiles({ qrelsPath: parsed.qrelsPath, runPath: parsed.runPath, zscoresPath: zscores }, parsed.options, (text) => chunks.push(text), { cwd: trecEvalFixtures });
        expect(chunks.join('')).toBe(readFileSync(expectedPath, 'utf8'));
      });
    }
  }

  it('gives the same output when the run arrives in small chunks that split lines anywhere', async () => {
    const parsed = parseTrecEvalArguments(['-q', '-m', 'all_trec', 'qrels.test', 'results.test'], { version: '10.0' });
    const chunks: string[] = [];
    await trecEvalFiles({ qrelsPath: parsed.qrelsPath, runPath: parsed.runPath }, parsed.options, (text) => chunks.push(text), { cwd: trecEvalFixtures, chunkBytes: 997 });
    expect(chunks.join('')).toBe(readFileSync(`${trecEvalFixtures}out.test.aq`, 'utf8'));
  });

  it('gives the same output for a run whose topics are interleaved (read twice, retaining topics)', () => {
    const run = readFileSync(`${trecEvalFixtures}results.test`, 'utf8').split('\n').filter((line) => line !== '');
    // Alternate lines of different topics: no topic is on consecutive lines any more.
    const byTopic = new Map<string, string[]>();
    for (const line of run) {
      const qid = line.split(/\s+/)[0] as string;
      byTopic.set(qid, [...(byTopic.get(qid) ?? []), line]);
    }
    const lists = [...byTopic.values()];
    const interleaved: string[] = [];
    for (let index = 0; index < Math.max(...lists.map((list) => list.length)); index++) for (const list of lists) if (index < list.length) interleaved.push(list[index] as string);
    const output = trecEval({ qrels: readFileSync(`${trecEvalFixtures}qrels.test`), run: new TextEncoder().encode(`${interleaved.join('\n')}\n`) }, { measures: ['all_trec'], perQuery: true, version: '10.0' });
    expect(output).toBe(readFileSync(`${trecEvalFixtures}out.test.aq`, 'utf8'));
  });

  it('stops with exit 4, as trec_eval, when a measure needs another relevance format', () => {
    try {
      trecEval({ qrels: readFileSync(`${trecEvalFixtures}prefs.test`), run: readFileSync(`${trecEvalFixtures}prefs.results.test`) }, { measures: ['map'], relInfoFormat: 'prefs' });
      expect.unreachable();
    } catch (error) {
      expect(TrecEvalError.isInstance(error)).toBe(true);
      expect((error as TrecEvalError).exitCode).toBe(4);
      expect((error as TrecEvalError).trecEvalMessage).toBe("trec_eval.form_res_qrels: rel_info format not qrels or results format not trec_results\ntrec_eval: Can't calculate measure 'map'\n");
      expect((error as TrecEvalError).message).toBe('measure map needs -R qrels, not -R prefs');
    }
  });
});

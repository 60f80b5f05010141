import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findTopicBoundary } from '../src/node/index.js';

// The two-thread reader cuts a run at topic boundaries: findTopicBoundary must find, after a position, the first
// complete line whose query id differs from the content line before it, whatever the topics' sizes.
const folder = mkdtempSync(join(tmpdir(), 'benchline-segments-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The same boundary found the slow and obvious way, from the run's lines. */
function expectedBoundary(text: string, from: number, comments: boolean): number | undefined {
  const start = text.indexOf('\n', from);
  if (start < 0) return undefined;
  let offset = start + 1;
  let previous: string | undefined;
  for (const line of text.slice(offset).split('\n')) {
    const qid = line.trim().split(/[ \t]+/)[0] ?? '';
    const content = line.trim() !== '' && !(comments && line.trimStart().startsWith('#'));
    if (content) {
      if (previous !== undefined && qid !== previous) return offset;
      previous = qid;
    }
    offset += line.length + 1;
  }
  return undefined;
}

describe('findTopicBoundary', () => {
  it('finds the same boundary as a line-by-line reading, for small and very large topics', () => {
    const lines: string[] = [];
    // Topics of 1, 3 and 5000 lines (the last far larger than the 64 KiB first window), blank and comment lines.
    for (const [topic, count] of [['1', 1], ['2', 3], ['10', 5000], ['3', 2], ['4', 1]] as const) {
      for (let rank = 1; rank <= count; rank++) lines.push(`${topic} Q0 doc-${String(rank).padStart(6, '0')} ${String(rank)} ${String(1000 - rank / 10)} run`);
      lines.push('', '# a comment');
    }
    const text = `${lines.join('\n')}\n`;
    const path = join(folder, 'run');
    writeFileSync(path, text);
    for (const fraction of [0, 0.0001, 0.001, 0.01, 0.2, 0.5, 0.9, 0.999, 0.99999]) {
      for (const comments of [true, false]) {
        const from = Math.floor(text.length * fraction);
        expect(findTopicBoundary(path, text.length, comments, fraction), `fraction ${String(fraction)}`).toBe(expectedBoundary(text, from, comments));
      }
    }
  });
});

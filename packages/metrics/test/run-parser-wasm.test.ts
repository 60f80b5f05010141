import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrecEvalError } from '../src/index.js';
import { duplicateDocno } from '../src/trec-eval/ranking.js';
import { RunReader } from '../src/trec-eval/run-reader.js';
import type { RunBlock } from '../src/trec-eval/run-reader.js';

// The WebAssembly run parser (run-parser.as) must read every input exactly as the JavaScript parser of RunReader,
// which the trec_eval fixtures and the differential tests pin down: same blocks, ids, hashes, scores, run tag, line
// counts, and the same error on the same line.

interface Reading {
  readonly blocks: { qid: string; docnos: string[]; hashes: number[]; scores: number[]; unique: boolean; descending: boolean }[];
  readonly runid: string;
  readonly contentLines: number;
  readonly physicalLine: number;
  readonly error?: string;
}

function read(parser: 'wasm' | 'javascript', bytes: Uint8Array, settings: { comments: boolean; float32: boolean; chunk: number; wanted?: (qid: string) => boolean }): Reading {
  const blocks: Reading['blocks'] = [];
  const reader = new RunReader({
    source: 'run',
    comments: settings.comments,
    float32Scores: settings.float32,
    parser,
    copyBlocks: false,
    ...(settings.wanted === undefined ? {} : { wanted: settings.wanted }),
    onBlock: (block: RunBlock) => {
      const docnos: string[] = [];
      for (let index = 0; index < block.count; index++) docnos.push(String.fromCharCode(...block.docnoBytes.subarray(block.docnoStarts[index], block.docnoStarts[index + 1])));
      // What the WebAssembly parser tells about the block must be what the JavaScript side finds by itself.
      const scores = [...block.scores.subarray(0, block.count)];
      const unique = block.uniqueDocnos ?? duplicateDocno(block) === undefined;
      const descending = block.scoresDescending ?? scores.every((score, index) => index === 0 || (scores[index - 1] as number) >= score);
      blocks.push({ qid: block.qid, docnos, hashes: [...block.hashes.subarray(0, block.count)], scores, unique, descending });
    },
  });
  let error: string | undefined;
  try {
    for (let offset = 0; offset < bytes.length; offset += settings.chunk) reader.push(bytes.subarray(offset, Math.min(bytes.length, offset + settings.chunk)));
    reader.end();
  } catch (caught) {
    if (!(caught instanceof TrecEvalError)) throw caught;
    error = `${caught.trecEvalMessage}|${caught.message}`;
  }
  return { blocks, runid: reader.runid, contentLines: reader.contentLines, physicalLine: reader.physicalLine, ...(error === undefined ? {} : { error }) };
}

const field = fc.constantFrom('1', '2', '10', 'q-1', 'ä', 'a#b', 'D1', 'd1', 'x'.repeat(70), '0999', 'Q0', '#');
const score = fc.constantFrom('1', '0.5', '-2.25', '31.314074', '1.00000001', '1e-3', '+2', '.5', '5.', 'nan', '-inf', 'abc', '', '0x10', '12345678901234567', '-0', '3.4028236e38');
const separator = fc.constantFrom(' ', '\t', '  ', ' \t ', '\v', '\r ');
const line = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(field, field, field, fc.nat(999), score, field, fc.boolean(), separator).map(([qid, iter, docno, rank, value, tag, extra, space]) => [qid, iter, docno, String(rank), value, tag, ...(extra ? ['extra'] : [])].filter((text) => text !== '').join(space)) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '# comment', '  # indented', '1 Q0 short', '1', '1 Q0 d 1 2') },
);

describe('the WebAssembly run parser', () => {
  it('reads random run files exactly as the JavaScript parser, in any chunking, both versions', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.record({ lineEnd: fc.constantFrom('\n', '\r\n'), comments: fc.boolean(), float32: fc.boolean(), chunk: fc.integer({ min: 1, max: 200 }) }), (lines, { lineEnd, ...settings }) => {
        const bytes = new TextEncoder().encode(lines.join(lineEnd));
        expect(read('wasm', bytes, settings)).toEqual(read('javascript', bytes, settings));
      }),
      { numRuns: 400 },
    );
  });

  it('grows its columns, table and query id room: a topic of 40,001 documents with long ids (one repeated), a 100 KiB query id', () => {
    const lines: string[] = [];
    for (let index = 0; index < 40_000; index++) lines.push(`topic Q0 document-with-a-rather-long-identifier-${String(index).padStart(8, '0')} ${String(index)} ${String(1000 - index / 100)} tag`);
    // The first document again, after the table has grown twice: the repeat must still be seen.
    lines.push(`topic Q0 document-with-a-rather-long-identifier-${String(0).padStart(8, '0')} 1 0 tag`);
    lines.push(`${'q'.repeat(100_000)} Q0 d 1 1 last`);
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    for (const chunk of [1 << 16, 1 << 22]) {
      const settings = { comments: true, float32: false, chunk };
      const wasm = read('wasm', bytes, settings);
      expect(wasm.blocks.map((block) => [block.docnos.length, block.unique, block.descending])).toEqual([
        [40_001, false, true],
        [1, true, true],
      ]);
      expect(wasm).toEqual(read('javascript', bytes, settings));
    }
  });

  it('skips the documents of topics that are not wanted, and reports the same malformed line', () => {
    const bytes = new TextEncoder().encode('1 Q0 a 1 1 r\n2 Q0 b 1 1 r\n3 Q0 c 1 1 r\n2 Q0 d\n');
    const settings = { comments: false, float32: true, chunk: 5, wanted: (qid: string) => qid !== '2' };
    const wasm = read('wasm', bytes, settings);
    expect(wasm.error).toContain('trec_eval.get_results: Malformed line 4');
    expect(wasm).toEqual(read('javascript', bytes, settings));
  });

  it('is what scripts/build-wasm.mjs makes from run-parser.as with the pinned AssemblyScript', () => {
    const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});

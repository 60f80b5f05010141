import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TrecEvalError } from '../errors.js';
import { RunReader } from '../trec-eval/run-reader.js';
import type { RunBlock } from '../trec-eval/run-reader.js';
import { readSegments } from './trec-eval-files.js';
import type { SegmentTarget } from './trec-eval-files.js';

/**
 * What the main thread asks a worker (in a message after it starts): parse segments of a run file taken from the
 * back, and post each segment's topics on `port` as {@link ParsedSegment} messages. The worker only parses: the
 * main thread evaluates every topic, so the measures' code is compiled once, in one thread.
 */
export interface PartRequest {
  readonly kind: 'benchline-trec-eval-part';
  readonly runPath: string;
  readonly runSource: string;
  readonly runSize: number;
  readonly segmentCount: number;
  /** The shared claims word of `createSegmentClaims`. */
  readonly claims: SharedArrayBuffer;
  readonly chunkBytes: number;
  /** trec_eval 10.0 skips `#` comment lines. */
  readonly comments: boolean;
  /** trec_eval 9.0.8 rounds scores to 32-bit floats. */
  readonly float32Scores: boolean;
  /** Whether the documents are needed (false: each topic comes with none, its lines only checked). */
  readonly keepDocuments: boolean;
  readonly port: MessagePort;
}

/**
 * The topics of one segment in a few flat arrays (moved to the main thread, not copied): block `i` has
 * `counts[i]` documents; their scores, hashes and id starts follow the previous blocks' (each block's id starts
 * begin at 0 and have one more entry than documents), their id bytes likewise.
 */
export interface PackedBlocks {
  readonly qids: readonly string[];
  readonly counts: Int32Array;
  /** Bit 0: no id repeats in the block (known); bit 1: its scores never rise; bit 2: they do rise (neither: not checked). */
  readonly flags: Uint8Array;
  readonly scores: Float64Array;
  readonly hashes: Int32Array;
  readonly docnoStarts: Int32Array;
  readonly docnoBytes: Uint8Array;
}

/** One segment parsed by the worker: where it starts in the file, its topics, its last run tag. */
export interface ParsedSegment {
  readonly kind: 'segment';
  readonly start: number;
  readonly blocks: PackedBlocks;
  /** Run tag of the segment's last content line (binary string); meaningless when `contentLines` is 0. */
  readonly runid: string;
  readonly contentLines: number;
}

/** A worker's messages: segments, then `done`; or `failed` when it met an error (the main thread then reads the run alone). */
export type PartResponse = ParsedSegment | { readonly kind: 'done' } | { readonly kind: 'failed'; readonly message: string };

/** True when this thread was started to parse part of a run. */
export function isTrecEvalPartWorker(): boolean {
  return parentPort !== null && (workerData as { kind?: unknown } | undefined)?.kind === 'benchline-trec-eval-part';
}

/** Waits for the {@link PartRequest} of the main thread, parses the segments it can claim, and posts them. */
export function serveTrecEvalPart(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTrecEvalPart runs in a worker thread');
  port.once('message', (request: PartRequest) => {
    const out = request.port;
    try {
      parsePart(request);
      out.postMessage({ kind: 'done' } satisfies PartResponse);
    } catch (error) {
      const message = error instanceof TrecEvalError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      out.postMessage({ kind: 'failed', message } satisfies PartResponse);
    }
    out.close();
  });
}

function parsePart(request: PartRequest): void {
  const packer = new BlockPacker();
  const reader = new RunReader({ source: request.runSource, comments: request.comments, float32Scores: request.float32Scores, keepDocuments: request.keepDocuments, copyBlocks: false, onBlock: (block) => packer.add(block) });
  let linesBefore = 0;
  const target: SegmentTarget = {
    restartNeeded: false,
    push: (chunk) => reader.push(chunk),
    endRange: (start) => {
      reader.end();
      reader.restart();
      const contentLines = reader.contentLines - linesBefore;
      linesBefore = reader.contentLines;
      const blocks = packer.take();
      const segment: ParsedSegment = { kind: 'segment', start, blocks, runid: reader.runid, contentLines };
      request.port.postMessage(segment, [blocks.counts.buffer, blocks.flags.buffer, blocks.scores.buffer, blocks.hashes.buffer, blocks.docnoStarts.buffer, blocks.docnoBytes.buffer] as ArrayBuffer[]);
    },
  };
  readSegments(target, {
    path: request.runPath,
    shown: request.runSource,
    size: request.runSize,
    segmentCount: request.segmentCount,
    claims: new Int32Array(request.claims),
    fromFront: false,
    chunkBytes: request.chunkBytes,
    failure: '',
    comments: request.comments,
  });
}

/** Collects blocks (views the reader lends) into the flat arrays of {@link PackedBlocks}. */
class BlockPacker {
  private qids: string[] = [];
  private counts = new Int32Array(256);
  private flags = new Uint8Array(256);
  private scores = new Float64Array(1 << 16);
  private hashes = new Int32Array(1 << 16);
  private docnoStarts = new Int32Array(1 << 16);
  private docnoBytes = new Uint8Array(1 << 20);
  private records = 0;
  private starts = 0;
  private bytes = 0;

  add(block: RunBlock): void {
    const index = this.qids.length;
    if (index === this.counts.length) {
      this.counts = grown(this.counts, index * 2, index);
      this.flags = grown(this.flags, index * 2, index);
    }
    const count = block.count;
    const byteLength = block.docnoStarts[count] as number;
    if (this.records + count > this.scores.length) {
      const size = Math.max(this.scores.length * 2, this.records + count);
      this.scores = grown(this.scores, size, this.records);
      this.hashes = grown(this.hashes, size, this.records);
    }
    if (this.starts + count + 1 > this.docnoStarts.length) this.docnoStarts = grown(this.docnoStarts, Math.max(this.docnoStarts.length * 2, this.starts + count + 1), this.starts);
    if (this.bytes + byteLength > this.docnoBytes.length) this.docnoBytes = grown(this.docnoBytes, Math.max(this.docnoBytes.length * 2, this.bytes + byteLength), this.bytes);
    this.qids.push(block.qid);
    this.counts[index] = count;
    this.flags[index] = (block.uniqueDocnos === true ? 1 : 0) | (block.scoresDescending === undefined ? 0 : block.scoresDescending ? 2 : 4);
    this.scores.set(block.scores.subarray(0, count), this.records);
    this.hashes.set(block.hashes.subarray(0, count), this.records);
    this.docnoStarts.set(block.docnoStarts.subarray(0, count + 1), this.starts);
    this.docnoBytes.set(block.docnoBytes.subarray(0, byteLength), this.bytes);
    this.records += count;
    this.starts += count + 1;
    this.bytes += byteLength;
  }

  /** The blocks collected so far, in arrays of their own size; the packer starts empty again. */
  take(): PackedBlocks {
    const blockCount = this.qids.length;
    const packed: PackedBlocks = {
      qids: this.qids,
      counts: this.counts.slice(0, blockCount),
      flags: this.flags.slice(0, blockCount),
      scores: this.scores.slice(0, this.records),
      hashes: this.hashes.slice(0, this.records),
      docnoStarts: this.docnoStarts.slice(0, this.starts),
      docnoBytes: this.docnoBytes.slice(0, this.bytes),
    };
    this.qids = [];
    this.records = 0;
    this.starts = 0;
    this.bytes = 0;
    return packed;
  }
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(array: T, size: number, used: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(size);
  bigger.set(array.subarray(0, used));
  return bigger;
}

/** Calls `visit` with each block of a {@link PackedBlocks}, as views of its arrays. */
export function forEachPackedBlock(blocks: PackedBlocks, visit: (block: RunBlock) => void): void {
  let record = 0;
  let start = 0;
  let byte = 0;
  for (let index = 0; index < blocks.qids.length; index++) {
    const count = blocks.counts[index] as number;
    const docnoStarts = blocks.docnoStarts.subarray(start, start + count + 1);
    const byteLength = docnoStarts[count] as number;
    const flags = blocks.flags[index] as number;
    const qid = blocks.qids[index] as string;
    const docnoBytes = blocks.docnoBytes.subarray(byte, byte + byteLength);
    const hashes = blocks.hashes.subarray(record, record + count);
    const scores = blocks.scores.subarray(record, record + count);
    const uniqueDocnos = (flags & 1) !== 0;
    // The same shape as the reader's own blocks (the ranking code then sees one kind of object).
    visit((flags & 6) === 0 ? { qid, count, docnoBytes, docnoStarts, hashes, scores, uniqueDocnos } : { qid, count, docnoBytes, docnoStarts, hashes, scores, uniqueDocnos, scoresDescending: (flags & 2) !== 0 });
    record += count;
    start += count + 1;
    byte += byteLength;
  }
}

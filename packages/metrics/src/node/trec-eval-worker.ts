import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
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
 * The topics of one segment in a few flat arrays (moved to the main thread, not copied, and moved back when read:
 * see {@link SpareArrays}): block `i` has `counts[i]` documents; their scores, hashes and id starts follow the
 * previous blocks' (each block's id starts begin at 0 and have one more entry than documents), their id bytes
 * likewise. The arrays may be longer than what the blocks use.
 */
export interface PackedBlocks extends PackedArrays {
  readonly qids: readonly string[];
}

/** The arrays of {@link PackedBlocks}. */
export interface PackedArrays {
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

/** The main thread hands a segment's arrays back once it has read them: the worker fills them again. */
export interface SpareArrays {
  readonly kind: 'spare';
  readonly arrays: PackedArrays;
}

/** Moves a segment's arrays back to the worker on `port`. */
export function returnPackedArrays(port: MessagePort, blocks: PackedBlocks): void {
  const arrays: PackedArrays = { counts: blocks.counts, flags: blocks.flags, scores: blocks.scores, hashes: blocks.hashes, docnoStarts: blocks.docnoStarts, docnoBytes: blocks.docnoBytes };
  port.postMessage({ kind: 'spare', arrays } satisfies SpareArrays, arrayBuffers(arrays));
}

function arrayBuffers(arrays: PackedArrays): ArrayBuffer[] {
  return [arrays.counts.buffer, arrays.flags.buffer, arrays.scores.buffer, arrays.hashes.buffer, arrays.docnoStarts.buffer, arrays.docnoBytes.buffer] as ArrayBuffer[];
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
  const packer = new BlockPacker(() => {
    const received = receiveMessageOnPort(request.port) as { message: SpareArrays } | undefined;
    return received?.message.arrays;
  });
  const reader = new RunReader({ source: request.runSource, comments: request.comments, float32Scores: request.float32Scores, keepDocuments: request.keepDocuments, copyBlocks: false, onBlock: (block) => packer.add(block) });
  let linesBefore = 0;
  const target: SegmentTarget = {
    restartNeeded: false,
    push: (chunk) => reader.push(chunk),
    inputTarget: (size) => reader.inputTarget(size),
    pushWritten: (count) => reader.pushWritten(count),
    endRange: (start) => {
      reader.end();
      reader.restart();
      const contentLines = reader.contentLines - linesBefore;
      linesBefore = reader.contentLines;
      const blocks = packer.take();
      const segment: ParsedSegment = { kind: 'segment', start, blocks, runid: reader.runid, contentLines };
      request.port.postMessage(segment, arrayBuffers(blocks));
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

/**
 * Collects blocks (views the reader lends) into the flat arrays of {@link PackedBlocks}. Arrays handed back by the
 * main thread are filled again: no fresh memory (page faults, zeroing) for each segment.
 */
class BlockPacker {
  private qids: string[] = [];
  private arrays: PackedArrays;
  private records = 0;
  private starts = 0;
  private bytes = 0;

  constructor(private readonly spare: () => PackedArrays | undefined) {
    this.arrays = spare() ?? newArrays({ counts: 256, records: 1 << 16, bytes: 1 << 20 });
  }

  add(block: RunBlock): void {
    const index = this.qids.length;
    let arrays = this.arrays;
    const count = block.count;
    const byteLength = block.docnoStarts[count] as number;
    if (index === arrays.counts.length || this.records + count > arrays.scores.length || this.starts + count + 1 > arrays.docnoStarts.length || this.bytes + byteLength > arrays.docnoBytes.length) {
      const records = Math.max(arrays.scores.length, 2 * (this.records + count));
      arrays = {
        counts: grown(arrays.counts, Math.max(arrays.counts.length, 2 * (index + 1)), index),
        flags: grown(arrays.flags, Math.max(arrays.flags.length, 2 * (index + 1)), index),
        scores: grown(arrays.scores, records, this.records),
        hashes: grown(arrays.hashes, records, this.records),
        docnoStarts: grown(arrays.docnoStarts, Math.max(arrays.docnoStarts.length, 2 * (this.starts + count + 1)), this.starts),
        docnoBytes: grown(arrays.docnoBytes, Math.max(arrays.docnoBytes.length, 2 * (this.bytes + byteLength)), this.bytes),
      };
      this.arrays = arrays;
    }
    this.qids.push(block.qid);
    arrays.counts[index] = count;
    arrays.flags[index] = (block.uniqueDocnos === true ? 1 : 0) | (block.scoresDescending === undefined ? 0 : block.scoresDescending ? 2 : 4);
    arrays.scores.set(block.scores.subarray(0, count), this.records);
    arrays.hashes.set(block.hashes.subarray(0, count), this.records);
    arrays.docnoStarts.set(block.docnoStarts.subarray(0, count + 1), this.starts);
    arrays.docnoBytes.set(block.docnoBytes.subarray(0, byteLength), this.bytes);
    this.records += count;
    this.starts += count + 1;
    this.bytes += byteLength;
  }

  /** The blocks collected so far; the packer starts again with arrays handed back, or new ones as large. */
  take(): PackedBlocks {
    const arrays = this.arrays;
    const packed: PackedBlocks = { qids: this.qids, ...arrays };
    this.arrays = this.spare() ?? newArrays({ counts: arrays.counts.length, records: arrays.scores.length, bytes: arrays.docnoBytes.length });
    this.qids = [];
    this.records = 0;
    this.starts = 0;
    this.bytes = 0;
    return packed;
  }
}

function newArrays(size: { counts: number; records: number; bytes: number }): PackedArrays {
  return {
    counts: new Int32Array(size.counts),
    flags: new Uint8Array(size.counts),
    scores: new Float64Array(size.records),
    hashes: new Int32Array(size.records),
    docnoStarts: new Int32Array(size.records + size.counts),
    docnoBytes: new Uint8Array(size.bytes),
  };
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

import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { TrecEvalError } from '../errors.js';
import type { TrecEvalOptions } from '../trec-eval/options.js';
import { checkTrecEvalOptions } from '../trec-eval/run-trec-eval.js';
import { TrecEvalSession, checkRelInfoFormat, runTrecEvalSession } from '../trec-eval/session.js';
import { forEachPackedBlock, returnPackedArrays } from './trec-eval-worker.js';
import type { PartRequest, PartResponse } from './trec-eval-worker.js';

/** Files of a trec_eval run: paths as given on the command line (relative to `cwd`). */
export interface TrecEvalFiles {
  readonly qrelsPath: string;
  /** `-` reads standard input (trec_eval 10.0 only). */
  readonly runPath: string;
  readonly zscoresPath?: string | undefined;
}

/** How to start a thread that parses parts of a run: a script that calls `serveTrecEvalPart()`. */
export interface TrecEvalWorkerScript {
  readonly script: URL;
  /** Arguments the script sees in `process.argv` (a bundled CLI uses them to route to `serveTrecEvalPart`). */
  readonly argv?: readonly string[];
}

export interface TrecEvalFilesOptions {
  readonly cwd?: string;
  /** Standard input, for a run path of `-`. */
  readonly stdin?: AsyncIterable<Uint8Array>;
  /** Read size; the default 1 MiB keeps memory flat on runs of any size, and each chunk in the processor cache while it is copied and parsed. */
  readonly chunkBytes?: number;
  /**
   * Threads reading the run. Default: 2 when the machine has 2 cores or more and one of them is free (its 1-minute
   * load average is below the core count minus one half), else 1: a second thread on a busy machine costs more
   * (its start, handing the topics over) than it saves.
   */
  readonly threads?: number;
  /** Runs smaller than this are read by one thread (default 32 MiB: below it a thread costs more than it saves). */
  readonly parallelMinBytes?: number;
  /** Size of the segments the two threads share out (default a sixteenth of the run, at most 16 MiB). */
  readonly segmentBytes?: number;
  /** The worker script; default this package's `trec-eval-worker-entry.js` when it exists beside this module. */
  readonly worker?: TrecEvalWorkerScript;
  /**
   * Receives the output as bytes instead of `write` receiving text: exactly the bytes trec_eval prints (query ids
   * and run tags as in the files), with less work. On an error, the output printed before it comes here first.
   */
  readonly writeBytes?: (bytes: Uint8Array) => void;
}

/** Largest segment two threads share out (a run is cut at the first topic boundary after each multiple). */
const maximumSegmentBytes = 16 * 1024 * 1024;

/**
 * Runs trec_eval on files, streaming the run: memory holds the judgments and one topic's documents, not the run
 * file. A large run is split at a topic boundary and its second part read by a worker thread, so two cores
 * share the work. Output goes to `write` in chunks, exactly as trec_eval prints it. A run whose topics are not
 * on consecutive lines is read a second time by one thread, keeping every topic until the end (trec_eval sorts
 * the lines, so their order never matters).
 *
 * Errors come in trec_eval's order: measure names first (before any file is opened), then the qrels file, the
 * run, the -Z file, measure parameters, and per-topic errors.
 *
 * @throws {TrecEvalError} with trec_eval's exit code and message, for unreadable files too.
 */
export async function trecEvalFiles(files: TrecEvalFiles, options: TrecEvalOptions, writeText: (text: string) => void, io: TrecEvalFilesOptions = {}): Promise<void> {
  const write: Output = io.writeBytes === undefined ? { text: writeText } : { bytes: io.writeBytes };
  checkTrecEvalOptions(options);
  checkRelInfoFormat(options);
  const cwd = io.cwd ?? '.';
  const runFailure = `trec_eval.get_results: Cannot read results file '${files.runPath}'\ntrec_eval: Quit in file '${files.runPath}'\n`;
  const fromStdin = files.runPath === '-' && options.version === '10.0';
  const runPath = resolve(cwd, files.runPath);
  const chunkBytes = io.chunkBytes ?? 1024 * 1024;
  // A second thread starts at once, so that its start-up overlaps reading the judgments.
  const threads = io.threads ?? defaultThreads();
  const workerScript = io.worker ?? defaultWorker();
  const runSize = fromStdin ? 0 : fileSizeOrZero(runPath);
  const worker = threads >= 2 && workerScript !== undefined && runSize >= (io.parallelMinBytes ?? 32 * 1024 * 1024) ? startWorker(workerScript) : undefined;
  let channel: MessageChannel | undefined;
  try {
    const qrels = readWhole(resolve(cwd, files.qrelsPath), files.qrelsPath, `trec_eval.get_qrels: Cannot read qrels file '${files.qrelsPath}'\ntrec_eval: Quit in file '${files.qrelsPath}'\n`, 2);
    const zscoresPath = files.zscoresPath;
    const zscores =
      zscoresPath === undefined
        ? undefined
        : { read: () => readWhole(resolve(cwd, zscoresPath), zscoresPath, `trec_eval.get_prefs: Cannot read zscores file '${zscoresPath}'\n`, 255), source: zscoresPath };
    const create = (streaming: boolean): TrecEvalSession =>
      new TrecEvalSession({ options, qrels, qrelsSource: files.qrelsPath, runSource: files.runPath, streaming, ...(zscores === undefined ? {} : { zscores }) });

    if (fromStdin) {
      const session = create(false);
      let total = 0;
      for await (const chunk of io.stdin ?? emptyInput()) {
        total += chunk.length;
        session.push(chunk);
      }
      if (total === 0) throw new TrecEvalError({ message: 'standard input: expected TREC run lines, found nothing', exitCode: 2, trecEvalMessage: runFailure });
      finishWithPartial(session, write);
      return;
    }

    // The run is cut into segments at topic boundaries; this thread takes them from the front and the worker
    // from the back, one at a time, until they meet: neither waits for the other, however late the worker starts.
    // The worker only parses: it hands each segment's topics over, and this thread evaluates every topic (the
    // measures' code is then compiled in one thread only). At most 32767 segments fit the claims word.
    const segmentBytes = io.segmentBytes ?? Math.min(maximumSegmentBytes, Math.max(4096, Math.ceil(runSize / 32)));
    const segmentCount = worker === undefined ? 0 : Math.min(32767, Math.ceil(runSize / segmentBytes));
    const claims = worker === undefined || segmentCount < 2 ? undefined : createSegmentClaims(segmentCount);
    // The session is created first: the judgments are read, and -T checked, before the run is opened.
    const first = create(true);
    channel = claims === undefined ? undefined : new MessageChannel();
    if (worker !== undefined && claims !== undefined && channel !== undefined) {
      const request: PartRequest = { kind: 'benchline-trec-eval-part', runPath, runSource: files.runPath, runSize, segmentCount, claims: claims.buffer, chunkBytes, ...first.runFormat, port: channel.port2 };
      worker.send(request, [channel.port2]);
    }
    const size = runFileSize(runPath, files.runPath, runFailure);
    const readWholeRun = (target: TrecEvalSession): void => {
      readRange(target, { path: runPath, shown: files.runPath, start: 0, end: size, chunkBytes, failure: runFailure });
    };
    if (worker !== undefined && claims !== undefined && channel !== undefined && size === runSize) {
      const port = channel.port1;
      let state = 'running' as 'running' | 'done' | 'failed';
      const receive = (message: PartResponse): void => {
        if (state !== 'running') return;
        if (message.kind === 'segment') {
          forEachPackedBlock(message.blocks, (block) => first.addBlock(block));
          // The blocks' arrays are not kept (each topic was evaluated at once): the worker fills them again.
          returnPackedArrays(port, message.blocks);
          first.addRange(message.start, message.runid, message.contentLines);
        } else state = message.kind;
      };
      const drain = (): void => {
        for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) receive(received.message as PartResponse);
      };
      let parallelOk = true;
      try {
        readSegments(first, { path: runPath, shown: files.runPath, size, segmentCount, claims, fromFront: true, chunkBytes, failure: runFailure, comments: options.version === '10.0', afterSegment: drain });
      } catch (error) {
        // An error in a segment may not be the file's first: one thread reads the file again and meets it in order.
        if (!(error instanceof TrecEvalError)) throw error;
        parallelOk = false;
      }
      if (parallelOk && !first.restartNeeded) {
        // Segments are all claimed now: a worker that claimed none (still starting) is not waited for.
        if (!workerClaimedNone(claims, segmentCount)) {
          drain();
          // From here on the port's messages arrive as events, in order.
          while (state === 'running' && !first.restartNeeded) receive(await worker.next(port));
        }
        if (state === 'failed') parallelOk = false;
        else if (!first.restartNeeded) {
          first.endRanges();
          finishWithPartial(first, write);
          return;
        }
      }
      // The worker's work is of no use now: it stops, and leaves the cores to the reading below.
      void worker.terminate();
      if (!parallelOk) {
        // One thread reads the whole run: errors come out in file order, with their line numbers.
        finishWithPartial(runTrecEvalSession(create, readWholeRun), write);
        return;
      }
      // A topic in both threads' segments, or not on consecutive lines: read the whole run in one session.
      const retained = create(false);
      readWholeRun(retained);
      finishWithPartial(retained, write);
      return;
    }
    // A worker that was sent segments of a file whose size changed since: stopped, its work is not wanted.
    if (worker !== undefined && claims !== undefined) void worker.terminate();
    let used = false;
    const session = runTrecEvalSession(
      (streaming) => {
        if (streaming && !used) {
          used = true;
          return first;
        }
        return create(streaming);
      },
      readWholeRun,
    );
    finishWithPartial(session, write);
  } finally {
    channel?.port1.close();
    if (worker !== undefined) void worker.terminate();
  }
}

/** Reads bytes [start, end) of a run file into a session in chunks. */
export function readRange(target: SegmentTarget, range: { path: string; shown: string; start: number; end: number; chunkBytes: number; failure: string; buffer?: Uint8Array }): void {
  let descriptor: number;
  try {
    descriptor = openSync(range.path, 'r');
  } catch (error) {
    throw new TrecEvalError({ message: describeFileError(error, range.shown), exitCode: 2, trecEvalMessage: range.failure, cause: error });
  }
  try {
    const buffer = range.buffer ?? new Uint8Array(Math.min(range.chunkBytes, Math.max(1, range.end - range.start)));
    let position = range.start;
    while (position < range.end && !target.restartNeeded) {
      const wanted = Math.min(buffer.length, range.end - position);
      // Read straight into the parser's memory where it has one: no copy of the chunk.
      const direct = target.inputTarget?.(wanted);
      let count: number;
      try {
        count = readSync(descriptor, direct ?? buffer, 0, wanted, position);
      } catch (error) {
        throw new TrecEvalError({ message: describeFileError(error, range.shown), exitCode: 2, trecEvalMessage: range.failure, cause: error });
      }
      if (count === 0) break;
      position += count;
      if (direct !== undefined) target.pushWritten?.(count);
      else target.push(count === buffer.length ? buffer : buffer.subarray(0, count));
    }
  } finally {
    closeSync(descriptor);
  }
}

function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 2 && (loadavg()[0] as number) < cores - 0.5 ? 2 : 1;
}

function fileSizeOrZero(path: string): number {
  try {
    const descriptor = openSync(path, 'r');
    try {
      return fstatSync(descriptor).size;
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return 0;
  }
}

function runFileSize(path: string, shown: string, failure: string): number {
  let size: number;
  try {
    const descriptor = openSync(path, 'r');
    try {
      size = fstatSync(descriptor).size;
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    throw new TrecEvalError({ message: describeFileError(error, shown), exitCode: 2, trecEvalMessage: failure, cause: error });
  }
  if (size === 0) throw new TrecEvalError({ message: `${shown}: expected TREC run lines "qid iter docno rank score runid", found an empty file`, exitCode: 2, trecEvalMessage: failure });
  return size;
}

/**
 * The offset of the first line, at or after `fraction` of the file (the middle by default), whose query id
 * differs from the previous content line's: both parts then hold whole blocks of consecutive lines. Undefined
 * when there is none.
 */
export function findTopicBoundary(path: string, size: number, comments: boolean, fraction = 0.5): number | undefined {
  const descriptor = openSync(path, 'r');
  try {
    // Windows of 64 KiB (a topic of a thousand lines is about 40 KiB), doubled while no boundary shows up.
    let window = new Uint8Array(1 << 16);
    const from = Math.floor(size * fraction);
    const windowStart = from;
    for (;;) {
      const count = readSync(descriptor, window, 0, Math.min(window.length, size - windowStart), windowStart);
      const found = boundaryIn(window.subarray(0, count), comments, windowStart === from);
      if (found !== undefined) return windowStart + found;
      if (windowStart + count >= size) return undefined;
      // Read again from the start, with a window twice as large: lines and topics are then seen whole. A topic of
      // more than 16 MiB is walked through instead.
      if (window.length >= 1 << 24) return findTopicBoundaryStreaming(path, size, comments, fraction);
      window = new Uint8Array(window.length * 2);
    }
  } finally {
    closeSync(descriptor);
  }
}

/** {@link findTopicBoundary} reading 1 MiB at a time, for topics too large for one window. */
function findTopicBoundaryStreaming(path: string, size: number, comments: boolean, fraction: number): number | undefined {
  const descriptor = openSync(path, 'r');
  try {
    const window = new Uint8Array(1 << 20);
    let position = Math.floor(size * fraction);
    let previousQid: string | undefined;
    let carry = new Uint8Array(0);
    let carryStart = position;
    let skippedPartial = false;
    while (position < size) {
      const count = readSync(descriptor, window, 0, Math.min(window.length, size - position), position);
      if (count === 0) return undefined;
      const data = new Uint8Array(carry.length + count);
      data.set(carry, 0);
      data.set(window.subarray(0, count), carry.length);
      const dataStart = carryStart;
      let lineStart = 0;
      if (!skippedPartial) {
        const newline = data.indexOf(10);
        if (newline < 0) {
          carry = data;
          position += count;
          continue;
        }
        lineStart = newline + 1;
        skippedPartial = true;
      }
      for (;;) {
        const newline = data.indexOf(10, lineStart);
        if (newline < 0) break;
        let cursor = lineStart;
        while (cursor < newline && isSpace(data[cursor] as number)) cursor++;
        if (cursor < newline && !(comments && data[cursor] === 35)) {
          let end = cursor;
          while (end < newline && !isSpace(data[end] as number)) end++;
          const qid = String.fromCharCode(...data.subarray(cursor, end));
          if (previousQid !== undefined && qid !== previousQid) return dataStart + lineStart;
          previousQid = qid;
        }
        lineStart = newline + 1;
      }
      carry = data.slice(lineStart);
      carryStart = dataStart + lineStart;
      position += count;
    }
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

/**
 * In `data` (starting inside a line when `partialFirst`), the offset of the first complete line whose query id
 * differs from the content line before it, or undefined.
 */
function boundaryIn(data: Uint8Array, comments: boolean, partialFirst: boolean): number | undefined {
  let lineStart = 0;
  if (partialFirst) {
    const newline = data.indexOf(10);
    if (newline < 0) return undefined;
    lineStart = newline + 1;
  }
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    const newline = data.indexOf(10, lineStart);
    if (newline < 0) return undefined;
    let cursor = lineStart;
    while (cursor < newline && isSpace(data[cursor] as number)) cursor++;
    if (cursor < newline && !(comments && data[cursor] === 35)) {
      let end = cursor;
      while (end < newline && !isSpace(data[end] as number)) end++;
      if (previousStart >= 0) {
        let same = end - cursor === previousEnd - previousStart;
        for (let offset = 0; same && offset < end - cursor; offset++) if (data[cursor + offset] !== data[previousStart + offset]) same = false;
        if (!same) return lineStart;
      }
      previousStart = cursor;
      previousEnd = end;
    }
    lineStart = newline + 1;
  }
}

function isSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

/**
 * Which segments are taken: one 32-bit word shared by the threads, the next segment from the front in the low 16
 * bits and the end of the untaken ones (exclusive) in the high 16 bits, changed only by compare-and-swap.
 */
export function createSegmentClaims(segmentCount: number): Int32Array<SharedArrayBuffer> {
  const claims = new Int32Array(new SharedArrayBuffer(4));
  claims[0] = segmentCount << 16;
  return claims;
}

/** Takes the next segment from the front or the back; -1 when the two ends have met. */
export function claimSegment(claims: Int32Array, fromFront: boolean): number {
  for (;;) {
    const state = Atomics.load(claims, 0);
    const front = state & 0xffff;
    const end = state >>> 16;
    if (front >= end) return -1;
    const next = fromFront ? (end << 16) | (front + 1) : ((end - 1) << 16) | front;
    if (Atomics.compareExchange(claims, 0, state, next) === state) return fromFront ? front : end - 1;
  }
}

function workerClaimedNone(claims: Int32Array, segmentCount: number): boolean {
  return Atomics.load(claims, 0) >>> 16 === segmentCount;
}

/** The start of segment `index`: the first topic boundary at or after index × size / count (0 and the end for the ends). */
function segmentStart(path: string, size: number, segment: { index: number; count: number; comments: boolean }): number {
  if (segment.index <= 0) return 0;
  if (segment.index >= segment.count) return size;
  return findTopicBoundary(path, size, segment.comments, segment.index / segment.count) ?? size;
}

/** What reads segments of a run: a session, or a worker's reader. */
export interface SegmentTarget {
  push(chunk: Uint8Array): void;
  /** Optional: where to read the next `size` bytes directly, then {@link pushWritten} (see `RunReader.inputTarget`). */
  inputTarget?(size: number): Uint8Array | undefined;
  pushWritten?(count: number): void;
  /** A segment (a range of the file starting at `position`) is complete. */
  endRange(position: number): void;
  readonly restartNeeded: boolean;
}

/**
 * Reads every segment this thread can claim into `target`, each as a separate range of the file; `afterSegment`
 * runs after each one.
 */
export function readSegments(
  target: SegmentTarget,
  job: { path: string; shown: string; size: number; segmentCount: number; claims: Int32Array; fromFront: boolean; chunkBytes: number; failure: string; comments: boolean; afterSegment?: () => void },
): void {
  // One read buffer for every segment: the session copies what it keeps.
  const buffer = new Uint8Array(Math.min(job.chunkBytes, Math.ceil(job.size / job.segmentCount) + 65536));
  for (let index = claimSegment(job.claims, job.fromFront); index >= 0; index = claimSegment(job.claims, job.fromFront)) {
    const start = segmentStart(job.path, job.size, { index, count: job.segmentCount, comments: job.comments });
    const end = segmentStart(job.path, job.size, { index: index + 1, count: job.segmentCount, comments: job.comments });
    if (end > start) readRange(target, { path: job.path, shown: job.shown, start, end, chunkBytes: job.chunkBytes, failure: job.failure, buffer });
    target.endRange(start);
    job.afterSegment?.();
    if (target.restartNeeded) return;
  }
}

function defaultWorker(): TrecEvalWorkerScript | undefined {
  const script = new URL('./trec-eval-worker-entry.js', import.meta.url);
  return script.protocol === 'file:' && existsSync(fileURLToPath(script)) ? { script } : undefined;
}

interface RunningWorker {
  send(request: PartRequest, transfer: readonly MessagePort[]): void;
  /** The next message on `port` (the worker's channel), or a failure when the worker stops before sending one. */
  next(port: MessagePort): Promise<PartResponse>;
  terminate(): Promise<number>;
}

/** Starts a worker thread that waits for a {@link PartRequest} and answers on the request's port. */
function startWorker(spec: TrecEvalWorkerScript): RunningWorker {
  const worker = new Worker(spec.script, {
    workerData: { kind: 'benchline-trec-eval-part' },
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
    argv: [...(spec.argv ?? [])],
    stdout: false,
    stderr: false,
  });
  const queue: PartResponse[] = [];
  let listened: MessagePort | undefined;
  let waiting: ((message: PartResponse) => void) | undefined;
  let stopped: PartResponse | undefined;
  const deliver = (message: PartResponse): void => {
    const resolveNext = waiting;
    waiting = undefined;
    if (resolveNext === undefined) queue.push(message);
    else resolveNext(message);
  };
  const stop = (message: string): void => {
    if (stopped !== undefined) return;
    // What the worker posted before it stopped comes first.
    if (listened !== undefined) for (let received = receiveMessageOnPort(listened); received !== undefined; received = receiveMessageOnPort(listened)) deliver(received.message as PartResponse);
    stopped = { kind: 'failed', message };
    if (waiting !== undefined) deliver(stopped);
  };
  worker.once('error', (error) => {
    stop(error instanceof Error ? error.message : String(error));
  });
  worker.once('exit', (code) => {
    stop(`the worker thread exited with code ${String(code)}`);
  });
  return {
    send: (request, transfer) => {
      worker.postMessage(request, [...transfer]);
    },
    next: (port) => {
      if (listened === undefined) {
        listened = port;
        port.on('message', deliver);
      }
      const queued = queue.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (stopped !== undefined) return Promise.resolve(stopped);
      return new Promise((resolveNext) => {
        waiting = resolveNext;
      });
    },
    terminate: () => worker.terminate(),
  };
}

type Output = { readonly text: (text: string) => void; readonly bytes?: undefined } | { readonly bytes: (bytes: Uint8Array) => void; readonly text?: undefined };

/** Finishes a session; on an error, what trec_eval printed before it is written out, not left in the error. */
function finishWithPartial(session: TrecEvalSession, output: Output): void {
  if (output.bytes !== undefined) {
    session.finishBytes(output.bytes);
    return;
  }
  const write = output.text;
  try {
    session.finish(write);
  } catch (error) {
    if (error instanceof TrecEvalError && error.partialOutput !== '') {
      write(error.partialOutput);
      error.partialOutput = '';
    }
    throw error;
  }
}

function readWhole(path: string, shown: string, trecEvalMessage: string, exitCode: number): Uint8Array {
  try {
    const bytes = readFileSync(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    throw new TrecEvalError({ message: describeFileError(error, shown), exitCode, trecEvalMessage, cause: error });
  }
}

function describeFileError(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${shown}: no such file or directory`;
  if (code === 'EISDIR') return `${shown}: is a directory, expected a file`;
  if (code === 'EACCES' || code === 'EPERM') return `${shown}: permission denied`;
  return `${shown}: cannot read (${error instanceof Error ? error.message : String(error)})`;
}

async function* emptyInput(): AsyncIterable<Uint8Array> {
  // No standard input was given.
}


import { parentPort, workerData } from 'node:worker_threads';
import type { TrecEvalOptions } from '../trec-eval/options.js';
import { TrecEvalSession } from '../trec-eval/session.js';
import type { RunPart } from '../trec-eval/session.js';
import { readSegments } from './trec-eval-files.js';

/** What the main thread asks a worker (in a message after it starts): take segments of a run file from the back. */
export interface PartRequest {
  readonly kind: 'benchline-trec-eval-part';
  readonly qrels: Uint8Array;
  readonly qrelsSource: string;
  readonly runPath: string;
  readonly runSource: string;
  readonly runSize: number;
  readonly segmentCount: number;
  /** The shared claims word of `createSegmentClaims`. */
  readonly claims: SharedArrayBuffer;
  readonly chunkBytes: number;
  readonly options: TrecEvalOptions;
  /** Whether the worker may print its topics' `-q` lines (not when a -Z file converts the values later). */
  readonly topicText: boolean;
}

/** A worker's answer: its topics, or that it met an error (the main thread then reads the run alone). */
export type PartResponse = { readonly kind: 'part'; readonly part: RunPart } | { readonly kind: 'failed'; readonly message: string };

/** True when this thread was started to evaluate a part of a run. */
export function isTrecEvalPartWorker(): boolean {
  return parentPort !== null && (workerData as { kind?: unknown } | undefined)?.kind === 'benchline-trec-eval-part';
}

/** Waits for the {@link PartRequest} of the main thread, evaluates that part of the run and posts a {@link PartResponse}. */
export function serveTrecEvalPart(): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTrecEvalPart runs in a worker thread');
  port.once('message', (request: PartRequest) => {
    const response = evaluatePart(request);
    // The topics' printed lines are views into a few large buffers: moved to the main thread, not copied.
    const buffers = new Set<ArrayBuffer>();
    if (response.kind === 'part') for (const evaluation of response.part.evaluations) if (evaluation.text !== undefined) buffers.add(evaluation.text.buffer as ArrayBuffer);
    port.postMessage(response, [...buffers]);
  });
}

function evaluatePart(request: PartRequest): PartResponse {
  try {
    const session = new TrecEvalSession({ options: request.options, qrels: request.qrels, qrelsSource: request.qrelsSource, runSource: request.runSource, streaming: true, topicText: request.topicText });
    readSegments(session, {
      path: request.runPath,
      shown: request.runSource,
      size: request.runSize,
      segmentCount: request.segmentCount,
      claims: new Int32Array(request.claims),
      fromFront: false,
      chunkBytes: request.chunkBytes,
      failure: '',
      comments: request.options.version === '10.0',
    });
    return { kind: 'part', part: session.endPart() };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

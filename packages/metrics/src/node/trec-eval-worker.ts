import { parentPort, workerData } from 'node:worker_threads';
import { ParseError, TrecEvalError } from '../errors.js';
import type { TrecEvalOptions } from '../trec-eval/options.js';
import { TrecEvalSession } from '../trec-eval/session.js';
import type { RunPart } from '../trec-eval/session.js';
import { readRange } from './trec-eval-files.js';

/** What the main thread asks a worker (in a message after it starts): evaluate bytes [start, end) of a run file. */
export interface PartRequest {
  readonly kind: 'benchline-trec-eval-part';
  readonly qrels: Uint8Array;
  readonly qrelsSource: string;
  readonly runPath: string;
  readonly runSource: string;
  readonly start: number;
  readonly end: number;
  readonly chunkBytes: number;
  readonly options: TrecEvalOptions;
  /** Whether the worker may print its topics' `-q` lines (not when a -Z file converts the values later). */
  readonly topicText: boolean;
}

/** A worker's answer. */
export type PartResponse =
  | { readonly kind: 'part'; readonly part: RunPart }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'error';
      readonly exitCode: number;
      readonly trecEvalMessage: string;
      readonly message: string;
      /** A malformed line, numbered within the part (the main thread adds the lines before it). */
      readonly malformed?: { readonly contentLine: number; readonly physicalLine: number; readonly expected: string; readonly found: string };
    };

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
    readRange(session, { path: request.runPath, shown: request.runSource, start: request.start, end: request.end, chunkBytes: request.chunkBytes, failure: '' });
    return { kind: 'part', part: session.endPart() };
  } catch (error) {
    if (error instanceof TrecEvalError) {
      const cause = error.cause;
      const malformed =
        cause instanceof ParseError && error.trecEvalMessage.startsWith('trec_eval.get_results: Malformed line')
          ? { contentLine: Number(/Malformed line (\d+)/.exec(error.trecEvalMessage)?.[1] ?? 0), physicalLine: cause.line, expected: cause.expected, found: cause.found }
          : undefined;
      return { kind: 'error', exitCode: error.exitCode, trecEvalMessage: error.trecEvalMessage, message: error.message, ...(malformed === undefined ? {} : { malformed }) };
    }
    return { kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { TrecEvalError } from '../errors.js';
import type { TrecEvalOptions } from '../trec-eval/options.js';
import { RepeatedTopicSignal, TrecEvalSession } from '../trec-eval/session.js';

/** Files of a trec_eval run: paths as given on the command line (relative to `cwd`). */
export interface TrecEvalFiles {
  readonly qrelsPath: string;
  /** `-` reads standard input (trec_eval 10.0 only). */
  readonly runPath: string;
  readonly zscoresPath?: string | undefined;
}

export interface TrecEvalFilesOptions {
  readonly cwd?: string;
  /** Standard input, for a run path of `-`. */
  readonly stdin?: AsyncIterable<Uint8Array>;
  /** Read size; the default 8 MiB keeps memory flat on runs of any size. */
  readonly chunkBytes?: number;
}

/**
 * Runs trec_eval on files, streaming the run: memory holds the judgments and one topic's documents, not the run
 * file. Output goes to `write` in chunks, exactly as trec_eval prints it. A run whose topics are not on
 * consecutive lines is read a second time, keeping every topic until the end.
 *
 * @throws {TrecEvalError} with trec_eval's exit code and message, for unreadable files too.
 */
export async function trecEvalFiles(files: TrecEvalFiles, options: TrecEvalOptions, write: (text: string) => void, io: TrecEvalFilesOptions = {}): Promise<void> {
  const cwd = io.cwd ?? '.';
  const qrels = readWhole(resolve(cwd, files.qrelsPath), files.qrelsPath, `trec_eval.get_qrels: Cannot read qrels file '${files.qrelsPath}'\ntrec_eval: Quit in file '${files.qrelsPath}'\n`, 2);
  const zscores =
    files.zscoresPath === undefined ? undefined : { bytes: readWhole(resolve(cwd, files.zscoresPath), files.zscoresPath, `trec_eval.get_prefs: Cannot read zscores file '${files.zscoresPath}'\n`, 255), source: files.zscoresPath };
  const fromStdin = files.runPath === '-' && options.version === '10.0';
  const session = (streaming: boolean): TrecEvalSession =>
    new TrecEvalSession({ options, qrels, qrelsSource: files.qrelsPath, runSource: files.runPath, streaming, ...(zscores === undefined ? {} : { zscores }) });
  const runFailure = `trec_eval.get_results: Cannot read results file '${files.runPath}'\ntrec_eval: Quit in file '${files.runPath}'\n`;
  if (fromStdin) {
    const current = session(false);
    let total = 0;
    for await (const chunk of io.stdin ?? emptyInput()) {
      total += chunk.length;
      current.push(chunk);
    }
    if (total === 0) throw new TrecEvalError({ message: 'standard input: expected TREC run lines, found nothing', exitCode: 2, trecEvalMessage: runFailure });
    finishWithPartial(current, write);
    return;
  }
  const runPath = resolve(cwd, files.runPath);
  const chunkBytes = io.chunkBytes ?? 8 * 1024 * 1024;
  const readRun = (target: TrecEvalSession): void => {
    let descriptor: number;
    try {
      descriptor = openSync(runPath, 'r');
    } catch (error) {
      throw new TrecEvalError({ message: describeFileError(error, files.runPath), exitCode: 2, trecEvalMessage: runFailure, cause: error });
    }
    try {
      const buffer = new Uint8Array(chunkBytes);
      let total = 0;
      for (;;) {
        let count: number;
        try {
          count = readSync(descriptor, buffer, 0, chunkBytes, null);
        } catch (error) {
          throw new TrecEvalError({ message: describeFileError(error, files.runPath), exitCode: 2, trecEvalMessage: runFailure, cause: error });
        }
        if (count === 0) break;
        total += count;
        target.push(count === chunkBytes ? buffer : buffer.subarray(0, count));
      }
      if (total === 0) throw new TrecEvalError({ message: `${files.runPath}: expected TREC run lines "qid iter docno rank score runid", found an empty file`, exitCode: 2, trecEvalMessage: runFailure });
    } finally {
      closeSync(descriptor);
    }
  };
  const streamingSession = session(true);
  try {
    readRun(streamingSession);
  } catch (error) {
    if (!(error instanceof RepeatedTopicSignal)) throw error;
    const retained = session(false);
    readRun(retained);
    finishWithPartial(retained, write);
    return;
  }
  finishWithPartial(streamingSession, write);
}

function finishWithPartial(session: TrecEvalSession, write: (text: string) => void): void {
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

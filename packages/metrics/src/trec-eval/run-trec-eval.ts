import { TrecEvalError } from '../errors.js';
import type { TrecEvalOptions } from './options.js';
import { RepeatedTopicSignal, TrecEvalSession } from './session.js';

/** Inputs of {@link trecEval}: file contents as bytes, and the names to use in messages. */
export interface TrecEvalInput {
  readonly qrels: Uint8Array;
  readonly run: Uint8Array;
  readonly qrelsSource?: string;
  readonly runSource?: string;
  /** Contents of a `-Z` file. */
  readonly zscores?: Uint8Array;
  readonly zscoresSource?: string;
}

/**
 * Runs trec_eval on in-memory files and returns exactly what trec_eval prints on stdout.
 *
 * @throws {TrecEvalError} where trec_eval stops with an error: `exitCode` and `trecEvalMessage` are trec_eval's,
 * `partialOutput` is what it printed before stopping.
 */
export function trecEval(input: TrecEvalInput, options: TrecEvalOptions = {}): string {
  const parts: string[] = [];
  const run = (streaming: boolean): void => {
    const session = new TrecEvalSession({
      options,
      qrels: input.qrels,
      qrelsSource: input.qrelsSource ?? 'qrels',
      runSource: input.runSource ?? 'run',
      streaming,
      ...(input.zscores === undefined ? {} : { zscores: { bytes: input.zscores, source: input.zscoresSource ?? 'zscores' } }),
    });
    if (input.run.length === 0) {
      const source = input.runSource ?? 'run';
      throw new TrecEvalError({ message: `${source}: expected TREC run lines "qid iter docno rank score runid", found an empty file`, exitCode: 2, trecEvalMessage: `trec_eval.get_results: Cannot read results file '${source}'\ntrec_eval: Quit in file '${source}'\n` });
    }
    session.push(input.run);
    session.finish((text) => parts.push(text));
  };
  try {
    run(true);
  } catch (error) {
    if (!(error instanceof RepeatedTopicSignal)) {
      if (error instanceof TrecEvalError) error.partialOutput = parts.join('') + error.partialOutput;
      throw error;
    }
    parts.length = 0;
    try {
      run(false);
    } catch (retry) {
      if (retry instanceof TrecEvalError) retry.partialOutput = parts.join('') + retry.partialOutput;
      throw retry;
    }
  }
  return parts.join('');
}

import { TrecEvalError } from '../errors.js';
import { selectMeasures } from './measure-selection.js';
import { resolveTrecEvalOptions } from './options.js';
import type { TrecEvalOptions } from './options.js';
import { TrecEvalSession, runTrecEvalSession } from './session.js';

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
 * Checks what trec_eval checks while it reads its command line, before opening any file: every `-m` names a
 * measure or a nickname of this version, and no `-m name.` has an empty parameter list.
 *
 * @throws {TrecEvalError} exit code 1 with trec_eval's message.
 */
export function checkTrecEvalOptions(options: TrecEvalOptions = {}): void {
  const resolved = resolveTrecEvalOptions(options);
  selectMeasures(resolved.measures, resolved.version);
}

/**
 * Runs trec_eval on in-memory files and returns exactly what trec_eval prints on stdout. Any order of the run's
 * lines gives the same output (trec_eval sorts them).
 *
 * @throws {TrecEvalError} where trec_eval stops with an error: `exitCode` and `trecEvalMessage` are trec_eval's,
 * `partialOutput` is what it printed before stopping.
 */
export function trecEval(input: TrecEvalInput, options: TrecEvalOptions = {}): string {
  checkTrecEvalOptions(options);
  const source = input.runSource ?? 'run';
  const create = (streaming: boolean): TrecEvalSession =>
    new TrecEvalSession({
      options,
      qrels: input.qrels,
      qrelsSource: input.qrelsSource ?? 'qrels',
      runSource: source,
      streaming,
      ...(input.zscores === undefined ? {} : { zscores: { bytes: input.zscores, source: input.zscoresSource ?? 'zscores' } }),
    });
  const parts: string[] = [];
  try {
    const session = runTrecEvalSession(
      (streaming) => {
        const created = create(streaming);
        if (input.run.length === 0) {
          throw new TrecEvalError({ message: `${source}: expected TREC run lines "qid iter docno rank score runid", found an empty file`, exitCode: 2, trecEvalMessage: `trec_eval.get_results: Cannot read results file '${source}'\ntrec_eval: Quit in file '${source}'\n` });
        }
        return created;
      },
      (session) => {
        session.push(input.run);
      },
    );
    session.finish((text) => parts.push(text));
  } catch (error) {
    if (error instanceof TrecEvalError) error.partialOutput = parts.join('') + error.partialOutput;
    throw error;
  }
  return parts.join('');
}

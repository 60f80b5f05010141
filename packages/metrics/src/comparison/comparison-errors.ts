import { MetricsError } from '../errors.js';

/** Why a comparison cannot be made. */
export type ComparisonProblem =
  | 'no-systems'
  | 'duplicate-name'
  | 'length-mismatch'
  | 'too-few-queries'
  | 'empty-qrels'
  | 'qrels-without-overlap'
  | 'run-for-another-query-set'
  | 'invalid-option';

/**
 * The inputs of a comparison do not fit together: a run for another query set, qrels sharing no query with the
 * runs, score arrays of different lengths, two systems with one name. A `MetricsError` (code `invalid_argument`,
 * like `InvalidArgumentError`), with a machine-readable `problem` and the `argument` at fault.
 */
export class ComparisonInputError extends MetricsError {
  override readonly name = 'ComparisonInputError';
  readonly problem: ComparisonProblem;
  readonly argument: string;

  constructor(problem: ComparisonProblem, argument: string, message: string) {
    super('invalid_argument', message);
    this.problem = problem;
    this.argument = argument;
  }
}

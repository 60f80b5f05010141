const metricsErrorMarker = Symbol.for('benchline.metrics.error');

/** Machine-readable reason for a {@link MetricsError}. */
export type MetricsErrorCode = 'invalid_argument' | 'parse_error' | 'unknown_measure' | 'trec_eval';

/**
 * Base class of every error `@benchline/metrics` throws on purpose.
 *
 * `MetricsError.isInstance` works across two installed copies of the package, where `instanceof` does not.
 */
export class MetricsError extends Error {
  readonly [metricsErrorMarker] = true;
  override readonly name: string = 'MetricsError';
  readonly code: MetricsErrorCode;

  constructor(code: MetricsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(error: unknown): error is MetricsError {
    return typeof error === 'object' && error !== null && metricsErrorMarker in error;
  }
}

/** A function was called with an argument outside its domain (a negative cutoff, for instance). */
export class InvalidArgumentError extends MetricsError {
  override readonly name = 'InvalidArgumentError';
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('invalid_argument', message);
    this.argument = argument;
  }
}

/** Where a parse error happened and what was wrong there. */
export interface ParseErrorDetails {
  /** The file name (or another label the caller gave the input, such as `"run"`). */
  readonly source: string;
  /** 1-based physical line number; 0 when the problem is the input as a whole (an empty file). */
  readonly line: number;
  /** What the parser expected, in words: `"6 whitespace-separated fields (qid iter docno rank score runid)"`. */
  readonly expected: string;
  /** What it found instead, quoted and shortened to 80 characters when it is input text. */
  readonly found: string;
}

/**
 * Malformed input: the message names the file, the line, what was expected and what was found, e.g.
 * `run.txt line 7: expected 6 whitespace-separated fields (qid iter docno rank score runid), found 3: "q1 Q0 d1"`.
 */
export class ParseError extends MetricsError implements ParseErrorDetails {
  override readonly name = 'ParseError';
  readonly source: string;
  readonly line: number;
  readonly expected: string;
  readonly found: string;

  constructor(details: ParseErrorDetails) {
    const where = details.line > 0 ? `${details.source} line ${String(details.line)}` : details.source;
    super('parse_error', `${where}: expected ${details.expected}, found ${details.found}`);
    this.source = details.source;
    this.line = details.line;
    this.expected = details.expected;
    this.found = details.found;
  }
}

/** A measure name that neither trec_eval nor the readable-name parser knows. */
export class UnknownMeasureError extends MetricsError {
  override readonly name = 'UnknownMeasureError';
  readonly measure: string;

  constructor(measure: string, message: string) {
    super('unknown_measure', message);
    this.measure = measure;
  }
}

/**
 * A condition on which trec_eval itself stops with an error. `exitCode` is trec_eval's exit status (1 for an
 * illegal measure, 2 for unreadable or malformed input, 4 for duplicate documents or, in 10.0, a judged topic
 * missing from the run, 7 in 9.0.8 when no topic has both results and judgments); `trecEvalMessage` is exactly
 * what trec_eval writes to stderr; `partialOutput` is what it had written to stdout before stopping.
 */
export class TrecEvalError extends MetricsError {
  override readonly name = 'TrecEvalError';
  readonly exitCode: number;
  readonly trecEvalMessage: string;
  partialOutput: string;

  constructor(options: { message: string; exitCode: number; trecEvalMessage: string; partialOutput?: string; cause?: unknown }) {
    super('trec_eval', options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode;
    this.trecEvalMessage = options.trecEvalMessage;
    this.partialOutput = options.partialOutput ?? '';
  }
}

/** Shortens input text for an error message: at most 80 characters, quoted. */
export function quoteFound(text: string): string {
  const clean = text.replace(/\r?\n$/, '');
  return clean.length > 80 ? `"${clean.slice(0, 77)}..." (${String(clean.length)} characters)` : `"${clean}"`;
}

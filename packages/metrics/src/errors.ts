const metricsErrorMarker = Symbol.for('benchline.metrics.error');

/** Machine-readable reason for a {@link MetricsError}. */
export type MetricsErrorCode = 'invalid_argument' | 'parse_error' | 'unknown_measure';

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

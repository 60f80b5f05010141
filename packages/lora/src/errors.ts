const loraErrorMarker = Symbol.for('benchline.lora.error');

/** Machine-readable reason for a {@link LoraError}. */
export type LoraErrorCode = 'invalid_argument' | 'shape_mismatch' | 'format_error';

/**
 * Base class of every error `@benchline/lora` throws on purpose.
 *
 * `LoraError.isInstance` works across two installed copies of the package, where `instanceof` does not.
 */
export class LoraError extends Error {
  readonly [loraErrorMarker] = true;
  override readonly name: string = 'LoraError';
  readonly code: LoraErrorCode;

  constructor(code: LoraErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(error: unknown): error is LoraError {
    return typeof error === 'object' && error !== null && loraErrorMarker in error;
  }
}

/** A function was called with an argument outside its domain (a zero rank, for instance). */
export class InvalidArgumentError extends LoraError {
  override readonly name = 'InvalidArgumentError';
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('invalid_argument', message);
    this.argument = argument;
  }
}

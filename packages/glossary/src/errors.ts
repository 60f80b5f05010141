const glossaryErrorMarker = Symbol.for('benchline.glossary.error');

/** Machine-readable reason for a {@link GlossaryError}. */
export type GlossaryErrorCode = 'unknown_term' | 'invalid_argument';

/**
 * Base class of every error `@benchline/glossary` throws on purpose.
 *
 * `GlossaryError.isInstance` works across two installed copies of the package, where `instanceof` does not.
 */
export class GlossaryError extends Error {
  readonly [glossaryErrorMarker] = true;
  override readonly name: string = 'GlossaryError';
  readonly code: GlossaryErrorCode;

  constructor(code: GlossaryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  static isInstance(error: unknown): error is GlossaryError {
    return typeof error === 'object' && error !== null && glossaryErrorMarker in error;
  }
}

/** No entry has the id, headword or alias asked for. `suggestions` holds the closest ids, best first. */
export class UnknownTermError extends GlossaryError {
  override readonly name = 'UnknownTermError';
  readonly term: string;
  readonly suggestions: readonly string[];

  constructor(term: string, suggestions: readonly string[]) {
    const hint = suggestions.length === 0 ? '' : `; did you mean ${suggestions.map((id) => `"${id}"`).join(', ')}?`;
    super('unknown_term', `no glossary entry for "${term}"${hint}`);
    this.term = term;
    this.suggestions = suggestions;
  }
}

/** A function was called with an argument outside its domain (a limit of 0, for instance). */
export class InvalidArgumentError extends GlossaryError {
  override readonly name = 'InvalidArgumentError';
  readonly argument: string;

  constructor(argument: string, message: string) {
    super('invalid_argument', message);
    this.argument = argument;
  }
}

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

/** Two matrices or vectors whose shapes do not fit together (A·B with A's columns ≠ B's rows, for instance). */
export class ShapeMismatchError extends LoraError {
  override readonly name = 'ShapeMismatchError';

  constructor(message: string) {
    super('shape_mismatch', message);
  }
}

/**
 * A safe merge found NaN or ±Infinity in the merged weights (PEFT's `safe_merge=True` check); the weight was left
 * unchanged.
 */
export class NonFiniteMergeError extends LoraError {
  override readonly name = 'NonFiniteMergeError';
  /** Row-major index of the first non-finite merged element. */
  readonly index: number;

  constructor(message: string, index: number) {
    super('invalid_argument', message);
    this.index = index;
  }
}

/** A Hugging Face `config.json` the calculators cannot use: an unknown architecture or a missing field. */
export class ModelConfigError extends LoraError {
  override readonly name = 'ModelConfigError';
  /** The config field at fault, when there is one (`hidden_size`, `model_type`...). */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super('format_error', message);
    this.field = field;
  }
}

/**
 * The reference safetensors implementation's name for the rule a file broke (its `SafeTensorError` variants), plus
 * `DuplicateKey` (the format's README forbids duplicates; serde would keep the last one) and `UnsupportedDtype`
 * (a valid dtype this library cannot convert).
 */
export type SafetensorsRule =
  | 'HeaderTooSmall'
  | 'HeaderTooLarge'
  | 'InvalidHeaderLength'
  | 'InvalidHeader'
  | 'InvalidHeaderDeserialization'
  | 'DuplicateKey'
  | 'InvalidOffset'
  | 'ValidationOverflow'
  | 'MisalignedSlice'
  | 'TensorInvalidInfo'
  | 'MetadataIncompleteBuffer'
  | 'TensorNotFound'
  | 'InvalidTensorView'
  | 'UnsupportedDtype';

/**
 * A safetensors file (or a tensor handed to the writer) breaks the format. The message names the file when it is
 * known, the tensor when there is one, what was expected and what was found; `rule` is machine-readable.
 */
export class SafetensorsFormatError extends LoraError {
  override readonly name = 'SafetensorsFormatError';
  readonly rule: SafetensorsRule;
  /** The file's path or name, when the caller gave one. */
  readonly file: string | undefined;
  /** The tensor at fault, when there is one. */
  readonly tensor: string | undefined;

  constructor(rule: SafetensorsRule, message: string, details: { file?: string | undefined; tensor?: string | undefined } = {}) {
    super('format_error', message);
    this.rule = rule;
    this.file = details.file;
    this.tensor = details.tensor;
  }
}

/**
 * A PEFT adapter that cannot be used: an `adapter_config.json` field of the wrong type, LoRA A and B that do not fit
 * together (ranks differ, r = 0), a tensor key PEFT would not write, or a module the base model does not have.
 */
export class AdapterFormatError extends LoraError {
  override readonly name = 'AdapterFormatError';
  /** The file at fault (`adapter_config.json`, `adapter_model.safetensors`, a base model), when known. */
  readonly file: string | undefined;
  /** The modules at fault (module paths as PEFT names them), possibly empty. */
  readonly modules: readonly string[];

  constructor(message: string, details: { file?: string | undefined; modules?: readonly string[] } = {}) {
    super('format_error', message);
    this.file = details.file;
    this.modules = details.modules ?? [];
  }
}

import { AdapterFormatError } from '../errors.js';
import { compilePythonRegex } from './python-regex.js';

/**
 * The fields of a PEFT `adapter_config.json` (`LoraConfig`) that decide which modules get LoRA, their rank and
 * scaling, and how ΔW is applied. Every other field is kept in `raw`, untouched, so saving writes it back.
 */
export interface LoraAdapterConfig {
  /** Always `"LORA"`: the only PEFT method this library reads. */
  readonly peftType: 'LORA';
  /** Default rank for every targeted module (`r`). */
  readonly r: number;
  /** Default alpha (`lora_alpha`); the scaling is alpha / r, or alpha / √r with rsLoRA. */
  readonly loraAlpha: number;
  /**
   * `target_modules`: a list (a module matches when its name equals an entry or ends with `.` + entry), a string (a
   * regular expression that must match the whole module name; `"all-linear"` means every linear layer), or null (the
   * architecture's default list, which only a model knows).
   */
  readonly targetModules: readonly string[] | string | null;
  /** `exclude_modules`: a list (same suffix rule) or a full-match regular expression, or null. */
  readonly excludeModules: readonly string[] | string | null;
  /** `modules_to_save`: modules trained in full and saved whole (never given LoRA). Duplicates as in the file. */
  readonly modulesToSave: readonly string[] | null;
  /** `layers_to_transform`: an index or a list of layer indexes (only with a list `target_modules`), or null. */
  readonly layersToTransform: number | readonly number[] | null;
  /** `layers_pattern`: the name of the layer list (`layers`, `h`) used to find the layer index, or null. */
  readonly layersPattern: string | readonly string[] | null;
  /** `rank_pattern`: regular expression → rank, first match in file order wins. */
  readonly rankPattern: ReadonlyMap<string, number>;
  /** `alpha_pattern`: regular expression → alpha, first match in file order wins. */
  readonly alphaPattern: ReadonlyMap<string, number>;
  /** `fan_in_fan_out`: the base weights are stored `[in, out]` (GPT-2's `Conv1D`), so ΔW is transposed before it is added. */
  readonly fanInFanOut: boolean;
  /** `use_rslora`: scaling alpha / √r instead of alpha / r. */
  readonly useRslora: boolean;
  /** `use_dora`: weight-decomposed LoRA (a magnitude vector per module). */
  readonly useDora: boolean;
  /** `bias`: which base biases were trained and saved: `none`, `all`, or `lora_only` (those of LoRA modules). */
  readonly bias: 'none' | 'all' | 'lora_only';
  /** `lora_bias`: lora_B has a bias (scaled like the rest of the B output). */
  readonly loraBias: boolean;
  /** `lora_dropout` (training only). */
  readonly loraDropout: number;
  /** `task_type` (CAUSAL_LM, SEQ_CLS...) or null. */
  readonly taskType: string | null;
  /** `base_model_name_or_path` or null. */
  readonly baseModelNameOrPath: string | null;
  /** Every field of the file as read, including those not interpreted here (saving writes them back). */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** Where a config came from, for error messages. */
export interface AdapterConfigSource {
  readonly file?: string | undefined;
}

/**
 * Reads a parsed `adapter_config.json` as PEFT's `LoraConfig` does: `peft_type` is required and must be `LORA`;
 * every other field is optional with PEFT's default (old configs lack many fields); unknown fields are kept, not
 * refused (PEFT drops them with a warning, for forward compatibility).
 *
 * Refused, with the file and the field named: a field of the wrong type; `r` that is not a positive integer (PEFT
 * raises for r ≤ 0); a rank or alpha in `rank_pattern`/`alpha_pattern` that is not a number (ranks: positive
 * integers); `layers_to_transform` or `layers_pattern` with a regex-string `target_modules` (PEFT raises too); a
 * regular expression that does not compile.
 *
 * @param json - the parsed file.
 * @throws {AdapterFormatError} naming the file and the field.
 */
export function parseAdapterConfig(json: unknown, source: AdapterConfigSource = {}): LoraAdapterConfig {
  const file = source.file ?? 'adapter_config.json';
  const fail = (field: string, what: string): never => {
    throw new AdapterFormatError(`${file}: ${field}: ${what}`, { file: source.file });
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('(top level)', `expected a JSON object, found ${describe(json)}`);
  }
  const raw = json as Record<string, unknown>;
  const field = (name: string): unknown => (Object.hasOwn(raw, name) ? raw[name] : undefined);

  const peftType = field('peft_type');
  if (peftType === undefined) fail('peft_type', 'missing; PEFT requires it ("LORA" for a LoRA adapter)');
  if (peftType !== 'LORA') fail('peft_type', `expected "LORA", found ${describe(peftType)} (only LoRA adapters are supported)`);

  const r = optional(field('r'), 8, (value) => (isPositiveInteger(value) ? value : fail('r', `expected a positive integer (the LoRA rank), found ${describe(value)}`)));
  const loraAlpha = optional(field('lora_alpha'), 8, (value) => (isFiniteNumber(value) ? value : fail('lora_alpha', `expected a number, found ${describe(value)}`)));
  const loraDropout = optional(field('lora_dropout'), 0, (value) => (isFiniteNumber(value) && value >= 0 && value < 1 ? value : fail('lora_dropout', `expected a number in [0, 1), found ${describe(value)}`)));

  const stringListOrRegex = (name: string): readonly string[] | string | null =>
    optional(field(name), null, (value) => {
      if (typeof value === 'string') {
        if (value.toLowerCase() !== 'all-linear') compilePythonRegex(value, 'full', name, source.file);
        return value;
      }
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
      return fail(name, `expected a list of module names or a regular expression string, found ${describe(value)}`);
    });
  const targetModules = stringListOrRegex('target_modules');
  const excludeModules = stringListOrRegex('exclude_modules');
  const modulesToSave = optional(field('modules_to_save'), null, (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value) : fail('modules_to_save', `expected a list of module names, found ${describe(value)}`),
  );
  const layersToTransform = optional(field('layers_to_transform'), null, (value): number | readonly number[] => {
    if (isNonNegativeInteger(value)) return value;
    if (Array.isArray(value) && value.every(isNonNegativeInteger)) return value;
    return fail('layers_to_transform', `expected a layer index or a list of them, found ${describe(value)}`);
  });
  const layersPattern = optional(field('layers_pattern'), null, (value): string | readonly string[] => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
    return fail('layers_pattern', `expected a string or a list of strings, found ${describe(value)}`);
  });
  if (typeof targetModules === 'string' && (layersToTransform !== null || layersPattern !== null)) {
    fail('layers_to_transform', 'cannot be combined with a regular-expression target_modules (PEFT raises the same error)');
  }

  const pattern = (name: string, isValid: (value: unknown) => value is number, expected: string): ReadonlyMap<string, number> =>
    optional(field(name), new Map<string, number>(), (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(name, `expected an object of regular expression → ${expected}, found ${describe(value)}`);
      const entries = new Map<string, number>();
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (!isValid(item)) return fail(`${name}[${JSON.stringify(key)}]`, `expected ${expected}, found ${describe(item)}`);
        compilePythonRegex(key, 'start', `${name} key`, source.file);
        entries.set(key, item);
      }
      return entries;
    });
  const rankPattern = pattern('rank_pattern', isPositiveInteger, 'a positive integer rank');
  const alphaPattern = pattern('alpha_pattern', isFiniteNumber, 'a number');

  const flag = (name: string): boolean => optional(field(name), false, (value) => (typeof value === 'boolean' ? value : fail(name, `expected true or false, found ${describe(value)}`)));
  const bias = optional(field('bias'), 'none' as const, (value) =>
    value === 'none' || value === 'all' || value === 'lora_only' ? value : fail('bias', `expected "none", "all" or "lora_only", found ${describe(value)}`),
  );
  const nullableString = (name: string): string | null => optional(field(name), null, (value) => (typeof value === 'string' ? value : fail(name, `expected a string, found ${describe(value)}`)));

  return {
    peftType: 'LORA',
    r,
    loraAlpha,
    targetModules,
    excludeModules,
    modulesToSave,
    layersToTransform,
    layersPattern,
    rankPattern,
    alphaPattern,
    fanInFanOut: flag('fan_in_fan_out'),
    useRslora: flag('use_rslora'),
    useDora: flag('use_dora'),
    bias,
    loraBias: flag('lora_bias'),
    loraDropout,
    taskType: nullableString('task_type'),
    baseModelNameOrPath: nullableString('base_model_name_or_path'),
    raw: { ...raw },
  };
}

/** What {@link createAdapterConfig} needs; everything else takes PEFT's default. */
export interface AdapterConfigOptions {
  readonly r: number;
  readonly loraAlpha: number;
  readonly targetModules: readonly string[] | string;
  readonly fanInFanOut?: boolean;
  readonly useRslora?: boolean;
  readonly rankPattern?: ReadonlyMap<string, number>;
  readonly alphaPattern?: ReadonlyMap<string, number>;
  readonly taskType?: string | null;
  readonly baseModelNameOrPath?: string | null;
}

/**
 * A new LoRA config with PEFT's defaults for every field not given, in the form PEFT 0.20 writes.
 *
 * @throws {AdapterFormatError} when r is not a positive integer or a pattern does not compile.
 */
export function createAdapterConfig(options: AdapterConfigOptions): LoraAdapterConfig {
  return parseAdapterConfig({
    alpha_pattern: Object.fromEntries(options.alphaPattern ?? []),
    auto_mapping: null,
    base_model_name_or_path: options.baseModelNameOrPath ?? null,
    bias: 'none',
    exclude_modules: null,
    fan_in_fan_out: options.fanInFanOut ?? false,
    inference_mode: true,
    init_lora_weights: true,
    layer_replication: null,
    layers_pattern: null,
    layers_to_transform: null,
    lora_alpha: options.loraAlpha,
    lora_bias: false,
    lora_dropout: 0,
    modules_to_save: null,
    peft_type: 'LORA',
    r: options.r,
    rank_pattern: Object.fromEntries(options.rankPattern ?? []),
    revision: null,
    target_modules: typeof options.targetModules === 'string' ? options.targetModules : [...options.targetModules],
    task_type: options.taskType ?? null,
    use_dora: false,
    use_rslora: options.useRslora ?? false,
  });
}

/**
 * The config as a plain JSON object: every field read from the file (known or not), with the interpreted fields
 * written back from the typed values.
 */
export function adapterConfigToJson(config: LoraAdapterConfig): Record<string, unknown> {
  const json: Record<string, unknown> = { ...config.raw };
  const set = (name: string, value: unknown, defaultValue: unknown): void => {
    // Fields absent from an old config stay absent unless they differ from PEFT's default.
    if (Object.hasOwn(config.raw, name) || JSON.stringify(value) !== JSON.stringify(defaultValue)) json[name] = value;
  };
  json.peft_type = 'LORA';
  set('r', config.r, 8);
  set('lora_alpha', config.loraAlpha, 8);
  set('target_modules', config.targetModules, null);
  set('exclude_modules', config.excludeModules, null);
  set('modules_to_save', config.modulesToSave, null);
  set('layers_to_transform', config.layersToTransform, null);
  set('layers_pattern', config.layersPattern, null);
  set('rank_pattern', Object.fromEntries(config.rankPattern), {});
  set('alpha_pattern', Object.fromEntries(config.alphaPattern), {});
  set('fan_in_fan_out', config.fanInFanOut, false);
  set('use_rslora', config.useRslora, false);
  set('use_dora', config.useDora, false);
  set('bias', config.bias, 'none');
  set('lora_bias', config.loraBias, false);
  set('lora_dropout', config.loraDropout, 0);
  set('task_type', config.taskType, null);
  set('base_model_name_or_path', config.baseModelNameOrPath, null);
  return json;
}

/**
 * `adapter_config.json` text as PEFT writes it (`json.dumps(config, indent=2, sort_keys=True)`): keys sorted at
 * every level, two-space indentation, `", "`-free item separators, non-ASCII escaped as `\uXXXX`, and floats that
 * PEFT declares as floats (`lora_dropout`) written with a decimal point (`0.0`). No trailing newline, as PEFT.
 */
export function serializeAdapterConfig(config: LoraAdapterConfig): string {
  return pythonJson(adapterConfigToJson(config), '', '');
}

const floatFields = new Set(['lora_dropout']);

function pythonJson(value: unknown, indent: string, key: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return floatFields.has(key) && Number.isInteger(value) ? `${String(value)}.0` : String(value);
  }
  if (typeof value === 'string') return asciiJsonString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pythonJson(item, inner, key)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([name, item]) => `${inner}${asciiJsonString(name)}: ${pythonJson(item, inner, name)}`).join(',\n')}\n${indent}}`;
}

function asciiJsonString(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function optional<T>(value: unknown, defaultValue: T, read: (value: unknown) => T): T {
  return value === undefined || value === null ? defaultValue : read(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list (${JSON.stringify(value).slice(0, 60)})`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

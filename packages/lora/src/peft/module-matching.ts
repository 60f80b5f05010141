import type { LoraAdapterConfig } from './adapter-config.js';
import { compilePythonRegex } from './python-regex.js';

/**
 * Whether PEFT gives `moduleName` a LoRA layer under `config` (`check_target_module_exists` in PEFT's
 * `tuners_utils.py`), for a module name as the model's `named_modules()` gives it (`model.layers.0.self_attn.q_proj`,
 * `transformer.h.0.attn.c_attn`: no `base_model.model.` prefix). In order:
 *
 * 1. `exclude_modules` excludes the module: a string by full match, a list by `name == entry` or a `.entry` suffix;
 * 2. `modules_to_save` excludes it: any entry `m` with `re.match(rf"(^|.*\.){m}($|\..*)", name)`;
 * 3. `target_modules`: a string by full match (`re.fullmatch`); a list by `name == entry` or a `.entry` suffix (so
 *    `proj` does not match `q_proj`); null or `"all-linear"` cannot be decided from names alone and give false;
 * 4. `layers_to_transform` (list targets only): the layer index is the number in the last `.<name>.<digits>.`
 *    segment (`re.match(r".*\.[^.]*\.(\d+)\.", name)`, greedy as in PEFT's source), or in `.<layers_pattern>.<digits>.`;
 *    a module without one is not targeted. An empty list means every layer.
 *
 * Degenerate case: a name matched by nothing gives false.
 */
export function isTargetedModule(config: LoraAdapterConfig, moduleName: string): boolean {
  const { excludeModules, modulesToSave, targetModules } = config;
  if (excludeModules !== null && matchesNameList(excludeModules, moduleName, 'exclude_modules')) return false;
  if (modulesToSave !== null && modulesToSave.some((module) => modulesToSaveRegex(module).test(moduleName))) return false;
  if (targetModules === null) return false;
  if (typeof targetModules === 'string') {
    if (targetModules.toLowerCase() === 'all-linear') return false;
    return cachedRegex(targetModules, 'full', 'target_modules').test(moduleName);
  }
  if (!targetModules.some((target) => moduleName === target || moduleName.endsWith(`.${target}`))) return false;
  return isInTransformedLayers(config, moduleName);
}

/**
 * Whether `moduleName` is one of `modules_to_save` (by PEFT's rule, `re.match(rf"(^|.*\.){m}($|\..*)", name)`):
 * such modules are trained in full and saved whole, and a merged model uses the saved copy.
 */
export function isModuleToSave(config: LoraAdapterConfig, moduleName: string): boolean {
  return config.modulesToSave?.some((module) => modulesToSaveRegex(module).test(moduleName)) ?? false;
}

/**
 * The value of the first key of a `rank_pattern` / `alpha_pattern` map (in file order) that matches `moduleName` as
 * PEFT's `get_pattern_key` does: `re.match(rf"(.*\.)?({key})$", name)`, i.e. the key must match a dot-delimited
 * tail of the name, up to its end. Undefined when no key matches.
 */
export function patternValue(pattern: ReadonlyMap<string, number>, moduleName: string): number | undefined {
  for (const [key, value] of pattern) {
    if (cachedRegex(`(.*\\.)?(${key})$`, 'start', 'rank_pattern/alpha_pattern').test(moduleName)) return value;
  }
  return undefined;
}

/** A module's rank: its `rank_pattern` value, or `r`. */
export function moduleRank(config: LoraAdapterConfig, moduleName: string): number {
  return patternValue(config.rankPattern, moduleName) ?? config.r;
}

/** A module's alpha: its `alpha_pattern` value, or `lora_alpha`. */
export function moduleAlpha(config: LoraAdapterConfig, moduleName: string): number {
  return patternValue(config.alphaPattern, moduleName) ?? config.loraAlpha;
}

/**
 * A module's scaling, PEFT's `alpha / r` (or `alpha / √r` with `use_rslora`), with the module's own rank and alpha.
 */
export function moduleScaling(config: LoraAdapterConfig, moduleName: string): number {
  const rank = moduleRank(config, moduleName);
  const alpha = moduleAlpha(config, moduleName);
  return config.useRslora ? alpha / Math.sqrt(rank) : alpha / rank;
}

function isInTransformedLayers(config: LoraAdapterConfig, moduleName: string): boolean {
  const layers = config.layersToTransform;
  if (layers === null || (Array.isArray(layers) && layers.length === 0)) return true;
  const patterns = config.layersPattern === null ? [] : typeof config.layersPattern === 'string' ? [config.layersPattern] : config.layersPattern;
  let match: RegExpExecArray | null = null;
  if (patterns.length === 0 || patterns.every((pattern) => pattern.length === 0)) {
    match = /^.*\.[^.]*\.(\d+)\./.exec(moduleName);
  } else {
    for (const pattern of patterns) {
      match = cachedRegex(`.*\\.${pattern}\\.(\\d+)\\.`, 'start', 'layers_pattern').exec(moduleName);
      if (match !== null) break;
    }
  }
  if (match === null) return false;
  const index = Number(match[1]);
  return typeof layers === 'number' ? index === layers : (layers as readonly number[]).includes(index);
}

function matchesNameList(names: readonly string[] | string, moduleName: string, field: string): boolean {
  if (typeof names === 'string') return cachedRegex(names, 'full', field).test(moduleName);
  return names.some((name) => moduleName === name || moduleName.endsWith(`.${name}`));
}

function modulesToSaveRegex(module: string): RegExp {
  return cachedRegex(`(^|.*\\.)${module}($|\\..*)`, 'start', 'modules_to_save');
}

const regexCache = new Map<string, RegExp>();

function cachedRegex(pattern: string, anchor: 'full' | 'start', field: string): RegExp {
  const key = `${anchor}\u0000${pattern}`;
  let regex = regexCache.get(key);
  if (regex === undefined) {
    regex = compilePythonRegex(pattern, anchor, field);
    regexCache.set(key, regex);
  }
  return regex;
}

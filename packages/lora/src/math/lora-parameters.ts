import { InvalidArgumentError, ModelConfigError } from '../errors.js';
import type { ModelArchitecture, TargetableModule } from './model-architecture.js';

/** Which modules get LoRA and at which rank: the fields of PEFT's `LoraConfig` that decide it. */
export interface LoraTargetOptions {
  /**
   * PEFT `target_modules`: a list of names (a module matches when its path equals a name or ends with `.name`), a
   * string (a regular expression the whole path must match), or `'all-linear'` (every linear/Conv1D layer except
   * the output layer).
   */
  readonly targetModules: readonly string[] | string;
  /** PEFT `r`. */
  readonly rank: number;
  /** PEFT `rank_pattern`: regex → r; the first key (in insertion order) matching `(.*\.)?(key)$` wins. */
  readonly rankPattern?: Readonly<Record<string, number>>;
  /** PEFT `exclude_modules`: a list (same suffix rule) or a full-match regular expression. */
  readonly excludeModules?: readonly string[] | string;
}

/** LoRA on one module: r·(in + out) trainable parameters (A is r × in, B is out × r). */
export interface LoraModuleCount {
  readonly module: TargetableModule;
  readonly rank: number;
  readonly parameters: number;
}

/** LoRA's trainable parameters on a whole model. */
export interface LoraParameterCount {
  readonly modules: readonly LoraModuleCount[];
  /** Σ r·(in + out) over the targeted modules. */
  readonly trainableParameters: number;
  /** The model's parameters (frozen under LoRA). */
  readonly totalParameters: number;
  /** trainable / total. */
  readonly trainableFraction: number;
}

/**
 * The modules PEFT would wrap with LoRA and the trainable parameters that adds, following PEFT's
 * `check_target_module_exists` (exclusions first, then list suffixes or a full-match regex) and `get_pattern_key`
 * for `rank_pattern`.
 *
 * @throws {InvalidArgumentError} when the rank or a rank_pattern value is not a positive integer, or a regular
 * expression does not compile.
 * @throws {ModelConfigError} when a target matches no module of the model (PEFT raises "Target modules … not found
 * in the base model"); the message lists the module names the model has.
 */
export function loraParameterCount(architecture: ModelArchitecture, options: LoraTargetOptions): LoraParameterCount {
  assertRank('rank', options.rank);
  const patterns = Object.entries(options.rankPattern ?? {}).map(([key, rank]) => {
    assertRank(`rank_pattern["${key}"]`, rank);
    return { matcher: compile(`^(?:.*\\.)?(?:${key})$`, `rank_pattern key "${key}"`), rank };
  });
  const isExcluded = moduleMatcher(options.excludeModules, 'exclude_modules');
  const { targetModules } = options;
  const allLinear = typeof targetModules === 'string' && targetModules.toLowerCase() === 'all-linear';
  const isTarget = allLinear
    ? (module: TargetableModule) => module.kind !== 'embedding' && !module.isOutputLayer
    : moduleMatcher(targetModules, 'target_modules');
  const modules: LoraModuleCount[] = [];
  for (const module of architecture.modules) {
    if (isExcluded(module) || !isTarget(module)) continue;
    const rank = patterns.find(({ matcher }) => matcher.test(module.name))?.rank ?? options.rank;
    modules.push({ module, rank, parameters: rank * (module.inFeatures + module.outFeatures) });
  }
  if (modules.length === 0) {
    const names = [...new Set(architecture.modules.map((module) => module.name.split('.').at(-1)!))];
    throw new ModelConfigError(
      `target modules ${JSON.stringify(targetModules)} not found in the ${architecture.modelType} model; its modules are named ${names.join(', ')}`,
      'target_modules',
    );
  }
  if (Array.isArray(targetModules)) {
    const unmatched = (targetModules as readonly string[]).filter((target) => !modules.some(({ module }) => matchesSuffix(module.name, target)));
    if (unmatched.length > 0) {
      throw new ModelConfigError(`target module ${unmatched.map((name) => `"${name}"`).join(', ')} matches no module of the ${architecture.modelType} model`, 'target_modules');
    }
  }
  const trainableParameters = modules.reduce((sum, { parameters }) => sum + parameters, 0);
  return { modules, trainableParameters, totalParameters: architecture.totalParameters, trainableFraction: trainableParameters / architecture.totalParameters };
}

function moduleMatcher(selection: readonly string[] | string | undefined, what: string): (module: TargetableModule) => boolean {
  if (selection === undefined) return () => false;
  if (typeof selection === 'string') {
    const matcher = compile(`^(?:${selection})$`, what);
    return (module) => matcher.test(module.name);
  }
  return (module) => selection.some((name) => matchesSuffix(module.name, name));
}

function matchesSuffix(path: string, name: string): boolean {
  return path === name || path.endsWith(`.${name}`);
}

function compile(source: string, what: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new InvalidArgumentError('targetModules', `${what} is not a valid regular expression: ${(error as Error).message}`);
  }
}

function assertRank(what: string, rank: number): void {
  if (!Number.isSafeInteger(rank) || rank < 1) throw new InvalidArgumentError('rank', `${what} must be a positive integer, got ${String(rank)}`);
}

import { InvalidArgumentError } from '../errors.js';
import type { PeftAdapter } from '../peft/adapter.js';
import type { ExtractedModule, ExtractionSelection } from '../peft/extract-adapter.js';
import { adapterFromExtraction, extractModule, selectExtractionTargets } from '../peft/extract-adapter.js';
import { writeAdapterFolder } from './adapter-folder.js';
import { isSameFile } from './same-file.js';
import { openSafetensorsFile } from './safetensors-file.js';

/** What {@link extractAdapterFromFiles} needs. */
export interface ExtractFilesOptions {
  readonly basePath: string;
  readonly tunedPath: string;
  /** The LoRA rank r (lora_alpha = r, so scaling 1). */
  readonly rank: number;
  /** The adapter folder to write (created atomically, or its two files replaced atomically). */
  readonly outputFolder: string;
  /** A regular expression matching whole module paths to extract (default: every 2-D weight that differs). */
  readonly target?: string | undefined;
  /** See `selectExtractionTargets` (default `auto`: GPT-2 Conv1D modules by name). */
  readonly fanInFanOut?: boolean | 'auto';
  /** Prepended to module paths in the adapter (`transformer.` for a GPT-2 base stored without it). */
  readonly modulePrefix?: string;
  /** Seed of the randomized SVD (default 0). */
  readonly seed?: number;
  /** Called after each weight: `done` of `total` candidate weights, and the module just finished. */
  readonly onProgress?: (done: number, total: number, modulePath: string) => void;
}

/** What an extraction produced. */
export interface ExtractFilesResult {
  readonly adapter: PeftAdapter;
  readonly modules: readonly ExtractedModule[];
  readonly selection: ExtractionSelection;
  /** Candidate weights identical in both files (no LoRA needed). */
  readonly unchanged: readonly string[];
  /** Tensors that differ but are not 2-D weights (biases, norms): a LoRA cannot carry them. */
  readonly differentNonMatrices: readonly string[];
}

/**
 * Extracts the best rank-r LoRA of every 2-D weight that differs between two models (tuned − base), one weight
 * at a time (two tensors and their float32 difference in memory at once), and writes a PEFT adapter folder.
 *
 * @throws {InvalidArgumentError} for a rank below 1, an invalid `target`, or an output folder that is an input file.
 * @throws {SafetensorsFormatError} for a malformed model file.
 * @throws {AdapterFormatError} when the models disagree on a tensor's shape or dtype, or nothing differs; no
 *   output is written then.
 */
export async function extractAdapterFromFiles(options: ExtractFilesOptions): Promise<ExtractFilesResult> {
  const { basePath, tunedPath, rank, outputFolder } = options;
  if (!Number.isSafeInteger(rank) || rank < 1) throw new InvalidArgumentError('rank', `rank must be a positive integer, got ${String(rank)}`);
  for (const input of [basePath, tunedPath]) {
    if (await isSameFile(outputFolder, input)) throw new InvalidArgumentError('output', `${outputFolder}: refusing to overwrite an input file (${input})`);
  }
  const base = await openSafetensorsFile(basePath);
  try {
    const tuned = await openSafetensorsFile(tunedPath);
    try {
      const selection = selectExtractionTargets(base.header.entries, tuned.header.entries, { target: options.target, fanInFanOut: options.fanInFanOut ?? 'auto' });
      const modules: ExtractedModule[] = [];
      const unchanged: string[] = [];
      let done = 0;
      for (const target of selection.targets) {
        const extracted = extractModule(target, await base.readTensor(target.name), await tuned.readTensor(target.name), { rank, seed: options.seed ?? 0 });
        if (extracted === undefined) unchanged.push(target.name);
        else modules.push(extracted);
        options.onProgress?.(++done, selection.targets.length, target.modulePath);
      }
      const chosen = new Set(selection.targets.map((target) => target.name));
      const differentNonMatrices: string[] = [];
      for (const entry of base.header.entries) {
        if (chosen.has(entry.name) || tuned.entry(entry.name) === undefined) continue;
        if (entry.shape.length === 2 && entry.name.endsWith('.weight')) continue;
        const before = await base.readTensor(entry.name);
        const after = await tuned.readTensor(entry.name);
        if (before.data.length === after.data.length && !before.data.every((byte, index) => byte === after.data[index])) differentNonMatrices.push(entry.name);
      }
      const adapter = adapterFromExtraction(modules, { rank, modulePrefix: options.modulePrefix ?? '' });
      await writeAdapterFolder(outputFolder, adapter);
      return { adapter, modules, selection, unchanged, differentNonMatrices };
    } finally {
      await tuned.close();
    }
  } finally {
    await base.close();
  }
}

import { readFile } from 'node:fs/promises';
import { LoraError } from '../errors.js';

/**
 * Reads a Hugging Face `config.json` (or `adapter_config.json`) into a plain object.
 * Node-only; the isomorphic entry point never touches the file system.
 *
 * @throws {LoraError} with code `format_error` when the file is not a JSON object; the message names the file.
 */
export async function readJsonConfig(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LoraError('format_error', `${path}: invalid JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LoraError('format_error', `${path}: expected a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  return value as Record<string, unknown>;
}

export { createAtomicFile, writeFileAtomic } from './atomic-file.js';
export type { AtomicFile } from './atomic-file.js';
export { openSafetensorsFile, readSafetensorsFile } from './safetensors-file.js';
export type { SafetensorsFileReader } from './safetensors-file.js';
export { createSafetensorsWriter, writeSafetensorsFile } from './safetensors-writer.js';
export type { SafetensorsStreamWriter } from './safetensors-writer.js';
export { adapterConfigFileName, adapterWeightsFileName, readAdapterFolder, writeAdapterFolder } from './adapter-folder.js';
export { isSameFile } from './same-file.js';
export { mergeAdapterIntoFile } from './merge-file.js';
export type { MergeFileOptions, MergeFileResult } from './merge-file.js';
export { extractAdapterFromFiles } from './extract-file.js';
export type { ExtractFilesOptions, ExtractFilesResult } from './extract-file.js';
export { createParallelKernels, useParallelKernels } from './parallel-kernels.js';
export type { ParallelKernelOptions, ParallelKernelSet } from './parallel-kernels.js';

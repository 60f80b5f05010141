import { InvalidArgumentError } from '../errors.js';
import type { PeftAdapter } from '../peft/adapter.js';
import type { MergePlan } from '../peft/merge-plan.js';
import { MergeWorkspace, applyMergeOperations, planMerge } from '../peft/merge-plan.js';
import { isSameFile } from './same-file.js';
import { openSafetensorsFile } from './safetensors-file.js';
import { createSafetensorsWriter } from './safetensors-writer.js';

/** What {@link mergeAdapterIntoFile} needs. */
export interface MergeFileOptions {
  /** The base model's `.safetensors` file. */
  readonly basePath: string;
  /** The adapter (see `readAdapterFolder`). */
  readonly adapter: PeftAdapter;
  /** The adapter's files, which the output must not overwrite either. */
  readonly adapterPaths?: readonly string[];
  /** Where the merged model goes; written atomically. */
  readonly outputPath: string;
  /** Called as bytes are written: `done` of `total` data bytes. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What a merge did. */
export interface MergeFileResult {
  readonly plan: MergePlan;
  /** Base tensors that changed. */
  readonly mergedTensors: readonly string[];
  /** Base tensors copied byte for byte. */
  readonly copiedTensors: number;
  /** The output file's size. */
  readonly bytes: number;
  /** The largest tensor of the base, in bytes (the merge's memory is a small multiple of it). */
  readonly largestTensorBytes: number;
}

/** Untouched tensors are copied through a buffer of at most this size, so their size does not matter. */
const copyChunkBytes = 8 * 1024 * 1024;

/**
 * Merges a PEFT adapter into a base model file, streaming: the base header is validated and copied as is (the
 * merge changes no name, dtype, shape or offset), then tensors are processed one at a time in file order. Targeted
 * weights are read, decoded to float32, given W += scaling·B·A (see `planMerge` for the key mapping and
 * orientation, `applyMergeOperations` for the arithmetic) and stored back in their dtype; every other tensor is
 * copied byte for byte in chunks. Memory stays near the largest targeted tensor (its bytes, a float32 copy and the
 * re-encoded result). The output is written to a temporary file beside it and renamed only when complete.
 *
 * @throws {InvalidArgumentError} when the output is the base file or an adapter file (also through a symbolic or
 *   hard link).
 * @throws {SafetensorsFormatError} for a malformed base file.
 * @throws {AdapterFormatError} listing modules missing from the base, shape or dtype mismatches, or a merge that
 *   produces Inf/NaN. On any error no output file is left.
 */
export async function mergeAdapterIntoFile(options: MergeFileOptions): Promise<MergeFileResult> {
  const { basePath, adapter, outputPath } = options;
  for (const input of [basePath, ...(options.adapterPaths ?? [])]) {
    if (await isSameFile(outputPath, input)) {
      throw new InvalidArgumentError('output', `${outputPath}: refusing to overwrite an input file (${input}); choose another output path`);
    }
  }
  const reader = await openSafetensorsFile(basePath);
  try {
    const { header } = reader;
    const plan = planMerge(adapter, header.entries, { baseFile: basePath });
    const writer = await createSafetensorsWriter(outputPath, { prefix: reader.prefix, dataStart: header.dataStart, entries: header.entries, fileLength: header.dataStart + header.dataLength });
    const mergedTensors: string[] = [];
    let copiedTensors = 0;
    let largestTensorBytes = 0;
    let done = 0;
    try {
      const chunk = new Uint8Array(Math.min(copyChunkBytes, Math.max(1, header.dataLength)));
      // One raw buffer and one workspace for every merged tensor, sized to the largest.
      const largestMerged = Math.max(0, ...[...plan.operations.keys()].map((name) => (header.byName.get(name)?.end ?? 0) - (header.byName.get(name)?.begin ?? 0)));
      const raw = new Uint8Array(largestMerged);
      const workspace = new MergeWorkspace();
      for (const entry of header.entries) {
        const size = entry.end - entry.begin;
        largestTensorBytes = Math.max(largestTensorBytes, size);
        const operations = plan.operations.get(entry.name);
        if (operations !== undefined) {
          const merged = applyMergeOperations(entry.name, await reader.readTensor(entry.name, raw), operations, { baseFile: basePath, workspace });
          await writer.write(entry.name, merged.data);
          mergedTensors.push(entry.name);
        } else {
          for (let offset = 0; offset < size; offset += chunk.length) {
            const piece = chunk.subarray(0, Math.min(chunk.length, size - offset));
            await reader.readData(piece, entry.begin + offset);
            await writer.write(entry.name, piece);
          }
          copiedTensors++;
        }
        done += size;
        options.onProgress?.(done, header.dataLength);
      }
      await writer.commit();
    } catch (error) {
      await writer.abort();
      throw error;
    }
    return { plan, mergedTensors, copiedTensors, bytes: header.dataStart + header.dataLength, largestTensorBytes };
  } finally {
    await reader.close();
  }
}

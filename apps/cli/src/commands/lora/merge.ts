import { resolve } from 'node:path';
import { mergeAdapterIntoFile, readAdapterFolder, adapterConfigFileName, adapterWeightsFileName, useParallelKernels } from '@benchline/lora/node';
import type { CliIo } from '../../io.js';
import { formatInteger } from '../../output/format.js';
import type { Progress } from '../../output/progress.js';
import { createProgress } from '../../output/progress.js';

export interface LoraMergeOptions {
  readonly base: string;
  readonly adapter: string;
  readonly out: string;
  readonly json: boolean;
}

/**
 * `benchline lora merge --base model.safetensors --adapter DIR --out merged.safetensors`: W += scaling·B·A for every
 * module the adapter targets, in float32, stored in the base dtype, streaming tensor by tensor into an atomically
 * written file. The key mapping and orientation rules are `planMerge`'s (see the lora package README).
 */
export async function loraMerge(options: LoraMergeOptions, io: CliIo): Promise<void> {
  // The WebAssembly SIMD kernels on every core (JavaScript where WebAssembly SIMD is missing).
  await useParallelKernels();
  const basePath = resolve(io.cwd, options.base);
  const adapterFolder = resolve(io.cwd, options.adapter);
  const outputPath = resolve(io.cwd, options.out);
  const adapter = await readAdapterFolder(adapterFolder);
  let progress: Progress | undefined;
  const started = Date.now();
  const result = await mergeAdapterIntoFile({
    basePath,
    adapter,
    adapterPaths: [resolve(adapterFolder, adapterConfigFileName), resolve(adapterFolder, adapterWeightsFileName)],
    outputPath,
    onProgress: (done, total) => {
      progress ??= createProgress(io, { total: Math.max(1, Math.round(total / 2 ** 20)), label: 'merging (MiB)' });
      progress.update(Math.round(done / 2 ** 20));
    },
  });
  progress?.stop();
  const seconds = (Date.now() - started) / 1000;
  const { plan } = result;
  const warnings: string[] = [];
  if (plan.unmatchedTensors.length > 0) {
    warnings.push(`the adapter saves ${plan.unmatchedTensors.join(', ')} in full (modules_to_save), but the base has no such tensor; the merged model does not include them`);
  }
  if (plan.orientationOverrides.length > 0) {
    warnings.push(`fan_in_fan_out is ${String(adapter.config.fanInFanOut)} in the config, but the base stores ${plan.orientationOverrides.join(', ')} the other way round; merged as the base's shape requires (PEFT does the same per layer type)`);
  }
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify(
        {
          base: basePath,
          adapter: adapterFolder,
          output: outputPath,
          keyMapping: plan.mapping,
          mergedTensors: result.mergedTensors,
          copiedTensors: result.copiedTensors,
          replacedTensors: [...plan.operations.values()].flat().filter((operation) => operation.kind === 'replace').map((operation) => (operation.kind === 'replace' ? operation.path : '')),
          unmatchedTensors: plan.unmatchedTensors,
          orientationOverrides: plan.orientationOverrides,
          bytes: result.bytes,
          seconds,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const mapping = plan.mapping.stripPrefix !== '' ? ` (module names without "${plan.mapping.stripPrefix}")` : plan.mapping.addPrefix !== '' ? ` (module names with "${plan.mapping.addPrefix}" added)` : '';
    io.stdout.write(
      `merged ${String(adapter.modules.length)} LoRA module(s) into ${String(result.mergedTensors.length)} tensor(s)${mapping}; ${formatInteger(result.copiedTensors)} tensor(s) copied unchanged\nwrote ${outputPath} (${formatInteger(result.bytes)} bytes) in ${seconds.toFixed(1)} s\n`,
    );
  }
  for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
}

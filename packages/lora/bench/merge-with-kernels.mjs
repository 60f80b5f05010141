#!/usr/bin/env node
// `node bench/merge-with-kernels.mjs <typescript|wasm|parallel> <base.safetensors> <adapter folder> <out.safetensors>`:
// the merge `benchline lora merge` runs (mergeAdapterIntoFile), on the kernel set named, so files.bench.mjs can time
// the whole merge on the pure TypeScript path (kernels and F16/BF16 conversions) against the WebAssembly one. Reads
// the built package.
import { useJavaScriptKernels, useWasmKernels } from '../dist/index.js';
import { setWasmConversionsEnabled } from '../dist/kernels/wasm/wasm-conversions.js';
import { adapterConfigFileName, adapterWeightsFileName, mergeAdapterIntoFile, readAdapterFolder, useParallelKernels } from '../dist/node/index.js';
import { join } from 'node:path';

const [kernels, basePath, adapterFolder, outputPath] = process.argv.slice(2);
if (kernels === 'typescript') {
  useJavaScriptKernels();
  setWasmConversionsEnabled(false);
} else if (kernels === 'wasm') {
  useWasmKernels();
} else if (kernels === 'parallel') {
  await useParallelKernels();
} else {
  console.error('usage: merge-with-kernels.mjs <typescript|wasm|parallel> <base.safetensors> <adapter folder> <out.safetensors>');
  process.exit(2);
}
const adapter = await readAdapterFolder(adapterFolder);
await mergeAdapterIntoFile({ basePath, adapter, adapterPaths: [join(adapterFolder, adapterConfigFileName), join(adapterFolder, adapterWeightsFileName)], outputPath });

// The package's test suites that compute with the kernels, run a second time with every product on the WebAssembly
// SIMD kernels. Their first run, in their own files, uses the default kernel set (the WebAssembly kernels in Node),
// which sends products below 32,768 multiply–adds (most of the reference's small matrices) to the JavaScript kernels;
// `minimumMultiplyAdds: 0` sends every product below to WebAssembly. kernels-javascript-suites.test.ts runs the same
// suites on the JavaScript kernels alone. Every bound in them is a float32 one (test/float32-bounds.ts), which both
// sets meet: the JavaScript kernels sum in float64, WebAssembly in float32 as BLAS and PyTorch do.
import { describe, expect, it } from 'vitest';
import { createWasmKernels, getKernelSet, setKernelSet } from '../src/index.js';

const kernels = createWasmKernels({ name: 'wasm-simd (all sizes)', minimumMultiplyAdds: 0 });
if (kernels === undefined) throw new Error('WebAssembly SIMD is missing: Node 20 has it, so this is a broken environment');
setKernelSet(kernels);

describe('the kernel suites on WebAssembly SIMD', () => {
  it('runs them on the WebAssembly kernels', () => {
    expect(getKernelSet().name).toBe('wasm-simd (all sizes)');
  });
});

describe('kernels on WebAssembly SIMD', async () => {
  await import('../src/kernels/kernels.test.js');
});
describe('reference-math on WebAssembly SIMD', async () => {
  await import('./reference-math.test.js');
});
describe('reference-merge-svd on WebAssembly SIMD', async () => {
  await import('./reference-merge-svd.test.js');
});
describe('reference-layer-train on WebAssembly SIMD', async () => {
  await import('./reference-layer-train.test.js');
});
describe('peft-extract on WebAssembly SIMD', async () => {
  await import('./peft-extract.test.js');
});
describe('peft-merge on WebAssembly SIMD', async () => {
  await import('./peft-merge.test.js');
});
describe('adapters on WebAssembly SIMD', async () => {
  await import('./adapters.test.js');
});
describe('lora-linear on WebAssembly SIMD', async () => {
  await import('../src/layers/lora-linear.test.js');
});
describe('combine on WebAssembly SIMD', async () => {
  await import('../src/merge/combine.test.js');
});
describe('optimizers on WebAssembly SIMD', async () => {
  await import('../src/train/optimizers.test.js');
});

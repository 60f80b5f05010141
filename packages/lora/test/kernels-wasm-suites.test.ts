// The package's test suites that compute with the kernels, run a second time on the WebAssembly SIMD kernels
// (their first run, in their own files, uses the default JavaScript kernels). `minimumMultiplyAdds: 0` sends even the
// reference's small matrices to WebAssembly, so every product below runs there. Two suites are not repeated because
// their bounds are those of float64 accumulation (the JavaScript kernels sum in float64; WebAssembly, like BLAS and
// PyTorch, sums in float32): src/kernels/kernels.test.ts and test/peft-merge.test.ts (2⁻²² for F32 weights).
// kernels-wasm.test.ts checks the WebAssembly kernels against float64 triple loops with the float32 summation bound.
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

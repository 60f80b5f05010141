// The package's test suites that compute with the kernels, run a second time on the portable JavaScript kernels
// alone: their first run, in their own files, uses the default kernel set (the WebAssembly SIMD kernels in Node, for
// products of 32,768 multiply–adds and more), and kernels-wasm-suites.test.ts runs them with every product on
// WebAssembly. The fallback a browser without WebAssembly SIMD gets must pass the same float32 bounds.
import { describe, expect, it } from 'vitest';
import { activeKernelSetName, javascriptKernels, useJavaScriptKernels } from '../src/index.js';

const kernels = useJavaScriptKernels();

describe('the kernel suites on the JavaScript kernels', () => {
  it('runs them on the JavaScript kernels', () => {
    expect(kernels).toBe(javascriptKernels);
    expect(activeKernelSetName()).toBe('javascript');
  });
});

describe('kernels on the JavaScript kernels', async () => {
  await import('../src/kernels/kernels.test.js');
});
describe('reference-math on the JavaScript kernels', async () => {
  await import('./reference-math.test.js');
});
describe('reference-merge-svd on the JavaScript kernels', async () => {
  await import('./reference-merge-svd.test.js');
});
describe('reference-layer-train on the JavaScript kernels', async () => {
  await import('./reference-layer-train.test.js');
});
describe('peft-extract on the JavaScript kernels', async () => {
  await import('./peft-extract.test.js');
});
describe('peft-merge on the JavaScript kernels', async () => {
  await import('./peft-merge.test.js');
});
describe('adapters on the JavaScript kernels', async () => {
  await import('./adapters.test.js');
});
describe('lora-linear on the JavaScript kernels', async () => {
  await import('../src/layers/lora-linear.test.js');
});
describe('combine on the JavaScript kernels', async () => {
  await import('../src/merge/combine.test.js');
});
describe('optimizers on the JavaScript kernels', async () => {
  await import('../src/train/optimizers.test.js');
});

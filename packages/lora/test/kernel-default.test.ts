// Which kernel set the package uses when nobody chooses: the WebAssembly SIMD kernels where the engine compiles them
// synchronously (Node here), the JavaScript kernels where WebAssembly SIMD is missing, and, on an engine that refuses
// synchronous compilation (an older Chromium main thread, simulated by a WebAssembly global whose constructors throw
// as Chromium's do), the JavaScript kernels until `initWasmKernels()` has compiled the module asynchronously.
// Each case loads a fresh copy of the package (vi.resetModules), since the choice is global to a copy.
import { afterEach, describe, expect, it, vi } from 'vitest';

import type * as KernelSetModule from '../src/kernels/kernel-set.js';

async function freshPackage(): Promise<typeof KernelSetModule> {
  vi.resetModules();
  return import('../src/kernels/kernel-set.js');
}

/** The parts of the WebAssembly global the package uses (the package's TypeScript settings have no DOM library). */
interface WebAssemblyGlobal {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
  readonly Memory: unknown;
}

const realWebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyGlobal }).WebAssembly;

/** The WebAssembly global of a main thread that refuses synchronous compilation and instantiation (old Chromium). */
function refusingSynchronousWebAssembly(): object {
  const refuse = (what: string) =>
    class {
      constructor() {
        throw new RangeError(`WebAssembly.${what} is disallowed on the main thread, if the buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.`);
      }
    };
  return {
    validate: realWebAssembly.validate.bind(realWebAssembly),
    compile: realWebAssembly.compile.bind(realWebAssembly),
    instantiate: realWebAssembly.instantiate.bind(realWebAssembly),
    Memory: realWebAssembly.Memory,
    Module: refuse('Compile'),
    Instance: refuse('Instance'),
  };
}

/** A WebAssembly global without the SIMD proposal: every module using v128 fails validation. */
function webAssemblyWithoutSimd(): object {
  return { ...refusingSynchronousWebAssembly(), validate: () => false };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the default kernel set', () => {
  it('is the WebAssembly SIMD set in Node, chosen on first use, until a caller forces another', async () => {
    const kernels = await freshPackage();
    expect(kernels.activeKernelSetName()).toBe('wasm-simd');
    expect(kernels.getKernelSet()).toBe(kernels.wasmKernels());
    expect(kernels.useJavaScriptKernels()).toBe(kernels.javascriptKernels);
    expect(kernels.activeKernelSetName()).toBe('javascript');
    expect(kernels.useWasmKernels().name).toBe('wasm-simd');
    const previous = kernels.setKernelSet(kernels.javascriptKernels);
    expect(previous.name).toBe('wasm-simd');
    expect(kernels.getKernelSet()).toBe(kernels.javascriptKernels);
  });

  it('a set forced before first use is kept (the default is never resolved over it)', async () => {
    const kernels = await freshPackage();
    const previous = kernels.setKernelSet(kernels.javascriptKernels);
    expect(previous.name).toBe('wasm-simd');
    expect(kernels.activeKernelSetName()).toBe('javascript');
  });

  it('is the JavaScript set where WebAssembly is missing altogether, and initWasmKernels leaves it so', async () => {
    vi.stubGlobal('WebAssembly', undefined);
    const kernels = await freshPackage();
    expect(kernels.activeKernelSetName()).toBe('javascript');
    expect(kernels.wasmKernels()).toBeUndefined();
    expect((await kernels.initWasmKernels()).name).toBe('javascript');
    expect(kernels.useWasmKernels().name).toBe('javascript');
  });

  it('is the JavaScript set where WebAssembly has no SIMD', async () => {
    vi.stubGlobal('WebAssembly', webAssemblyWithoutSimd());
    const kernels = await freshPackage();
    expect(kernels.activeKernelSetName()).toBe('javascript');
    expect((await kernels.initWasmKernels()).name).toBe('javascript');
  });

  it('where synchronous compilation is refused: JavaScript at first, WebAssembly once initWasmKernels has resolved', async () => {
    vi.stubGlobal('WebAssembly', refusingSynchronousWebAssembly());
    const kernels = await freshPackage();
    expect(kernels.activeKernelSetName()).toBe('javascript');
    expect(kernels.useWasmKernels().name).toBe('javascript');
    const active = await kernels.initWasmKernels();
    expect(active.name).toBe('wasm-simd');
    expect(kernels.getKernelSet()).toBe(active);
    expect(kernels.wasmKernels()).toBe(active);
    // The asynchronously instantiated kernels compute: 2 × 3 · 3 × 2 on WebAssembly (every size sent there).
    const { createWasmKernelsAsync } = await import('../src/kernels/wasm/wasm-kernels.js');
    const everySize = await createWasmKernelsAsync({ minimumMultiplyAdds: 0 });
    const c = new Float32Array(4);
    everySize!.matmul({ m: 2, n: 2, k: 3, a: Float32Array.of(1, 2, 3, 4, 5, 6), b: Float32Array.of(7, 8, 9, 10, 11, 12), c, alpha: 1, beta: 0 });
    expect([...c]).toEqual([58, 64, 139, 154]);
  });
});

/**
 * Creating the WebAssembly kernel set: synchronously (Node, workers, small modules on a browser's main thread) or
 * asynchronously, with a JavaScript fallback where WebAssembly SIMD is missing.
 *
 * @module
 */
import type { KernelSet } from '../kernel-set.js';
import type { WasmKernelOptions } from './wasm-kernel-set.js';
import { createWasmKernelSet, validateWasmKernelOptions } from './wasm-kernel-set.js';
import type { KernelExports } from './wasm-module.js';
import { compileKernelModule, compileKernelModuleSync, createKernelMemory, instantiateKernels, instantiateKernelsAsync } from './wasm-module.js';
import { WasmWorkspace } from './wasm-workspace.js';

/** Pages a new kernel memory starts with (4 MiB); it grows to what the largest call needs. */
const initialPages = 64;

/**
 * A new WebAssembly SIMD kernel set with its own memory, compiled synchronously.
 *
 * @param options - tuning (see {@link WasmKernelOptions}); the defaults suit every size.
 * @returns undefined where WebAssembly or its 128-bit SIMD is missing, or where the engine refuses synchronous
 *   compilation or instantiation (use the JavaScript kernels there, or {@link createWasmKernelsAsync}).
 * @throws {InvalidArgumentError} when a tuning option is negative or not a number.
 */
export function createWasmKernels(options: WasmKernelOptions = {}): KernelSet | undefined {
  validateWasmKernelOptions(options);
  const module = compileKernelModuleSync();
  if (module === undefined) return undefined;
  const memory = createKernelMemory(initialPages);
  let exports: KernelExports;
  try {
    exports = instantiateKernels(module, memory);
  } catch {
    // A browser's main thread that refuses synchronous instantiation (the module may have been compiled
    // asynchronously before): the caller falls back, or uses createWasmKernelsAsync.
    return undefined;
  }
  return createWasmKernelSet(new WasmWorkspace(exports, memory), options);
}

/**
 * {@link createWasmKernels} with asynchronous compilation and instantiation, which every browser allows on its main
 * thread.
 *
 * @returns undefined where WebAssembly or its 128-bit SIMD is missing.
 * @throws {InvalidArgumentError} when a tuning option is negative or not a number.
 */
export async function createWasmKernelsAsync(options: WasmKernelOptions = {}): Promise<KernelSet | undefined> {
  validateWasmKernelOptions(options);
  const module = await compileKernelModule();
  if (module === undefined) return undefined;
  const memory = createKernelMemory(initialPages);
  const workspace = new WasmWorkspace(await instantiateKernelsAsync(module, memory), memory);
  return createWasmKernelSet(workspace, options);
}

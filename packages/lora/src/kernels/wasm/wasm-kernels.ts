/**
 * Creating the WebAssembly kernel set: synchronously (Node, workers, small modules on a browser's main thread) or
 * asynchronously, with a JavaScript fallback where WebAssembly SIMD is missing.
 *
 * @module
 */
import type { KernelSet } from '../kernel-set.js';
import type { WasmKernelOptions } from './wasm-kernel-set.js';
import { createWasmKernelSet } from './wasm-kernel-set.js';
import type { WasmModuleHandle } from './wasm-module.js';
import { compileKernelModule, compileKernelModuleSync, createKernelMemory, instantiateKernels } from './wasm-module.js';
import { WasmWorkspace } from './wasm-workspace.js';

/** Pages a new kernel memory starts with (4 MiB); it grows to what the largest call needs. */
const initialPages = 64;

function fromModule(module: WasmModuleHandle, options: WasmKernelOptions): KernelSet {
  const memory = createKernelMemory(initialPages);
  const workspace = new WasmWorkspace(instantiateKernels(module, memory), memory);
  return createWasmKernelSet(workspace, options);
}

/**
 * A new WebAssembly SIMD kernel set with its own memory, compiled synchronously.
 *
 * @param options - tuning (see {@link WasmKernelOptions}); the defaults suit every size.
 * @returns undefined where WebAssembly or its 128-bit SIMD is missing (use the JavaScript kernels there).
 * @throws {InvalidArgumentError} when a tuning option is negative or not a number.
 */
export function createWasmKernels(options: WasmKernelOptions = {}): KernelSet | undefined {
  const module = compileKernelModuleSync();
  return module === undefined ? undefined : fromModule(module, options);
}

/**
 * {@link createWasmKernels} with asynchronous compilation, which every browser allows on its main thread.
 *
 * @returns undefined where WebAssembly or its 128-bit SIMD is missing.
 */
export async function createWasmKernelsAsync(options: WasmKernelOptions = {}): Promise<KernelSet | undefined> {
  const module = await compileKernelModule();
  return module === undefined ? undefined : fromModule(module, options);
}

/**
 * Loading the WebAssembly kernels: the embedded module bytes, feature detection, compilation and instantiation.
 *
 * The package's TypeScript settings have no DOM library, so the few parts of the `WebAssembly` global used here are
 * described by local types and reached through `globalThis` (which also makes "no WebAssembly at all" a normal case).
 *
 * @module
 */
import { LoraError } from '../../errors.js';
import { kernelsSharedMaximumPages, kernelsSharedWasmBase64, kernelsWasmBase64 } from './kernels-wasm.generated.js';

/** A compiled module (`WebAssembly.Module`), opaque here. */
export interface WasmModuleHandle {
  readonly __wasmModule?: never;
}

/** The parts of `WebAssembly.Memory` the kernels use. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}

interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<WasmModuleHandle>;
  instantiate(module: WasmModuleHandle, imports: object): Promise<{ readonly exports: object }>;
  readonly Module: new (bytes: Uint8Array) => WasmModuleHandle;
  readonly Instance: new (module: WasmModuleHandle, imports: object) => { readonly exports: object };
  readonly Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The functions the kernel module exports (pointers are byte offsets, sizes and strides in float32 elements). */
export interface KernelExports {
  readonly scratchBytes: () => number;
  readonly heapBase: () => number;
  readonly broadcastProduct: (...args: [m: number, n: number, depth: number, a: number, aRowStride: number, aColStride: number, b: number, ldb: number, c: number, ldc: number, alpha: number, scratch: number]) => void;
  readonly dotProduct: (...args: [m: number, n: number, depth: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, alpha: number, scratch: number]) => void;
  readonly scaleInPlace: (x: number, count: number, alpha: number) => void;
  readonly float32ToBfloat16: (source: number, target: number, count: number) => void;
  readonly bfloat16ToFloat32: (source: number, target: number, count: number) => void;
  readonly float32ToFloat16: (source: number, target: number, count: number) => void;
  readonly float16ToFloat32: (source: number, target: number, count: number) => void;
}

/** Bytes in one WebAssembly page. */
export const wasmPageBytes = 65_536;

/** The `WebAssembly` global, or undefined where there is none. */
export function webAssemblyApi(): WebAssemblyApi | undefined {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  return typeof api === 'object' ? api : undefined;
}

/**
 * A minimal module whose only function returns a `v128` constant: it validates exactly where the engine implements
 * the fixed-width SIMD proposal (Chrome 91, Firefox 89, Safari 16.4, Node 16.4 and later).
 */
const simdProbe = Uint8Array.of(
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x16, 0x01, 0x14, 0x00, // code section: one body of 20 bytes, no locals
  0xfd, 0x0c, ...new Array<number>(16).fill(0), // v128.const 0
  0x0b, // end
);

/** Whether this engine runs WebAssembly with 128-bit SIMD. */
export function wasmSimdSupported(): boolean {
  const api = webAssemblyApi();
  if (api === undefined) return false;
  try {
    return api.validate(simdProbe);
  } catch {
    return false;
  }
}

/** Decodes base64 without `Buffer` (browser and Node). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The module's bytes: `shared` selects the build that imports a shared memory (for worker threads). */
export function kernelModuleBytes(shared = false): Uint8Array {
  return decodeBase64(shared ? kernelsSharedWasmBase64 : kernelsWasmBase64);
}

let compiledPlain: WasmModuleHandle | undefined;

/**
 * The compiled kernel module (unshared memory), compiled once synchronously. Engines may refuse synchronous
 * compilation on a browser's main thread for large modules; this one is about 6 KB.
 *
 * @returns undefined when WebAssembly or its SIMD is missing, or compilation fails.
 */
export function compileKernelModuleSync(): WasmModuleHandle | undefined {
  const api = webAssemblyApi();
  if (api === undefined || !wasmSimdSupported()) return undefined;
  if (compiledPlain !== undefined) return compiledPlain;
  try {
    compiledPlain = new api.Module(kernelModuleBytes());
  } catch {
    return undefined;
  }
  return compiledPlain;
}

/** {@link compileKernelModuleSync} through the asynchronous `WebAssembly.compile` (allowed everywhere). */
export async function compileKernelModule(): Promise<WasmModuleHandle | undefined> {
  const api = webAssemblyApi();
  if (api === undefined || !wasmSimdSupported()) return undefined;
  if (compiledPlain !== undefined) return compiledPlain;
  try {
    compiledPlain = await api.compile(kernelModuleBytes());
  } catch {
    return undefined;
  }
  return compiledPlain;
}

/**
 * The build of the kernels that imports a shared memory (for worker threads), compiled asynchronously.
 *
 * @returns undefined when WebAssembly, its SIMD or its threads (shared memory) are missing.
 */
export async function compileSharedKernelModule(): Promise<WasmModuleHandle | undefined> {
  const api = webAssemblyApi();
  if (api === undefined || !wasmSimdSupported()) return undefined;
  try {
    return await api.compile(kernelModuleBytes(true));
  } catch {
    return undefined;
  }
}

/** Instantiates a kernel module over `memory`. */
export function instantiateKernels(module: WasmModuleHandle, memory: WasmMemory): KernelExports {
  const api = requireWebAssembly();
  return new api.Instance(module, { env: { memory } }).exports as KernelExports;
}

/**
 * {@link instantiateKernels} through the asynchronous `WebAssembly.instantiate`: engines that refuse synchronous
 * compilation of a module on a browser's main thread refuse its synchronous instantiation too.
 */
export async function instantiateKernelsAsync(module: WasmModuleHandle, memory: WasmMemory): Promise<KernelExports> {
  const api = requireWebAssembly();
  return (await api.instantiate(module, { env: { memory } })).exports as KernelExports;
}

/** A new unshared memory of `initialPages` pages that can grow to 4 GiB. */
export function createKernelMemory(initialPages: number): WasmMemory {
  const api = requireWebAssembly();
  return new api.Memory({ initial: initialPages, maximum: 65_536 });
}

/**
 * A new shared memory (a `SharedArrayBuffer` that worker threads can use at once) for the shared build of the
 * kernels; it can grow to 4 GiB without moving.
 */
export function createSharedKernelMemory(initialPages: number): WasmMemory {
  const api = requireWebAssembly();
  return new api.Memory({ initial: initialPages, maximum: kernelsSharedMaximumPages, shared: true });
}

function requireWebAssembly(): WebAssemblyApi {
  const api = webAssemblyApi();
  if (api === undefined) throw new LoraError('invalid_argument', 'WebAssembly is not available in this environment');
  return api;
}

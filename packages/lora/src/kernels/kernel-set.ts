import { addScaledProductImpl, addScaledProductTransposedImpl } from './add-scaled-product-impl.js';
import type { ScaledProductOperands } from './add-scaled-product-impl.js';
import { matmulImpl, matmulTransposeAImpl, matmulTransposeBImpl } from './gemm-impl.js';
import type { GemmOperands } from './gemm-impl.js';
import { axpyImpl, scaleImpl } from './vector-impl.js';
import { createWasmKernels, createWasmKernelsAsync } from './wasm/wasm-kernels.js';

/**
 * The compute kernels every layer, merge, training and SVD routine of this package runs on. Each is a pure function
 * over row-major `Float32Array`s that writes into caller-provided outputs, so another implementation (WebAssembly
 * SIMD, issue 7) can replace the JavaScript one without any other change: build an object of this shape and pass it
 * to {@link setKernelSet}.
 */
export interface KernelSet {
  /** A short name for reports and benchmarks ("javascript", "wasm-simd"...). */
  readonly name: string;
  /** C = α·A·B + β·C. */
  readonly matmul: (operands: GemmOperands) => void;
  /** C = α·Aᵀ·B + β·C (A stored `k × m`). */
  readonly matmulTransposeA: (operands: GemmOperands) => void;
  /** C = α·A·Bᵀ + β·C (B stored `n × k`). */
  readonly matmulTransposeB: (operands: GemmOperands) => void;
  /** W += s·B·A. */
  readonly addScaledProduct: (operands: ScaledProductOperands) => void;
  /** Wᵀ += s·(B·A)ᵀ for a weight stored `in × out`. */
  readonly addScaledProductTransposed: (operands: ScaledProductOperands) => void;
  /** y += α·x. */
  readonly axpy: (y: Float32Array, x: Float32Array, alpha: number) => void;
  /** x *= α. */
  readonly scale: (x: Float32Array, alpha: number) => void;
}

/** The portable kernels, in plain JavaScript: cache-blocked, float64 accumulation, no allocation in hot loops. */
export const javascriptKernels: KernelSet = Object.freeze({
  name: 'javascript',
  matmul: matmulImpl,
  matmulTransposeA: matmulTransposeAImpl,
  matmulTransposeB: matmulTransposeBImpl,
  addScaledProduct: addScaledProductImpl,
  addScaledProductTransposed: addScaledProductTransposedImpl,
  axpy: axpyImpl,
  scale: scaleImpl,
});

/** The kernel set chosen by a caller, or undefined while the default has not been resolved (see {@link getKernelSet}). */
let activeKernels: KernelSet | undefined;
/** The shared WebAssembly kernels: undefined before the first attempt, null when synchronous creation failed. */
let defaultWasmKernels: KernelSet | null | undefined;

/**
 * The WebAssembly SIMD kernels of this copy of the package: one instance with its own memory, compiled synchronously
 * on first use. Its memory grows to what the largest call needs and is then reused, never released.
 *
 * @returns undefined where WebAssembly or its 128-bit SIMD is missing, or where the engine refuses synchronous
 *   compilation (older Chromium-based browsers' main threads refuse modules above 4 KB, and this one is about
 *   5.5 KB; {@link initWasmKernels} compiles asynchronously there). After a successful {@link initWasmKernels}, the
 *   instance it created.
 */
export function wasmKernels(): KernelSet | undefined {
  if (defaultWasmKernels === undefined) defaultWasmKernels = createWasmKernels() ?? null;
  return defaultWasmKernels ?? undefined;
}

/**
 * Makes `kernels` the implementation used by every matrix routine of this package from now on, and returns the one
 * it replaces (so a caller can restore it; when nothing had been chosen, the default, picked now as
 * {@link getKernelSet} does). The choice is global to this copy of the package, like a tfjs backend.
 */
export function setKernelSet(kernels: KernelSet): KernelSet {
  const previous = getKernelSet();
  activeKernels = kernels;
  return previous;
}

/**
 * The kernel implementation in use. Until a caller chooses one ({@link setKernelSet}, {@link useWasmKernels},
 * {@link useJavaScriptKernels}, {@link initWasmKernels}), the first call picks the default: the WebAssembly SIMD
 * kernels ({@link wasmKernels}) where the engine compiles them synchronously (Node 16.4 and later, Deno, Bun, workers,
 * Chrome 91+ and Firefox 89+ and Safari 16.4+ main threads, except older Chromium-based ones that refuse synchronous
 * compilation above 4 KB), otherwise {@link javascriptKernels}. Both agree within float32 rounding.
 */
export function getKernelSet(): KernelSet {
  activeKernels ??= wasmKernels() ?? javascriptKernels;
  return activeKernels;
}

/**
 * The name of the kernel set in use (`"wasm-simd"`, `"javascript"`, `"wasm-simd × 2 threads"`, or a custom set's
 * name), resolving the default as {@link getKernelSet} does, so a program or a test can tell which one runs without
 * probing the environment itself.
 */
export function activeKernelSetName(): string {
  return getKernelSet().name;
}

/**
 * Makes the WebAssembly SIMD kernels ({@link wasmKernels}) the ones in use where the engine runs them, synchronously;
 * elsewhere the kernels in use stay as they are. They agree with {@link javascriptKernels} within float32 rounding
 * (their sums are float32, as in BLAS and PyTorch; the JavaScript kernels sum in float64) and run about ten times
 * faster on large matrices.
 *
 * @returns the kernel set in use afterwards.
 */
export function useWasmKernels(): KernelSet {
  const kernels = wasmKernels();
  if (kernels !== undefined) activeKernels = kernels;
  return getKernelSet();
}

/**
 * Makes the portable {@link javascriptKernels} the ones in use, whatever the engine supports (to compare the two
 * implementations, or to keep the package from allocating a WebAssembly memory).
 *
 * @returns {@link javascriptKernels}.
 */
export function useJavaScriptKernels(): KernelSet {
  activeKernels = javascriptKernels;
  return javascriptKernels;
}

/**
 * {@link useWasmKernels} with asynchronous compilation and instantiation, which every browser allows on its main
 * thread: a page calls it once at start-up so the WebAssembly kernels run even where synchronous compilation is
 * refused.
 *
 * @returns the kernel set in use afterwards ({@link javascriptKernels} where WebAssembly SIMD is missing, unless
 *   another set had been chosen).
 */
export async function initWasmKernels(): Promise<KernelSet> {
  if (!defaultWasmKernels) {
    const created = await createWasmKernelsAsync();
    if (created !== undefined) defaultWasmKernels = created;
  }
  if (defaultWasmKernels) activeKernels = defaultWasmKernels;
  return getKernelSet();
}

/**
 * float32 ↔ float16 / bfloat16 conversions on WebAssembly SIMD (eight values per step), bit for bit the TypeScript
 * conversions of `src/dtype/half-precision.ts`. Data passes through a small region of WebAssembly memory in blocks
 * that stay in L2, so the extra copies run at cache speed.
 *
 * @module
 */
import { compileKernelModuleSync, createKernelMemory, instantiateKernels } from './wasm-module.js';
import { WasmWorkspace } from './wasm-workspace.js';

/** Converts between float32 values and 16-bit float bit patterns; `target` must hold at least `source.length` elements. */
export interface HalfPrecisionConverter {
  float32ToBfloat16(source: Float32Array, target: Uint16Array): void;
  bfloat16ToFloat32(source: Uint16Array, target: Float32Array): void;
  float32ToFloat16(source: Float32Array, target: Uint16Array): void;
  float16ToFloat32(source: Uint16Array, target: Float32Array): void;
}

/** Elements per block: 256 KiB of float32 and 128 KiB of 16-bit values. */
const blockElements = 65_536;

type ConversionName = keyof HalfPrecisionConverter;

function narrowing(workspace: WasmWorkspace, name: ConversionName, source: Float32Array, target: Uint16Array): void {
  const [floatOffset, halfOffset] = workspace.layout([blockElements, blockElements / 2]) as [number, number];
  const convert = workspace.exports[name];
  const floats = workspace.floats();
  const halves = workspace.halves();
  for (let start = 0; start < source.length; start += blockElements) {
    const count = Math.min(blockElements, source.length - start);
    floats.set(source.subarray(start, start + count), floatOffset / 4);
    convert(floatOffset, halfOffset, count);
    target.set(halves.subarray(halfOffset / 2, halfOffset / 2 + count), start);
  }
}

function widening(workspace: WasmWorkspace, name: ConversionName, source: Uint16Array, target: Float32Array): void {
  const [floatOffset, halfOffset] = workspace.layout([blockElements, blockElements / 2]) as [number, number];
  const convert = workspace.exports[name];
  const floats = workspace.floats();
  const halves = workspace.halves();
  for (let start = 0; start < source.length; start += blockElements) {
    const count = Math.min(blockElements, source.length - start);
    halves.set(source.subarray(start, start + count), halfOffset / 2);
    convert(halfOffset, floatOffset, count);
    target.set(floats.subarray(floatOffset / 4, floatOffset / 4 + count), start);
  }
}

/** A converter on its own small WebAssembly memory, or undefined where WebAssembly SIMD is missing. */
export function createWasmConverter(): HalfPrecisionConverter | undefined {
  const module = compileKernelModuleSync();
  if (module === undefined) return undefined;
  const memory = createKernelMemory(16);
  const workspace = new WasmWorkspace(instantiateKernels(module, memory), memory);
  return Object.freeze({
    float32ToBfloat16: (source: Float32Array, target: Uint16Array) => {
      narrowing(workspace, 'float32ToBfloat16', source, target);
    },
    bfloat16ToFloat32: (source: Uint16Array, target: Float32Array) => {
      widening(workspace, 'bfloat16ToFloat32', source, target);
    },
    float32ToFloat16: (source: Float32Array, target: Uint16Array) => {
      narrowing(workspace, 'float32ToFloat16', source, target);
    },
    float16ToFloat32: (source: Uint16Array, target: Float32Array) => {
      widening(workspace, 'float16ToFloat32', source, target);
    },
  });
}

/** Below this many elements the TypeScript loops are as fast as a round trip through WebAssembly memory. */
const minimumWasmElements = 4096;
let sharedConverter: HalfPrecisionConverter | null | undefined;
let conversionsEnabled = true;

/**
 * Turns the WebAssembly path of the package's array conversions off (or back on), so a benchmark can time the
 * TypeScript loops alone. Not exported from the package's entry point.
 */
export function setWasmConversionsEnabled(enabled: boolean): void {
  conversionsEnabled = enabled;
}

/**
 * The shared WebAssembly converter for an array of `count` elements, created on first use; undefined for small
 * arrays and where WebAssembly SIMD is missing (the caller's TypeScript loop then does the work, with the same bits).
 */
export function wasmConverterFor(count: number): HalfPrecisionConverter | undefined {
  if (count < minimumWasmElements || !conversionsEnabled) return undefined;
  if (sharedConverter === undefined) sharedConverter = createWasmConverter() ?? null;
  return sharedConverter ?? undefined;
}

import { LoraError } from '../../errors.js';
import type { KernelExports, WasmMemory } from './wasm-module.js';
import { wasmPageBytes } from './wasm-module.js';

/** Alignment of every region (a cache line). */
const regionAlignment = 64;
/** Bytes left after every region: the broadcast kernel may read up to 7 floats past the end of a row. */
const regionPadding = 64;
/** wasm32 addresses: 4 GiB, less a page of margin. */
const addressLimit = 2 ** 32 - wasmPageBytes;

/**
 * One WebAssembly memory and the kernel instance over it, laid out anew for every kernel call.
 *
 * The memory grows when a call needs more than it has, once per call and never shrinks, so a long run of calls
 * (every layer of a model) reuses the same pages: no allocation and no page fault after the first call of the
 * largest size. Each thread that runs the kernels gets its own scratch region at the start.
 */
export class WasmWorkspace {
  readonly exports: KernelExports;
  readonly memory: WasmMemory;
  /** Byte offset of each thread's scratch region. */
  readonly scratch: readonly number[];
  private readonly regionsStart: number;
  private heapView: Float32Array;
  private halfView: Uint16Array;

  constructor(exports: KernelExports, memory: WasmMemory, threads = 1) {
    this.exports = exports;
    this.memory = memory;
    const scratchBytes = alignUp(exports.scratchBytes(), regionAlignment);
    const first = alignUp(Math.max(exports.heapBase(), regionAlignment), regionAlignment);
    this.scratch = Array.from({ length: threads }, (_, thread) => first + thread * scratchBytes);
    this.regionsStart = first + threads * scratchBytes;
    this.ensure(this.regionsStart);
    this.heapView = new Float32Array(memory.buffer);
    this.halfView = new Uint16Array(memory.buffer);
  }

  /**
   * Byte offsets of regions of `floatCounts[i]` float32 elements each (aligned, padded), after growing the memory
   * if needed. Views taken before this call may be stale afterwards: take {@link floats} again.
   *
   * @throws {LoraError} when the regions do not fit in the 4 GiB of a wasm32 memory.
   */
  layout(floatCounts: readonly number[]): number[] {
    const offsets: number[] = [];
    let cursor = this.regionsStart;
    for (const count of floatCounts) {
      offsets.push(cursor);
      cursor = alignUp(cursor + count * 4 + regionPadding, regionAlignment);
    }
    this.ensure(cursor);
    return offsets;
  }

  /** The whole memory as float32 (index = byte offset / 4). */
  floats(): Float32Array {
    this.refreshViews();
    return this.heapView;
  }

  /** The whole memory as 16-bit words (index = byte offset / 2). */
  halves(): Uint16Array {
    this.refreshViews();
    return this.halfView;
  }

  private refreshViews(): void {
    const buffer = this.memory.buffer;
    if (this.heapView.buffer !== buffer || this.heapView.byteLength !== buffer.byteLength) {
      this.heapView = new Float32Array(buffer);
      this.halfView = new Uint16Array(buffer);
    }
  }

  private ensure(bytes: number): void {
    if (bytes > addressLimit) {
      throw new LoraError('invalid_argument', `the WebAssembly kernels need ${String(bytes)} bytes of memory, more than the 4 GiB a wasm32 memory holds`);
    }
    const have = this.memory.buffer.byteLength;
    if (bytes <= have) return;
    // An eighth more than asked, so a slowly rising size does not grow the memory on every call.
    const wanted = Math.min(addressLimit, bytes + (bytes >>> 3));
    this.memory.grow(Math.ceil((wanted - have) / wasmPageBytes));
  }
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}

/**
 * The {@link KernelSet} on WebAssembly SIMD: the operands are copied into one WebAssembly memory (large ones in
 * blocks that stay in cache, so the copies cost little next to the arithmetic), multiplied there by the cache-blocked
 * kernels of `kernels.as`, and the results copied back. Products too small to repay the copies run on the JavaScript
 * kernels.
 *
 * @module
 */
import type { ScaledProductOperands } from '../add-scaled-product-impl.js';
import { addScaledProductImpl, addScaledProductTransposedImpl } from '../add-scaled-product-impl.js';
import type { GemmOperands } from '../gemm-impl.js';
import { matmulImpl, matmulTransposeAImpl, matmulTransposeBImpl } from '../gemm-impl.js';
import type { KernelSet } from '../kernel-set.js';
import { axpyImpl, scaleImpl } from '../vector-impl.js';
import type { WasmWorkspace } from './wasm-workspace.js';

/** Runs the two product kernels of the module (on this thread, or split over worker threads). */
export interface ProductRunner {
  /** C[m × n] += alpha · op(A) · B; see `broadcastProduct` in kernels.as. */
  broadcastProduct(...args: [m: number, n: number, depth: number, a: number, aRowStride: number, aColStride: number, b: number, ldb: number, c: number, ldc: number, alpha: number]): void;
  /** C[m × n] += alpha · A · Bᵀ; see `dotProduct` in kernels.as. */
  dotProduct(...args: [m: number, n: number, depth: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, alpha: number]): void;
}

/** Tuning of {@link createWasmKernelSet}. */
export interface WasmKernelOptions {
  /** The kernel set's name in reports (default `wasm-simd`). */
  readonly name?: string;
  /**
   * Products with fewer multiply–adds than this run on the JavaScript kernels, where copying into WebAssembly
   * memory would cost more than it saves (default 32 768; 0 sends everything to WebAssembly).
   */
  readonly minimumMultiplyAdds?: number;
  /** Bytes of a large operand copied into WebAssembly memory per pass (default 1 MiB: it stays in L2). */
  readonly chunkBytes?: number;
  /** Bytes the operands kept whole in WebAssembly memory may take before the product is split into row blocks (default 64 MiB). */
  readonly residentBytes?: number;
}

const defaultMinimumMultiplyAdds = 32_768;
const defaultChunkBytes = 1 << 20;
const defaultResidentBytes = 64 << 20;

/** The runner that calls the kernels on this thread with the workspace's first scratch region. */
export function localProductRunner(workspace: WasmWorkspace): ProductRunner {
  const { exports } = workspace;
  const scratch = workspace.scratch[0]!;
  return {
    broadcastProduct: (...args) => {
      exports.broadcastProduct(...args, scratch);
    },
    dotProduct: (...args) => {
      exports.dotProduct(...args, scratch);
    },
  };
}

/**
 * A kernel set running the products on WebAssembly SIMD in `workspace`, through `runner` (default: this thread).
 * Results agree with {@link javascriptKernels} within float32 rounding (the sums are float32, as in BLAS).
 */
export function createWasmKernelSet(workspace: WasmWorkspace, options: WasmKernelOptions & { runner?: ProductRunner } = {}): KernelSet {
  const runner = options.runner ?? localProductRunner(workspace);
  const minimumMultiplyAdds = options.minimumMultiplyAdds ?? defaultMinimumMultiplyAdds;
  const chunkFloats = Math.max(1024, Math.floor((options.chunkBytes ?? defaultChunkBytes) / 4));
  const residentFloats = Math.max(4096, Math.floor((options.residentBytes ?? defaultResidentBytes) / 4));
  const context: ProductContext = { workspace, runner, chunkFloats, residentFloats };
  const small = (multiplyAdds: number): boolean => multiplyAdds === 0 || multiplyAdds < minimumMultiplyAdds;
  return Object.freeze({
    name: options.name ?? 'wasm-simd',
    matmul: (operands: GemmOperands) => {
      if (small(operands.m * operands.n * operands.k) || operands.alpha === 0) matmulImpl(operands);
      else broadcastGemm(context, operands, false);
    },
    matmulTransposeA: (operands: GemmOperands) => {
      if (small(operands.m * operands.n * operands.k) || operands.alpha === 0) matmulTransposeAImpl(operands);
      else broadcastGemm(context, operands, true);
    },
    matmulTransposeB: (operands: GemmOperands) => {
      if (small(operands.m * operands.n * operands.k) || operands.alpha === 0) matmulTransposeBImpl(operands);
      else dotGemm(context, operands);
    },
    addScaledProduct: (operands: ScaledProductOperands) => {
      if (small(operands.rows * operands.cols * operands.rank) || operands.scale === 0) addScaledProductImpl(operands);
      else rankUpdate(context, operands);
    },
    addScaledProductTransposed: (operands: ScaledProductOperands) => {
      if (small(operands.rows * operands.cols * operands.rank) || operands.scale === 0) addScaledProductTransposedImpl(operands);
      else rankUpdateTransposed(context, operands);
    },
    // Element-wise updates read and write each element once: JavaScript already runs them at memory speed, and
    // a copy into WebAssembly memory would only add traffic.
    axpy: axpyImpl,
    scale: scaleImpl,
  });
}

interface ProductContext {
  readonly workspace: WasmWorkspace;
  readonly runner: ProductRunner;
  readonly chunkFloats: number;
  readonly residentFloats: number;
}

/** Rows per block (a multiple of 4 when below `total`) so that `rows × floatsPerRow` stays within `budget`. */
function rowsPerBlock(total: number, floatsPerRow: number, budget: number): number {
  const rows = Math.floor(budget / Math.max(1, floatsPerRow));
  if (rows >= total) return total;
  return Math.max(4, rows - (rows % 4));
}

/** Copies rows `[rowStart, rowEnd)`, columns `[colStart, colEnd)` of a `cols`-wide matrix to `heap` at float index `target`, packed. */
function copyBlockIn(heap: Float32Array, target: number, source: Float32Array, block: { cols: number; rowStart: number; rowEnd: number; colStart: number; colEnd: number }): void {
  const { cols, rowStart, rowEnd, colStart, colEnd } = block;
  if (colStart === 0 && colEnd === cols) {
    heap.set(source.subarray(rowStart * cols, rowEnd * cols), target);
    return;
  }
  const width = colEnd - colStart;
  for (let row = rowStart; row < rowEnd; row++) {
    heap.set(source.subarray(row * cols + colStart, row * cols + colEnd), target + (row - rowStart) * width);
  }
}

/** C rows `[rowStart, rowEnd)` into WebAssembly memory as β·C (zeros without reading C when β = 0, as in BLAS). */
function loadOutputRows(context: ProductContext, c: Float32Array, n: number, rows: { start: number; end: number; offset: number; beta: number }): void {
  const { workspace } = context;
  const count = (rows.end - rows.start) * n;
  if (rows.beta === 0) {
    workspace.exports.scaleInPlace(rows.offset, count, 0);
    return;
  }
  workspace.floats().set(c.subarray(rows.start * n, rows.end * n), rows.offset / 4);
  if (rows.beta !== 1) workspace.exports.scaleInPlace(rows.offset, count, rows.beta);
}

function storeOutputRows(context: ProductContext, c: Float32Array, n: number, rows: { start: number; end: number; offset: number }): void {
  const heap = context.workspace.floats();
  const first = rows.offset / 4;
  c.set(heap.subarray(first, first + (rows.end - rows.start) * n), rows.start * n);
}

/**
 * C = α·op(A)·B + β·C with B `k × n` row-major and op(A) = A (`m × k`) or, with `transposedA`, Aᵀ (A stored
 * `k × m`). C is kept in WebAssembly memory a block of rows at a time; A and B stream through in depth chunks.
 */
function broadcastGemm(context: ProductContext, operands: GemmOperands, transposedA: boolean): void {
  const { m, n, k, a, b, c, alpha, beta } = operands;
  const depthChunk = Math.min(k, Math.max(1, Math.floor(context.chunkFloats / n)));
  const rowBlock = rowsPerBlock(m, n + depthChunk, context.residentFloats);
  for (let rowStart = 0; rowStart < m; rowStart += rowBlock) {
    const rowEnd = Math.min(m, rowStart + rowBlock);
    const rows = rowEnd - rowStart;
    const [cOffset, aOffset, bOffset] = context.workspace.layout([rows * n, rows * depthChunk, depthChunk * n]) as [number, number, number];
    loadOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset, beta });
    for (let depthStart = 0; depthStart < k; depthStart += depthChunk) {
      const depthEnd = Math.min(k, depthStart + depthChunk);
      const depth = depthEnd - depthStart;
      const heap = context.workspace.floats();
      if (transposedA) {
        copyBlockIn(heap, aOffset / 4, a, { cols: m, rowStart: depthStart, rowEnd: depthEnd, colStart: rowStart, colEnd: rowEnd });
      } else {
        copyBlockIn(heap, aOffset / 4, a, { cols: k, rowStart, rowEnd, colStart: depthStart, colEnd: depthEnd });
      }
      copyBlockIn(heap, bOffset / 4, b, { cols: n, rowStart: depthStart, rowEnd: depthEnd, colStart: 0, colEnd: n });
      const [aRowStride, aColStride] = transposedA ? [1, rows] : [depth, 1];
      context.runner.broadcastProduct(rows, n, depth, aOffset, aRowStride, aColStride, bOffset, n, cOffset, n, alpha);
    }
    storeOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset });
  }
}

/** Depth of the blocks the dot-product kernel works on (`dotDepthBlock` in kernels.as): rows of 2 KiB. */
const dotDepthBlock = 512;

/**
 * C = α·A·Bᵀ + β·C with A `m × k` and B `n × k` (rows contiguous): A and C are kept in WebAssembly memory a block
 * of rows at a time, B streams through in chunks of rows. Both are copied in depth blocks of 512 (each block of
 * rows contiguous), so the kernel's rows are 2 KiB apart instead of a power-of-two stride that would map them all to
 * the same cache sets.
 */
function dotGemm(context: ProductContext, operands: GemmOperands): void {
  const { m, n, k, a, b, c, alpha, beta } = operands;
  const depthBlock = Math.min(k, dotDepthBlock);
  const bRows = Math.min(n, Math.max(1, Math.floor(context.chunkFloats / k)));
  const rowBlock = rowsPerBlock(m, n + k, context.residentFloats);
  for (let rowStart = 0; rowStart < m; rowStart += rowBlock) {
    const rowEnd = Math.min(m, rowStart + rowBlock);
    const rows = rowEnd - rowStart;
    const [cOffset, aOffset, bOffset] = context.workspace.layout([rows * n, rows * k, bRows * k]) as [number, number, number];
    loadOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset, beta });
    copyInDepthBlocks(context.workspace.floats(), aOffset / 4, a, { k, rowStart, rowEnd, depthBlock });
    for (let bStart = 0; bStart < n; bStart += bRows) {
      const bEnd = Math.min(n, bStart + bRows);
      const chunkRows = bEnd - bStart;
      copyInDepthBlocks(context.workspace.floats(), bOffset / 4, b, { k, rowStart: bStart, rowEnd: bEnd, depthBlock });
      for (let depthStart = 0; depthStart < k; depthStart += depthBlock) {
        const depth = Math.min(depthBlock, k - depthStart);
        const aBlock = aOffset + rows * depthStart * 4;
        const bBlock = bOffset + chunkRows * depthStart * 4;
        context.runner.dotProduct(rows, chunkRows, depth, aBlock, depth, bBlock, depth, cOffset + bStart * 4, n, alpha);
      }
    }
    storeOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset });
  }
}

/**
 * Copies rows `[rowStart, rowEnd)` of a `k`-wide matrix to `heap` at float index `target` as consecutive depth
 * blocks: block d (columns `[d·depthBlock, …)`) holds those columns of every row, contiguous, at
 * `target + rows·d·depthBlock`.
 */
function copyInDepthBlocks(heap: Float32Array, target: number, source: Float32Array, block: { k: number; rowStart: number; rowEnd: number; depthBlock: number }): void {
  const { k, rowStart, rowEnd, depthBlock } = block;
  if (depthBlock >= k) {
    heap.set(source.subarray(rowStart * k, rowEnd * k), target);
    return;
  }
  const rows = rowEnd - rowStart;
  for (let depthStart = 0; depthStart < k; depthStart += depthBlock) {
    const depth = Math.min(depthBlock, k - depthStart);
    const base = target + rows * depthStart;
    for (let row = 0; row < rows; row++) {
      const from = (rowStart + row) * k + depthStart;
      heap.set(source.subarray(from, from + depth), base + row * depth);
    }
  }
}

/** W[rows × cols] += s·B·A: A (`rank × cols`) stays in WebAssembly memory, W and B stream through by rows. */
function rankUpdate(context: ProductContext, operands: ScaledProductOperands): void {
  const { rows, cols, rank, target, left, right, scale } = operands;
  const rowChunk = rowsPerBlock(rows, cols + rank, context.chunkFloats);
  const [rightOffset, weightOffset, leftOffset] = context.workspace.layout([rank * cols, rowChunk * cols, rowChunk * rank]) as [number, number, number];
  context.workspace.floats().set(right.subarray(0, rank * cols), rightOffset / 4);
  for (let rowStart = 0; rowStart < rows; rowStart += rowChunk) {
    const rowEnd = Math.min(rows, rowStart + rowChunk);
    const heap = context.workspace.floats();
    heap.set(target.subarray(rowStart * cols, rowEnd * cols), weightOffset / 4);
    heap.set(left.subarray(rowStart * rank, rowEnd * rank), leftOffset / 4);
    context.runner.broadcastProduct(rowEnd - rowStart, cols, rank, leftOffset, rank, 1, rightOffset, cols, weightOffset, cols, scale);
    storeOutputRows(context, target, cols, { start: rowStart, end: rowEnd, offset: weightOffset });
  }
}

/**
 * Wᵀ[cols × rows] += s·Aᵀ·Bᵀ (a weight stored `in × out`): A stays in WebAssembly memory as it is (read with
 * transposed strides), Bᵀ is written there once, and W streams through by rows.
 */
function rankUpdateTransposed(context: ProductContext, operands: ScaledProductOperands): void {
  const { rows, cols, rank, target, left, right, scale } = operands;
  const rowChunk = rowsPerBlock(cols, rows, context.chunkFloats);
  const [rightOffset, leftTransposedOffset, weightOffset] = context.workspace.layout([rank * cols, rank * rows, rowChunk * rows]) as [number, number, number];
  const heap = context.workspace.floats();
  heap.set(right.subarray(0, rank * cols), rightOffset / 4);
  const leftTransposed = leftTransposedOffset / 4;
  for (let i = 0; i < rows; i++) for (let t = 0; t < rank; t++) heap[leftTransposed + t * rows + i] = left[i * rank + t]!;
  for (let rowStart = 0; rowStart < cols; rowStart += rowChunk) {
    const rowEnd = Math.min(cols, rowStart + rowChunk);
    context.workspace.floats().set(target.subarray(rowStart * rows, rowEnd * rows), weightOffset / 4);
    context.runner.broadcastProduct(rowEnd - rowStart, rows, rank, rightOffset + rowStart * 4, 1, cols, leftTransposedOffset, rows, weightOffset, rows, scale);
    storeOutputRows(context, target, rows, { start: rowStart, end: rowEnd, offset: weightOffset });
  }
}

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
import { InvalidArgumentError } from '../../errors.js';
import type { WasmWorkspace } from './wasm-workspace.js';

/** The arguments of `broadcastProduct` in kernels.as, without the scratch region: C[m × n] += alpha · op(A) · B. */
export type BroadcastArguments = [m: number, n: number, depth: number, a: number, aRowStride: number, aColStride: number, b: number, ldb: number, c: number, ldc: number, alpha: number];
/** The arguments of `dotProduct` in kernels.as, without the scratch region: C[m × n] += alpha · A · Bᵀ. */
export type DotArguments = [m: number, n: number, depth: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, alpha: number];

/**
 * Runs the two product kernels of the module: on this thread, or split over worker threads. `start…` may return
 * before the product is done (the caller copies the next block meanwhile); the function it returns waits for it.
 */
export interface ProductRunner {
  startBroadcastProduct(...args: BroadcastArguments): () => void;
  startDotProduct(...args: DotArguments): () => void;
}

const finished = (): void => undefined;

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

/** The runner that calls the kernels on this thread, at once, with the workspace's first scratch region. */
export function localProductRunner(workspace: WasmWorkspace): ProductRunner {
  const { exports } = workspace;
  const scratch = workspace.scratch[0]!;
  return {
    startBroadcastProduct: (...args) => {
      exports.broadcastProduct(...args, scratch);
      return finished;
    },
    startDotProduct: (...args) => {
      exports.dotProduct(...args, scratch);
      return finished;
    },
  };
}

/**
 * A kernel set running the products on WebAssembly SIMD in `workspace`, through `runner` (default: this thread).
 * Results agree with the JavaScript kernels within float32 rounding (the sums are float32, as in BLAS). Empty
 * products, α = 0 and products below `minimumMultiplyAdds` run on the JavaScript kernels.
 *
 * @throws {InvalidArgumentError} when a tuning option is negative or not a number.
 */
export function createWasmKernelSet(workspace: WasmWorkspace, options: WasmKernelOptions & { runner?: ProductRunner } = {}): KernelSet {
  validateWasmKernelOptions(options);
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

/**
 * Checks the tuning options of a WebAssembly kernel set.
 *
 * @throws {InvalidArgumentError} naming the first option that is negative or not a finite number.
 */
export function validateWasmKernelOptions(options: WasmKernelOptions): void {
  for (const key of ['minimumMultiplyAdds', 'chunkBytes', 'residentBytes'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError(key, `${key} must be a non-negative number, got ${String(value)}`);
    }
  }
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
 * Float stride for rows of `width` floats copied into WebAssembly memory: whole cache lines, and an odd number of
 * them, so that consecutive rows fall in different L1 sets (a power-of-two stride such as 4096 floats maps every row
 * to the same few sets, and the dot-product kernel, which reads six rows at once, would miss on every load).
 */
function paddedStride(width: number): number {
  const lines = Math.ceil(width / 16);
  return (lines % 2 === 0 ? lines + 1 : lines) * 16;
}

/** Copies rows `[rowStart, rowEnd)` of a `width`-wide matrix to `heap` at float index `target`, `stride` floats apart. */
function copyRowsIn(heap: Float32Array, target: number, source: Float32Array, rows: { width: number; stride: number; rowStart: number; rowEnd: number }): void {
  const { width, stride, rowStart, rowEnd } = rows;
  if (stride === width) {
    heap.set(source.subarray(rowStart * width, rowEnd * width), target);
    return;
  }
  for (let row = rowStart; row < rowEnd; row++) heap.set(source.subarray(row * width, row * width + width), target + (row - rowStart) * stride);
}

/**
 * C = α·op(A)·B + β·C with B `k × n` row-major and op(A) = A (`m × k`) or, with `transposedA`, Aᵀ (A stored
 * `k × m`). C is kept in WebAssembly memory a block of rows at a time; A and B stream through in depth chunks, two
 * buffers in turn, so the next chunk is copied while the kernels work on this one (on worker threads).
 */
function broadcastGemm(context: ProductContext, operands: GemmOperands, transposedA: boolean): void {
  const { m, n, k, a, b, c, alpha, beta } = operands;
  const depthChunk = Math.min(k, Math.max(1, Math.floor(context.chunkFloats / n)));
  const rowBlock = rowsPerBlock(m, n + 2 * depthChunk, context.residentFloats);
  for (let rowStart = 0; rowStart < m; rowStart += rowBlock) {
    const rowEnd = Math.min(m, rowStart + rowBlock);
    const rows = rowEnd - rowStart;
    const [cOffset, ...buffers] = context.workspace.layout([rows * n, rows * depthChunk, depthChunk * n, rows * depthChunk, depthChunk * n]) as [number, number, number, number, number];
    loadOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset, beta });
    const copyChunk = (depthStart: number, buffer: number): void => {
      const depthEnd = Math.min(k, depthStart + depthChunk);
      const heap = context.workspace.floats();
      const aOffset = buffers[2 * buffer]!;
      if (transposedA) copyBlockIn(heap, aOffset / 4, a, { cols: m, rowStart: depthStart, rowEnd: depthEnd, colStart: rowStart, colEnd: rowEnd });
      else copyBlockIn(heap, aOffset / 4, a, { cols: k, rowStart, rowEnd, colStart: depthStart, colEnd: depthEnd });
      copyBlockIn(heap, buffers[2 * buffer + 1]! / 4, b, { cols: n, rowStart: depthStart, rowEnd: depthEnd, colStart: 0, colEnd: n });
    };
    copyChunk(0, 0);
    for (let depthStart = 0, buffer = 0; depthStart < k; depthStart += depthChunk, buffer ^= 1) {
      const depth = Math.min(depthChunk, k - depthStart);
      const [aRowStride, aColStride] = transposedA ? [1, rows] : [depth, 1];
      const join = context.runner.startBroadcastProduct(rows, n, depth, buffers[2 * buffer]!, aRowStride, aColStride, buffers[2 * buffer + 1]!, n, cOffset, n, alpha);
      if (depthStart + depthChunk < k) copyChunk(depthStart + depthChunk, buffer ^ 1);
      join();
    }
    storeOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset });
  }
}

/**
 * C = α·A·Bᵀ + β·C with A `m × k` and B `n × k` (rows contiguous): A and C are kept in WebAssembly memory a block
 * of rows at a time, B streams through in chunks of rows, two buffers in turn. Rows are copied at a padded stride
 * ({@link paddedStride}).
 */
function dotGemm(context: ProductContext, operands: GemmOperands): void {
  const { m, n, k, a, b, c, alpha, beta } = operands;
  const stride = paddedStride(k);
  const bRows = Math.min(n, Math.max(1, Math.floor(context.chunkFloats / stride)));
  const rowBlock = rowsPerBlock(m, n + stride, context.residentFloats);
  for (let rowStart = 0; rowStart < m; rowStart += rowBlock) {
    const rowEnd = Math.min(m, rowStart + rowBlock);
    const rows = rowEnd - rowStart;
    const [cOffset, aOffset, ...buffers] = context.workspace.layout([rows * n, rows * stride, bRows * stride, bRows * stride]) as [number, number, number, number];
    loadOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset, beta });
    copyRowsIn(context.workspace.floats(), aOffset / 4, a, { width: k, stride, rowStart, rowEnd });
    const copyChunk = (bStart: number, buffer: number): void => {
      copyRowsIn(context.workspace.floats(), buffers[buffer]! / 4, b, { width: k, stride, rowStart: bStart, rowEnd: Math.min(n, bStart + bRows) });
    };
    copyChunk(0, 0);
    for (let bStart = 0, buffer = 0; bStart < n; bStart += bRows, buffer ^= 1) {
      const chunkRows = Math.min(bRows, n - bStart);
      const join = context.runner.startDotProduct(rows, chunkRows, k, aOffset, stride, buffers[buffer]!, stride, cOffset + bStart * 4, n, alpha);
      if (bStart + bRows < n) copyChunk(bStart + bRows, buffer ^ 1);
      join();
    }
    storeOutputRows(context, c, n, { start: rowStart, end: rowEnd, offset: cOffset });
  }
}

/**
 * The merge kernels' common loop: W (`targetRows × targetCols`) streams through WebAssembly memory by chunks of rows,
 * two buffers in turn: while the kernels update chunk i, chunk i − 1 is copied out and chunk i + 1 in.
 */
function streamRows(context: ProductContext, stream: { target: Float32Array; targetRows: number; targetCols: number; rowChunk: number; buffers: readonly number[]; copyExtra?: (rowStart: number, rowEnd: number, buffer: number) => void; start: (rowStart: number, rowEnd: number, buffer: number) => () => void }): void {
  const { target, targetRows, targetCols, rowChunk, buffers } = stream;
  const copyIn = (rowStart: number, buffer: number): void => {
    const rowEnd = Math.min(targetRows, rowStart + rowChunk);
    context.workspace.floats().set(target.subarray(rowStart * targetCols, rowEnd * targetCols), buffers[buffer]! / 4);
    stream.copyExtra?.(rowStart, rowEnd, buffer);
  };
  const copyOut = (rowStart: number, buffer: number): void => {
    storeOutputRows(context, target, targetCols, { start: rowStart, end: Math.min(targetRows, rowStart + rowChunk), offset: buffers[buffer]! });
  };
  copyIn(0, 0);
  for (let rowStart = 0, buffer = 0; rowStart < targetRows; rowStart += rowChunk, buffer ^= 1) {
    const join = stream.start(rowStart, Math.min(targetRows, rowStart + rowChunk), buffer);
    if (rowStart > 0) copyOut(rowStart - rowChunk, buffer ^ 1);
    if (rowStart + rowChunk < targetRows) copyIn(rowStart + rowChunk, buffer ^ 1);
    join();
  }
  const last = Math.floor((targetRows - 1) / rowChunk);
  copyOut(last * rowChunk, last % 2);
}

/** W[rows × cols] += s·B·A: A (`rank × cols`) stays in WebAssembly memory, W and B stream through by rows. */
function rankUpdate(context: ProductContext, operands: ScaledProductOperands): void {
  const { rows, cols, rank, target, left, right, scale } = operands;
  const rowChunk = rowsPerBlock(rows, cols + rank, context.chunkFloats);
  const [rightOffset, weight0, weight1, left0, left1] = context.workspace.layout([rank * cols, rowChunk * cols, rowChunk * cols, rowChunk * rank, rowChunk * rank]) as [number, number, number, number, number];
  context.workspace.floats().set(right.subarray(0, rank * cols), rightOffset / 4);
  const leftBuffers = [left0, left1];
  streamRows(context, {
    target,
    targetRows: rows,
    targetCols: cols,
    rowChunk,
    buffers: [weight0, weight1],
    copyExtra: (rowStart, rowEnd, buffer) => {
      context.workspace.floats().set(left.subarray(rowStart * rank, rowEnd * rank), leftBuffers[buffer]! / 4);
    },
    start: (rowStart, rowEnd, buffer) =>
      context.runner.startBroadcastProduct(rowEnd - rowStart, cols, rank, leftBuffers[buffer]!, rank, 1, rightOffset, cols, buffer === 0 ? weight0 : weight1, cols, scale),
  });
}

/**
 * Wᵀ[cols × rows] += s·Aᵀ·Bᵀ (a weight stored `in × out`): A stays in WebAssembly memory as it is (read with
 * transposed strides), Bᵀ is written there once, and W streams through by rows.
 */
function rankUpdateTransposed(context: ProductContext, operands: ScaledProductOperands): void {
  const { rows, cols, rank, target, left, right, scale } = operands;
  const rowChunk = rowsPerBlock(cols, rows, context.chunkFloats);
  const [rightOffset, leftTransposedOffset, weight0, weight1] = context.workspace.layout([rank * cols, rank * rows, rowChunk * rows, rowChunk * rows]) as [number, number, number, number];
  const heap = context.workspace.floats();
  heap.set(right.subarray(0, rank * cols), rightOffset / 4);
  const leftTransposed = leftTransposedOffset / 4;
  for (let i = 0; i < rows; i++) for (let t = 0; t < rank; t++) heap[leftTransposed + t * rows + i] = left[i * rank + t]!;
  streamRows(context, {
    target,
    targetRows: cols,
    targetCols: rows,
    rowChunk,
    buffers: [weight0, weight1],
    start: (rowStart, rowEnd, buffer) =>
      context.runner.startBroadcastProduct(rowEnd - rowStart, rows, rank, rightOffset + rowStart * 4, 1, cols, leftTransposedOffset, rows, buffer === 0 ? weight0 : weight1, rows, scale),
  });
}

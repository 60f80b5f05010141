/**
 * Matrix products over raw row-major `Float32Array`s: C = α·op(A)·op(B) + β·C.
 *
 * Pure functions: no allocation beyond a few numbers, no shape objects, no global state, output provided by the
 * caller. A WebAssembly implementation replaces them one for one (see {@link KernelSet}). Sums are carried in
 * JavaScript numbers (float64) and rounded to float32 when stored, which is at least as accurate as PyTorch's float32
 * CPU kernels. As in BLAS, β = 0 overwrites C without reading it (NaN in C does not propagate).
 *
 * @module
 */

/** Operands of one product. Dimensions are those of the product: C is `m × n`, the shared dimension is `k`. */
export interface GemmOperands {
  /** Rows of C. */
  readonly m: number;
  /** Columns of C. */
  readonly n: number;
  /** The summed dimension. */
  readonly k: number;
  readonly a: Float32Array;
  readonly b: Float32Array;
  /** Output, `m × n`, row-major; read only when β ≠ 0. */
  readonly c: Float32Array;
  readonly alpha: number;
  readonly beta: number;
}

/** Block sizes chosen so that a block of B (128 × 512 floats, 256 KiB) stays in a typical L2 cache. */
const sharedBlock = 128;
const columnBlock = 512;

/** C ← β·C, with β = 0 meaning "overwrite" (BLAS convention). */
export function prepareOutputImpl(c: Float32Array, length: number, beta: number): void {
  if (beta === 0) c.fill(0, 0, length);
  else if (beta !== 1) for (let index = 0; index < length; index++) c[index] = beta * c[index]!;
}

/**
 * C[m×n] = α·A[m×k]·B[k×n] + β·C.
 *
 * Loop order i-t-j with the shared dimension unrolled by four, so the innermost loop streams one row of C and four
 * rows of B contiguously; blocked over t and j so the block of B is reused from cache by every row of A.
 */
export function matmulImpl({ m, n, k, a, b, c, alpha, beta }: GemmOperands): void {
  prepareOutputImpl(c, m * n, beta);
  if (alpha === 0) return;
  for (let sharedStart = 0; sharedStart < k; sharedStart += sharedBlock) {
    const sharedEnd = Math.min(sharedStart + sharedBlock, k);
    for (let columnStart = 0; columnStart < n; columnStart += columnBlock) {
      const columnEnd = Math.min(columnStart + columnBlock, n);
      for (let i = 0; i < m; i++) {
        const aRow = i * k;
        const cRow = i * n;
        let t = sharedStart;
        for (; t + 3 < sharedEnd; t += 4) {
          const a0 = alpha * a[aRow + t]!;
          const a1 = alpha * a[aRow + t + 1]!;
          const a2 = alpha * a[aRow + t + 2]!;
          const a3 = alpha * a[aRow + t + 3]!;
          const b0 = t * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = columnStart; j < columnEnd; j++) {
            c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]! + a2 * b[b2 + j]! + a3 * b[b3 + j]!;
          }
        }
        for (; t < sharedEnd; t++) {
          const a0 = alpha * a[aRow + t]!;
          const b0 = t * n;
          for (let j = columnStart; j < columnEnd; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]!;
        }
      }
    }
  }
}

/**
 * C[m×n] = α·Aᵀ·B + β·C with A stored `k × m` and B stored `k × n` (gradients: dB = dyᵀ·h).
 *
 * The same loop as {@link matmulImpl}, reading A by stride instead of transposing it.
 */
export function matmulTransposeAImpl({ m, n, k, a, b, c, alpha, beta }: GemmOperands): void {
  prepareOutputImpl(c, m * n, beta);
  if (alpha === 0) return;
  for (let sharedStart = 0; sharedStart < k; sharedStart += sharedBlock) {
    const sharedEnd = Math.min(sharedStart + sharedBlock, k);
    for (let columnStart = 0; columnStart < n; columnStart += columnBlock) {
      const columnEnd = Math.min(columnStart + columnBlock, n);
      for (let i = 0; i < m; i++) {
        const cRow = i * n;
        let t = sharedStart;
        for (; t + 3 < sharedEnd; t += 4) {
          const a0 = alpha * a[t * m + i]!;
          const a1 = alpha * a[(t + 1) * m + i]!;
          const a2 = alpha * a[(t + 2) * m + i]!;
          const a3 = alpha * a[(t + 3) * m + i]!;
          const b0 = t * n;
          const b1 = b0 + n;
          const b2 = b1 + n;
          const b3 = b2 + n;
          for (let j = columnStart; j < columnEnd; j++) {
            c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]! + a2 * b[b2 + j]! + a3 * b[b3 + j]!;
          }
        }
        for (; t < sharedEnd; t++) {
          const a0 = alpha * a[t * m + i]!;
          const b0 = t * n;
          for (let j = columnStart; j < columnEnd; j++) c[cRow + j] = c[cRow + j]! + a0 * b[b0 + j]!;
        }
      }
    }
  }
}

/**
 * C[m×n] = α·A·Bᵀ + β·C with A stored `m × k` and B stored `n × k`: every element is a dot product of two
 * contiguous rows. This is `nn.Linear`'s product (y = x·Wᵀ) and the LoRA forward (x·Aᵀ, then h·Bᵀ).
 *
 * Rows of B are taken four at a time so each element of A's row is loaded once for four dot products, and blocked
 * so the block of B stays in cache while every row of A passes over it.
 */
export function matmulTransposeBImpl({ m, n, k, a, b, c, alpha, beta }: GemmOperands): void {
  const overwrite = beta === 0;
  const rowsPerBlock = Math.max(4, Math.floor(32_768 / Math.max(1, k)) & ~3);
  for (let blockStart = 0; blockStart < n; blockStart += rowsPerBlock) {
    const blockEnd = Math.min(blockStart + rowsPerBlock, n);
    for (let i = 0; i < m; i++) {
      const aRow = i * k;
      const cRow = i * n;
      let j = blockStart;
      for (; j + 3 < blockEnd; j += 4) {
        const b0 = j * k;
        const b1 = b0 + k;
        const b2 = b1 + k;
        const b3 = b2 + k;
        let sum0 = 0;
        let sum1 = 0;
        let sum2 = 0;
        let sum3 = 0;
        for (let t = 0; t < k; t++) {
          const value = a[aRow + t]!;
          sum0 += value * b[b0 + t]!;
          sum1 += value * b[b1 + t]!;
          sum2 += value * b[b2 + t]!;
          sum3 += value * b[b3 + t]!;
        }
        if (overwrite) {
          c[cRow + j] = alpha * sum0;
          c[cRow + j + 1] = alpha * sum1;
          c[cRow + j + 2] = alpha * sum2;
          c[cRow + j + 3] = alpha * sum3;
        } else {
          c[cRow + j] = alpha * sum0 + beta * c[cRow + j]!;
          c[cRow + j + 1] = alpha * sum1 + beta * c[cRow + j + 1]!;
          c[cRow + j + 2] = alpha * sum2 + beta * c[cRow + j + 2]!;
          c[cRow + j + 3] = alpha * sum3 + beta * c[cRow + j + 3]!;
        }
      }
      for (; j < blockEnd; j++) {
        const b0 = j * k;
        let sum = 0;
        for (let t = 0; t < k; t++) sum += a[aRow + t]! * b[b0 + t]!;
        c[cRow + j] = overwrite ? alpha * sum : alpha * sum + beta * c[cRow + j]!;
      }
    }
  }
}

// The WebAssembly kernels of @benchline/lora, in AssemblyScript (https://www.assemblyscript.org), compiled with
// SIMD128 by `scripts/build-wasm.mjs` into `kernels-wasm.generated.ts`. This file is not TypeScript: it has its own
// extension so that tsc and ESLint leave it alone; the build script hands it to the AssemblyScript compiler.
//
// Conventions: every pointer is a byte offset into the memory the module imports (the caller lays out its regions);
// sizes and strides are counted in float32 elements. Matrices are row-major. No function allocates: scratch space is
// a caller-provided region of at least `scratchBytes()` bytes. Nothing here keeps state between calls, so one module
// instance may serve several threads over a shared memory as long as each thread has its own scratch region.
//
// Arithmetic is float32, as in BLAS: products are summed in float32 registers (four lanes, or one register per
// output element), and the sum is added to C once per depth block.

/** Depth of one packed strip of A in the broadcast kernel: 4 rows × 256 floats = 4 KiB, which stays in L1. */
const broadcastDepthBlock: i32 = 256;
/** Bytes of B one pass of the broadcast kernel keeps in L2 (a `depth × columns` block). */
const broadcastBlockBytes: i32 = 262144;
/** Depth of one block of the dot-product kernel: rows of 512 floats (2 KiB). */
const dotDepthBlock: i32 = 512;
/** Bytes of B (rows × depth block) one pass of the dot-product kernel keeps in L2. */
const dotBlockBytes: i32 = 262144;

/** Bytes of the packed panels of B in the broadcast kernel's scratch: one block, plus one panel of rounding. */
const panelBytes: i32 = broadcastBlockBytes + broadcastDepthBlock * 32;

/** Scratch bytes the product kernels need: one packed strip of A (4 × 256 floats), one 4 × 8 tile, the panels of B. */
export function scratchBytes(): i32 {
  return broadcastDepthBlock * 16 + 128 + panelBytes;
}

/** Where this module's own static data ends (the caller's regions start at or after it). */
export function heapBase(): usize {
  return __heap_base;
}

// --- C += alpha · op(A) · B, B with contiguous columns ("broadcast" kernel) -------------------------------------

/**
 * C[m × n] += alpha · op(A)[m × depth] · B[depth × n].
 *
 * op(A)[i, t] is at `a + 4·(i·aRowStride + t·aColStride)` (so a transposed A is just other strides); B[t, j] is at
 * `b + 4·(t·ldb + j)`; C[i, j] at `c + 4·(i·ldc + j)`. A block of B (at most 256 deep, 256 KiB) is first packed into
 * panels of 8 columns, each contiguous over the depth, so the micro-kernel reads B sequentially whatever ldb is (a
 * power-of-two stride would otherwise map every row to the same L1 sets). Four rows of op(A), scaled by alpha, are
 * packed side by side (4 floats per step of the depth); the 4 × 8 micro-kernel multiplies one broadcast element of A
 * by the two vectors of a panel row and keeps its 4 × 8 sums in eight registers.
 */
export function broadcastProduct(
  m: i32, n: i32, depth: i32,
  a: usize, aRowStride: i32, aColStride: i32,
  b: usize, ldb: i32,
  c: usize, ldc: i32,
  alpha: f32, scratch: usize,
): void {
  if (m <= 0 || n <= 0 || depth <= 0) return;
  const strip = scratch;
  const tile = scratch + <usize>(broadcastDepthBlock * 16);
  const panels = tile + 128;
  const firstDepth = min(depth, broadcastDepthBlock);
  const columnBlock = max(8, (broadcastBlockBytes / (firstDepth * 4)) & ~7);
  const ldcBytes = <usize>ldc << 2;
  for (let columnStart = 0; columnStart < n; columnStart += columnBlock) {
    const columns = min(columnBlock, n - columnStart);
    for (let depthStart = 0; depthStart < depth; depthStart += broadcastDepthBlock) {
      const blockDepth = min(broadcastDepthBlock, depth - depthStart);
      const panelStride = <usize>blockDepth << 5;
      packPanels(b + ((<usize>depthStart * <usize>ldb + <usize>columnStart) << 2), ldb, blockDepth, columns, panels);
      for (let row = 0; row < m; row += 4) {
        const rows = min(4, m - row);
        packStrip(a + ((<usize>row * <usize>aRowStride + <usize>depthStart * <usize>aColStride) << 2), aRowStride, aColStride, rows, blockDepth, alpha, strip);
        const cRow = c + ((<usize>row * <usize>ldc + <usize>columnStart) << 2);
        let column = 0;
        let panel = panels;
        if (rows == 4) {
          for (; column + 8 <= columns; column += 8) {
            kernel4x8(strip, panel, blockDepth, cRow + (<usize>column << 2), ldcBytes);
            panel += panelStride;
          }
        }
        for (; column < columns; column += 8) {
          kernel4x8Tile(strip, panel, blockDepth, tile);
          addTile(tile, cRow + (<usize>column << 2), ldcBytes, rows, min(8, columns - column));
          panel += panelStride;
        }
      }
    }
  }
}

/**
 * Packs B[depth × columns] (row stride ldb) into panels of 8 columns: panel p holds B[t, 8p .. 8p + 8) for every t,
 * contiguous; the columns past the end of a last, partial panel are zero.
 */
@inline
function packPanels(b: usize, ldb: i32, depth: i32, columns: i32, panels: usize): void {
  const ldbBytes = <usize>ldb << 2;
  const fullColumns = columns & ~7;
  const panelStride = <usize>depth << 5;
  for (let t = 0; t < depth; t++) {
    const source = b + <usize>t * ldbBytes;
    let target = panels + (<usize>t << 5);
    for (let column = 0; column < fullColumns; column += 8) {
      v128.store(target, v128.load(source + (<usize>column << 2)));
      v128.store(target, v128.load(source + (<usize>column << 2), 16), 16);
      target += panelStride;
    }
    if (fullColumns < columns) {
      for (let j = 0; j < 8; j++) {
        const column = fullColumns + j;
        store<f32>(target + (<usize>j << 2), column < columns ? load<f32>(source + (<usize>column << 2)) : 0);
      }
    }
  }
}

/** strip[4·t + r] = alpha · op(A)[r, t] for r < rows, 0 for the missing rows of a last, partial strip. */
@inline
function packStrip(a: usize, rowStride: i32, colStride: i32, rows: i32, depth: i32, alpha: f32, strip: usize): void {
  const rowBytes = <usize>rowStride << 2;
  const colBytes = <usize>colStride << 2;
  if (rows == 4 && rowStride == 1) {
    // op(A) is a transposed matrix: the four values of one step are contiguous.
    const scale = f32x4.splat(alpha);
    for (let t = 0; t < depth; t++) {
      v128.store(strip + (<usize>t << 4), f32x4.mul(v128.load(a + <usize>t * colBytes), scale));
    }
    return;
  }
  if (rows == 4) {
    for (let t = 0; t < depth; t++) {
      const source = a + <usize>t * colBytes;
      const target = strip + (<usize>t << 4);
      store<f32>(target, alpha * load<f32>(source));
      store<f32>(target, alpha * load<f32>(source + rowBytes), 4);
      store<f32>(target, alpha * load<f32>(source + 2 * rowBytes), 8);
      store<f32>(target, alpha * load<f32>(source + 3 * rowBytes), 12);
    }
    return;
  }
  for (let t = 0; t < depth; t++) {
    const source = a + <usize>t * colBytes;
    const target = strip + (<usize>t << 4);
    for (let r = 0; r < 4; r++) store<f32>(target + (<usize>r << 2), r < rows ? alpha * load<f32>(source + <usize>r * rowBytes) : 0);
  }
}

/** C[4 × 8] += strip · panel over `depth` steps, the 32 sums held in eight registers. */
@inline
function kernel4x8(strip: usize, panel: usize, depth: i32, c: usize, ldcBytes: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let p = strip;
  let q = panel;
  for (let t = 0; t < depth; t++) {
    const b0 = v128.load(q);
    const b1 = v128.load(q, 16);
    let x = v128.load32_splat(p);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(p, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(p, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(p, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    p += 16;
    q += 32;
  }
  let row = c;
  v128.store(row, f32x4.add(v128.load(row), c00));
  v128.store(row, f32x4.add(v128.load(row, 16), c01), 16);
  row += ldcBytes;
  v128.store(row, f32x4.add(v128.load(row), c10));
  v128.store(row, f32x4.add(v128.load(row, 16), c11), 16);
  row += ldcBytes;
  v128.store(row, f32x4.add(v128.load(row), c20));
  v128.store(row, f32x4.add(v128.load(row, 16), c21), 16);
  row += ldcBytes;
  v128.store(row, f32x4.add(v128.load(row), c30));
  v128.store(row, f32x4.add(v128.load(row, 16), c31), 16);
}

/** The same product into a 4 × 8 tile (for the edges of C, where only part of the tile is stored). */
@inline
function kernel4x8Tile(strip: usize, panel: usize, depth: i32, tile: usize): void {
  v128.store(tile, f32x4.splat(0));
  v128.store(tile, f32x4.splat(0), 16);
  v128.store(tile, f32x4.splat(0), 32);
  v128.store(tile, f32x4.splat(0), 48);
  v128.store(tile, f32x4.splat(0), 64);
  v128.store(tile, f32x4.splat(0), 80);
  v128.store(tile, f32x4.splat(0), 96);
  v128.store(tile, f32x4.splat(0), 112);
  kernel4x8(strip, panel, depth, tile, 32);
}

/** C[rows × columns] += the top-left part of a 4 × 8 tile. */
@inline
function addTile(tile: usize, c: usize, ldcBytes: usize, rows: i32, columns: i32): void {
  for (let r = 0; r < rows; r++) {
    const source = tile + (<usize>r << 5);
    const target = c + <usize>r * ldcBytes;
    for (let j = 0; j < columns; j++) {
      const offset = <usize>j << 2;
      store<f32>(target + offset, load<f32>(target + offset) + load<f32>(source + offset));
    }
  }
}

// --- C += alpha · A · Bᵀ, rows of A and B contiguous ("dot-product" kernel) ------------------------------------

/**
 * C[m × n] += alpha · A[m × depth] · B[n × depth]ᵀ: every element is the dot product of a row of A and a row of B,
 * both contiguous (`nn.Linear`'s x·Wᵀ). The 4 × 2 micro-kernel keeps eight four-lane partial sums in registers, so
 * each vector loaded from A serves two rows of B and each vector from B four rows of A. Blocked over the depth and
 * over rows of B so that a block of B stays in L2 while the rows of A pass over it.
 */
export function dotProduct(
  m: i32, n: i32, depth: i32,
  a: usize, lda: i32,
  b: usize, ldb: i32,
  c: usize, ldc: i32,
  alpha: f32, scratch: usize,
): void {
  if (m <= 0 || n <= 0 || depth <= 0) return;
  const sums = scratch;
  const firstDepth = min(depth, dotDepthBlock);
  const rowBlock = max(2, (dotBlockBytes / (firstDepth * 4)) & ~1);
  const ldaBytes = <usize>lda << 2;
  const ldbBytes = <usize>ldb << 2;
  const ldcBytes = <usize>ldc << 2;
  for (let blockStart = 0; blockStart < n; blockStart += rowBlock) {
    const blockEnd = min(blockStart + rowBlock, n);
    for (let depthStart = 0; depthStart < depth; depthStart += dotDepthBlock) {
      const blockDepth = min(dotDepthBlock, depth - depthStart);
      const depthOffset = <usize>depthStart << 2;
      for (let row = 0; row < m; row += 4) {
        const rows = min(4, m - row);
        // Missing rows of a last, partial strip repeat row 0; their sums are not stored.
        const a0 = a + <usize>row * ldaBytes + depthOffset;
        const a1 = rows > 1 ? a0 + ldaBytes : a0;
        const a2 = rows > 2 ? a0 + 2 * ldaBytes : a0;
        const a3 = rows > 3 ? a0 + 3 * ldaBytes : a0;
        for (let column = blockStart; column < blockEnd; column += 2) {
          const columns = min(2, blockEnd - column);
          const b0 = b + <usize>column * ldbBytes + depthOffset;
          const b1 = columns > 1 ? b0 + ldbBytes : b0;
          dot4x2(a0, a1, a2, a3, b0, b1, blockDepth, sums);
          const target = c + <usize>row * ldcBytes + (<usize>column << 2);
          for (let r = 0; r < rows; r++) {
            const cell = target + <usize>r * ldcBytes;
            store<f32>(cell, load<f32>(cell) + alpha * load<f32>(sums + (<usize>r << 3)));
            if (columns > 1) store<f32>(cell, load<f32>(cell, 4) + alpha * load<f32>(sums + (<usize>r << 3), 4), 4);
          }
        }
      }
    }
  }
}

/** sums[2·r + s] = Σₜ a_r[t]·b_s[t] for four rows a_r and two rows b_s of `depth` floats. */
@inline
function dot4x2(a0: usize, a1: usize, a2: usize, a3: usize, b0: usize, b1: usize, depth: i32, sums: usize): void {
  let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
  let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
  const vectorEnd = <usize>(depth & ~3) << 2;
  for (let offset: usize = 0; offset < vectorEnd; offset += 16) {
    const x0 = v128.load(b0 + offset);
    const x1 = v128.load(b1 + offset);
    let y = v128.load(a0 + offset);
    s00 = f32x4.add(s00, f32x4.mul(y, x0));
    s01 = f32x4.add(s01, f32x4.mul(y, x1));
    y = v128.load(a1 + offset);
    s10 = f32x4.add(s10, f32x4.mul(y, x0));
    s11 = f32x4.add(s11, f32x4.mul(y, x1));
    y = v128.load(a2 + offset);
    s20 = f32x4.add(s20, f32x4.mul(y, x0));
    s21 = f32x4.add(s21, f32x4.mul(y, x1));
    y = v128.load(a3 + offset);
    s30 = f32x4.add(s30, f32x4.mul(y, x0));
    s31 = f32x4.add(s31, f32x4.mul(y, x1));
  }
  let t00 = horizontalSum(s00), t01 = horizontalSum(s01), t10 = horizontalSum(s10), t11 = horizontalSum(s11);
  let t20 = horizontalSum(s20), t21 = horizontalSum(s21), t30 = horizontalSum(s30), t31 = horizontalSum(s31);
  const end = <usize>depth << 2;
  for (let offset = vectorEnd; offset < end; offset += 4) {
    const x0 = load<f32>(b0 + offset);
    const x1 = load<f32>(b1 + offset);
    let y = load<f32>(a0 + offset);
    t00 += y * x0;
    t01 += y * x1;
    y = load<f32>(a1 + offset);
    t10 += y * x0;
    t11 += y * x1;
    y = load<f32>(a2 + offset);
    t20 += y * x0;
    t21 += y * x1;
    y = load<f32>(a3 + offset);
    t30 += y * x0;
    t31 += y * x1;
  }
  store<f32>(sums, t00);
  store<f32>(sums, t01, 4);
  store<f32>(sums, t10, 8);
  store<f32>(sums, t11, 12);
  store<f32>(sums, t20, 16);
  store<f32>(sums, t21, 20);
  store<f32>(sums, t30, 24);
  store<f32>(sums, t31, 28);
}

@inline
function horizontalSum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

// --- element-wise ----------------------------------------------------------------------------------------------

/** x[0 .. count) *= alpha, or = 0 when alpha is 0 (BLAS: β = 0 overwrites, NaN does not propagate). */
export function scaleInPlace(x: usize, count: i32, alpha: f32): void {
  if (count <= 0) return;
  if (alpha == 0) {
    memory.fill(x, 0, <usize>count << 2);
    return;
  }
  const factor = f32x4.splat(alpha);
  const vectorEnd = x + (<usize>(count & ~3) << 2);
  let p = x;
  for (; p < vectorEnd; p += 16) v128.store(p, f32x4.mul(v128.load(p), factor));
  const end = x + (<usize>count << 2);
  for (; p < end; p += 4) store<f32>(p, alpha * load<f32>(p));
}

// --- float32 ↔ float16 / bfloat16 --------------------------------------------------------------------------------
// Bit for bit the TypeScript conversions in src/dtype/half-precision.ts (round to nearest, ties to even; NaN keeps
// its sign and the top of its payload), eight values per step with lane-wise selects instead of branches.
//
// The lane constants live in a static table and are loaded into locals before each loop: written inline as
// `v128.const`, V8 rebuilds each of them on every iteration (three instructions apiece), which cost more than the
// conversion itself. A load from memory is opaque to the optimiser, so the locals stay in registers.

/** Offsets (bytes) of the vectors in `laneConstants`. */
const magnitudeMask: usize = 0; // 0x7fffffff
const exponentBits: usize = 16; // 0x7f800000
const roundingBias: usize = 32; // 0x00007fff
const ones: usize = 48; // 1
const bfloat16Quiet: usize = 64; // 0x40
const float16Sign: usize = 80; // 0x8000
const float16Rebias: usize = 96; // 0xfff − 0x38000000: exponent 127 → 15 plus the rounding bias
const half: usize = 112; // 0.5f = 0x3f000000, also the bits subtracted after the subnormal addition
const float16Quiet: usize = 128; // 0x7e00
const float16Mantissa: usize = 144; // 0x3ff
const float16Infinity: usize = 160; // 0x7c00
const float16Overflow: usize = 176; // 0x477fffff: above it, 65536.0f and up (x86 compares > directly, not ≥)
const float16Smallest: usize = 192; // 0x387fffff: above it, 2⁻¹⁴ (the smallest float16 normal) and up
const float16Magnitude: usize = 208; // 0x7fff
const float16Bias: usize = 224; // 112 << 23: exponent 15 → 127
const float16Subnormal: usize = 240; // 113 << 23 = 2⁻¹⁴

const laneConstants: usize = memory.data<u32>([
  0x7fffffff, 0x7fffffff, 0x7fffffff, 0x7fffffff,
  0x7f800000, 0x7f800000, 0x7f800000, 0x7f800000,
  0x00007fff, 0x00007fff, 0x00007fff, 0x00007fff,
  1, 1, 1, 1,
  0x40, 0x40, 0x40, 0x40,
  0x8000, 0x8000, 0x8000, 0x8000,
  0xc8000fff, 0xc8000fff, 0xc8000fff, 0xc8000fff,
  0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000,
  0x7e00, 0x7e00, 0x7e00, 0x7e00,
  0x3ff, 0x3ff, 0x3ff, 0x3ff,
  0x7c00, 0x7c00, 0x7c00, 0x7c00,
  0x477fffff, 0x477fffff, 0x477fffff, 0x477fffff,
  0x387fffff, 0x387fffff, 0x387fffff, 0x387fffff,
  0x7fff, 0x7fff, 0x7fff, 0x7fff,
  0x38000000, 0x38000000, 0x38000000, 0x38000000,
  0x38800000, 0x38800000, 0x38800000, 0x38800000,
], 16);

/** target[i] (16-bit) = bfloat16 bits of source[i] (float32), for i < count. */
export function float32ToBfloat16(source: usize, target: usize, count: i32): void {
  const vectorCount = count & ~7;
  const magnitude = v128.load(laneConstants + magnitudeMask);
  const exponent = v128.load(laneConstants + exponentBits);
  const bias = v128.load(laneConstants + roundingBias);
  const one = v128.load(laneConstants + ones);
  const quiet = v128.load(laneConstants + bfloat16Quiet);
  for (let index = 0; index < vectorCount; index += 8) {
    const low = bfloat16Lanes(v128.load(source + (<usize>index << 2)), magnitude, exponent, bias, one, quiet);
    const high = bfloat16Lanes(v128.load(source + (<usize>index << 2), 16), magnitude, exponent, bias, one, quiet);
    v128.store(target + (<usize>index << 1), i16x8.narrow_i32x4_u(low, high));
  }
  for (let index = vectorCount; index < count; index++) {
    const word = load<u32>(source + (<usize>index << 2));
    const bits = (word & 0x7fffffff) > 0x7f800000 ? (word >>> 16) | 0x40 : (word + 0x7fff + ((word >>> 16) & 1)) >>> 16;
    store<u16>(target + (<usize>index << 1), <u16>bits);
  }
}

@inline
function bfloat16Lanes(word: v128, magnitude: v128, exponent: v128, bias: v128, one: v128, quiet: v128): v128 {
  const isNan = i32x4.gt_s(v128.and(word, magnitude), exponent);
  const high = i32x4.shr_u(word, 16);
  const rounded = i32x4.shr_u(i32x4.add(i32x4.add(word, bias), v128.and(high, one)), 16);
  return v128.bitselect(v128.or(high, quiet), rounded, isNan);
}

/** target[i] (float32) = the value of bfloat16 bits source[i], for i < count (exact). */
export function bfloat16ToFloat32(source: usize, target: usize, count: i32): void {
  const vectorCount = count & ~7;
  for (let index = 0; index < vectorCount; index += 8) {
    const halves = v128.load(source + (<usize>index << 1));
    const output = target + (<usize>index << 2);
    v128.store(output, i32x4.shl(i32x4.extend_low_i16x8_u(halves), 16));
    v128.store(output, i32x4.shl(i32x4.extend_high_i16x8_u(halves), 16), 16);
  }
  for (let index = vectorCount; index < count; index++) {
    store<u32>(target + (<usize>index << 2), <u32>load<u16>(source + (<usize>index << 1)) << 16);
  }
}

/** target[i] (16-bit) = float16 bits of source[i] (float32), for i < count. */
export function float32ToFloat16(source: usize, target: usize, count: i32): void {
  const vectorCount = count & ~7;
  const magnitude = v128.load(laneConstants + magnitudeMask);
  const sign = v128.load(laneConstants + float16Sign);
  const rebias = v128.load(laneConstants + float16Rebias);
  const one = v128.load(laneConstants + ones);
  const halfBits = v128.load(laneConstants + half);
  const exponent = v128.load(laneConstants + exponentBits);
  const quiet = v128.load(laneConstants + float16Quiet);
  const mantissa = v128.load(laneConstants + float16Mantissa);
  const infinity = v128.load(laneConstants + float16Infinity);
  const overflow = v128.load(laneConstants + float16Overflow);
  const smallest = v128.load(laneConstants + float16Smallest);
  for (let index = 0; index < vectorCount; index += 8) {
    const low = float16Lanes(v128.load(source + (<usize>index << 2)), magnitude, sign, rebias, one, halfBits, exponent, quiet, mantissa, infinity, overflow, smallest);
    const high = float16Lanes(v128.load(source + (<usize>index << 2), 16), magnitude, sign, rebias, one, halfBits, exponent, quiet, mantissa, infinity, overflow, smallest);
    v128.store(target + (<usize>index << 1), i16x8.narrow_i32x4_u(low, high));
  }
  for (let index = vectorCount; index < count; index++) {
    const lanes = float16Lanes(v128.load32_zero(source + (<usize>index << 2)), magnitude, sign, rebias, one, halfBits, exponent, quiet, mantissa, infinity, overflow, smallest);
    store<u16>(target + (<usize>index << 1), <u16>i32x4.extract_lane(lanes, 0));
  }
}

/**
 * Four float32 bit patterns → four float16 bit patterns (in 32-bit lanes). Normal results rebias the exponent and
 * round the 13 dropped bits to even; subnormal results come from a float32 addition of 0.5, whose rounding (to
 * nearest even, exact in IEEE arithmetic) leaves round(|x| / 2⁻²⁴) in the low bits; |x| ≥ 65536, Inf and NaN are
 * handled apart (values in [65520, 65536) round up to Inf in the normal path).
 */
@inline
function float16Lanes(
  word: v128, magnitudeMask: v128, signBit: v128, rebias: v128, one: v128, halfBits: v128, exponent: v128,
  quiet: v128, mantissa: v128, infinity: v128, overflow: v128, smallest: v128,
): v128 {
  const magnitude = v128.and(word, magnitudeMask);
  const sign = v128.and(i32x4.shr_u(word, 16), signBit);
  const shifted = i32x4.shr_u(magnitude, 13);
  const normal = i32x4.shr_u(i32x4.add(i32x4.add(magnitude, rebias), v128.and(shifted, one)), 13);
  const subnormal = i32x4.sub(f32x4.add(magnitude, halfBits), halfBits);
  const special = v128.bitselect(v128.or(quiet, v128.and(shifted, mantissa)), infinity, i32x4.gt_s(magnitude, exponent));
  const isSpecial = i32x4.gt_s(magnitude, overflow);
  const isNormal = i32x4.gt_s(magnitude, smallest);
  return v128.or(sign, v128.bitselect(special, v128.bitselect(normal, subnormal, isNormal), isSpecial));
}

/** target[i] (float32) = the value of float16 bits source[i], for i < count (exact, subnormals included). */
export function float16ToFloat32(source: usize, target: usize, count: i32): void {
  const vectorCount = count & ~7;
  const sign = v128.load(laneConstants + float16Sign);
  const infinity = v128.load(laneConstants + float16Infinity);
  const mantissa = v128.load(laneConstants + float16Mantissa);
  const magnitude = v128.load(laneConstants + float16Magnitude);
  const bias = v128.load(laneConstants + float16Bias);
  const exponent = v128.load(laneConstants + exponentBits);
  const subnormalBase = v128.load(laneConstants + float16Subnormal);
  for (let index = 0; index < vectorCount; index += 8) {
    const halves = v128.load(source + (<usize>index << 1));
    const output = target + (<usize>index << 2);
    v128.store(output, float32Lanes(i32x4.extend_low_i16x8_u(halves), sign, infinity, mantissa, magnitude, bias, exponent, subnormalBase));
    v128.store(output, float32Lanes(i32x4.extend_high_i16x8_u(halves), sign, infinity, mantissa, magnitude, bias, exponent, subnormalBase), 16);
  }
  for (let index = vectorCount; index < count; index++) {
    const lanes = float32Lanes(i32x4.splat(<i32>load<u16>(source + (<usize>index << 1))), sign, infinity, mantissa, magnitude, bias, exponent, subnormalBase);
    store<i32>(target + (<usize>index << 2), i32x4.extract_lane(lanes, 0));
  }
}

/**
 * Four float16 bit patterns (in 32-bit lanes) → four float32 bit patterns. A subnormal m·2⁻²⁴ is computed exactly as
 * the float32 2⁻¹⁴·(1 + m/1024) minus 2⁻¹⁴.
 */
@inline
function float32Lanes(half: v128, signBit: v128, infinity: v128, mantissaMask: v128, magnitudeMask: v128, bias: v128, exponentBits: v128, subnormalBase: v128): v128 {
  const sign = i32x4.shl(v128.and(half, signBit), 16);
  const exponent = v128.and(half, infinity);
  const shifted = i32x4.shl(v128.and(half, mantissaMask), 13);
  const normal = i32x4.add(i32x4.shl(v128.and(half, magnitudeMask), 13), bias);
  const special = v128.or(shifted, exponentBits);
  const subnormal = f32x4.sub(v128.or(shifted, subnormalBase), subnormalBase);
  const isSpecial = i32x4.eq(exponent, infinity);
  const isSubnormal = i32x4.eq(exponent, f32x4.splat(0));
  return v128.or(sign, v128.bitselect(special, v128.bitselect(subnormal, normal, isSubnormal), isSpecial));
}

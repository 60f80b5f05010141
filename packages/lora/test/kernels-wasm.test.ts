// The WebAssembly SIMD kernels (one thread and worker threads): every product against a float64 triple loop within
// the float32 summation bound, agreement with the JavaScript fallback on random shapes (sizes that are not multiples
// of 4 or 8, rank 1, empty dimensions, block and chunk boundaries), the PyTorch reference tensors (merge, forward,
// SVD extraction) on the worker threads, the dtype conversions against every bit pattern of ref/dtypes.json and every
// 16-bit pattern, and the committed module against its source.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWasmConverter } from '../src/kernels/wasm/wasm-conversions.js';
import { createWasmKernelSet } from '../src/kernels/wasm/wasm-kernel-set.js';
import { compileKernelModuleSync, createKernelMemory, instantiateKernels } from '../src/kernels/wasm/wasm-module.js';
import { WasmWorkspace } from '../src/kernels/wasm/wasm-workspace.js';
import {
  bfloat16ArrayToFloat32,
  createMatrix,
  createRandom,
  createWasmKernels,
  extractLora,
  float16ArrayToFloat32,
  float32ArrayToBfloat16,
  float32ArrayToFloat16,
  javascriptKernels,
  loraDeltaWeight,
  LoraLinear,
  mergeLoraInto,
  setKernelSet,
  wasmSimdSupported,
} from '../src/index.js';
import type { KernelSet } from '../src/index.js';
import { createParallelKernels } from '../src/node/index.js';
import type { ParallelKernelSet } from '../src/node/index.js';
import type { BoundedReference } from './float32-bounds.js';
import { referenceMerge, referenceProduct, worstBoundRatio } from './float32-bounds.js';
import { compare, loadReference, referenceAvailable, referenceFolder, referenceSkipMessage, toMatrix } from './reference-math-data.js';

function randomArray(length: number, seed: number): Float32Array {
  const values = new Float32Array(length);
  createRandom(seed).fillNormal(values, 0, 1);
  return values;
}

/** Largest |actual − expected| / bound (≤ 1 passes); NaN anywhere fails. */
function worstRatio(actual: Float32Array, expected: BoundedReference): number {
  return worstBoundRatio(actual, expected);
}

// Shapes that leave remainders of the 4 × 8 and 4 × 2 tiles, cross the 256/512 depth blocks, and the degenerate ones.
const productShapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [4, 8, 256],
  [5, 9, 257],
  [17, 130, 9],
  [33, 6, 517],
  [8, 530, 257],
  [26, 70, 600],
  [2, 1, 1100],
  [0, 4, 3],
  [3, 0, 4],
  [3, 4, 0],
];
const scales: [number, number][] = [
  [1, 0],
  [1.5, 0.5],
  [-2, 1],
];

// W[rows × cols] += s·B·A: rank 1, ranks that are not multiples of 4, ranks above the 256-deep block.
const mergeShapes: [number, number, number][] = [
  [1, 1, 1],
  [5, 3, 1],
  [64, 48, 4],
  [70, 600, 7],
  [9, 1100, 16],
  [33, 257, 64],
  [13, 19, 300],
  [0, 5, 3],
  [6, 0, 2],
];

let parallel: ParallelKernelSet | undefined;

beforeAll(async () => {
  // onlyWhenIdle: false splits every product even on a busy machine, so the splitting is always what is tested.
  parallel = await createParallelKernels({ threads: 2, minimumMultiplyAdds: 0, minimumParallelMultiplyAdds: 0, onlyWhenIdle: false, chunkBytes: 32 * 1024, residentBytes: 512 * 1024 });
});

afterAll(async () => {
  await parallel?.close();
});

/** The kernel sets under test, created lazily (the parallel one needs beforeAll). */
const kernelSets: [string, () => KernelSet][] = [
  ['wasm-simd, every size, small blocks', () => createWasmKernels({ minimumMultiplyAdds: 0, chunkBytes: 16 * 1024, residentBytes: 64 * 1024 })!],
  ['wasm-simd, default tuning', () => createWasmKernels()!],
  ['wasm-simd on two threads', () => parallel!],
];

describe('WebAssembly SIMD is there (Node 20)', () => {
  it('detects SIMD and compiles the kernels', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(createWasmKernels()?.name).toBe('wasm-simd');
  });
});

describe.each(kernelSets)('%s', (_label, kernelSet) => {
  it.each(productShapes)('A·B, Aᵀ·B and A·Bᵀ for m=%i n=%i k=%i are within the float32 bound of a float64 loop, and of the JavaScript kernels', (m, n, k) => {
    const kernels = kernelSet();
    for (const [alpha, beta] of scales) {
      for (const kind of ['matmul', 'matmulTransposeA', 'matmulTransposeB'] as const) {
        const a = randomArray(m * k, m * 1000 + k);
        const b = randomArray(k * n, n * 7 + 1);
        const initial = randomArray(m * n, 3);
        // γ_{k+2}·(|α|·Σ|aₜbₜ| + |β·c|) of a float64 loop (test/float32-bounds.ts).
        const expected = referenceProduct(kind, { m, n, k, a, b, c: initial, alpha, beta });
        const c = initial.slice();
        if (beta === 0) c.fill(Number.NaN); // β = 0 overwrites C without reading it
        kernels[kind]({ m, n, k, a, b, c, alpha, beta });
        expect(worstRatio(c, expected), `${kind} α=${String(alpha)} β=${String(beta)}`).toBeLessThanOrEqual(1);
        const fallback = initial.slice();
        javascriptKernels[kind]({ m, n, k, a, b, c: fallback, alpha, beta });
        // Both within their bound of the exact value, so within twice the bound of each other.
        const twoBounds = { values: Float64Array.from(fallback), bounds: Float64Array.from(expected.bounds, (bound) => 2 * bound) };
        expect(worstRatio(c, twoBounds), `${kind} against the JavaScript kernels`).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each(mergeShapes)('W += s·B·A for out=%i in=%i r=%i, in both storage orders, is within the float32 bound of a float64 loop', (rows, cols, rank) => {
    const kernels = kernelSet();
    const weight = randomArray(rows * cols, 11);
    const left = randomArray(rows * rank, 12);
    const right = randomArray(rank * cols, 13);
    const scale = 1.75;
    // γ_{r+2}·(|w| + |s|·Σ|bₜaₜ|) of a float64 loop (test/float32-bounds.ts).
    const { values, bounds } = referenceMerge({ weight, b: left, a: right, rows, cols, rank, scale });
    const merged = weight.slice();
    kernels.addScaledProduct({ rows, cols, rank, target: merged, left, right, scale });
    expect(worstRatio(merged, { values, bounds })).toBeLessThanOrEqual(1);
    // Stored [in, out] (GPT-2's Conv1D): the same values, transposed.
    const stored = new Float32Array(cols * rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) stored[j * rows + i] = weight[i * cols + j]!;
    kernels.addScaledProductTransposed({ rows, cols, rank, target: stored, left, right, scale });
    const back = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) back[i * cols + j] = stored[j * rows + i]!;
    expect(worstRatio(back, { values, bounds })).toBeLessThanOrEqual(1);
    const fallback = weight.slice();
    javascriptKernels.addScaledProduct({ rows, cols, rank, target: fallback, left, right, scale });
    expect(worstRatio(merged, { values: Float64Array.from(fallback), bounds: Float64Array.from(bounds, (bound) => 2 * bound) })).toBeLessThanOrEqual(1);
  });

  it('keeps axpy and scale exact (element-wise, as the JavaScript kernels)', () => {
    const kernels = kernelSet();
    const x = randomArray(1001, 5);
    const y = randomArray(1001, 6);
    const expected = y.slice();
    javascriptKernels.axpy(expected, x, 0.25);
    kernels.axpy(y, x, 0.25);
    expect(y).toEqual(expected);
    kernels.scale(y, -3);
    javascriptKernels.scale(expected, -3);
    expect(y).toEqual(expected);
  });
});

describe('the WebAssembly kernel set', () => {
  it('runs small products on the JavaScript kernels (same bits), large ones on WebAssembly', () => {
    const kernels = createWasmKernels({ minimumMultiplyAdds: 1000 })!;
    const a = randomArray(6 * 7, 1);
    const b = randomArray(7 * 5, 2);
    const ours = new Float32Array(30);
    const reference = new Float32Array(30);
    kernels.matmul({ m: 6, n: 5, k: 7, a, b, c: ours, alpha: 1, beta: 0 });
    javascriptKernels.matmul({ m: 6, n: 5, k: 7, a, b, c: reference, alpha: 1, beta: 0 });
    expect(ours).toEqual(reference);
  });

  it('rejects tuning options that are negative or not numbers, naming them', () => {
    expect(() => createWasmKernels({ chunkBytes: Number.NaN })).toThrow(/chunkBytes must be a non-negative number, got NaN/);
    expect(() => createWasmKernels({ minimumMultiplyAdds: -1 })).toThrow(/minimumMultiplyAdds/);
    expect(() => createWasmKernels({ residentBytes: Number.POSITIVE_INFINITY })).toThrow(/residentBytes/);
  });

  it('reuses its memory: a second call of the same size grows nothing', () => {
    const module = compileKernelModuleSync()!;
    const memory = createKernelMemory(1);
    const workspace = new WasmWorkspace(instantiateKernels(module, memory), memory);
    const kernels = createWasmKernelSet(workspace, { minimumMultiplyAdds: 0 });
    const operands = { rows: 300, cols: 700, rank: 16, target: randomArray(300 * 700, 1), left: randomArray(300 * 16, 2), right: randomArray(16 * 700, 3), scale: 1 };
    kernels.addScaledProduct(operands);
    const grown = memory.buffer.byteLength;
    expect(grown).toBeGreaterThan(65_536);
    kernels.addScaledProduct(operands);
    kernels.matmulTransposeB({ m: 30, n: 300, k: 700, a: randomArray(30 * 700, 4), b: operands.target, c: new Float32Array(30 * 300), alpha: 1, beta: 0 });
    expect(memory.buffer.byteLength).toBe(grown);
  });

  it('is not offered where WebAssembly is missing: the caller keeps the JavaScript kernels', () => {
    vi.stubGlobal('WebAssembly', undefined);
    try {
      expect(wasmSimdSupported()).toBe(false);
      expect(createWasmKernels()).toBeUndefined();
      expect(createWasmConverter()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
    expect(wasmSimdSupported()).toBe(true);
  });
});

describe('the parallel kernel set', () => {
  it('rejects a thread count that is not a positive integer, naming it', async () => {
    for (const threads of [0, -1, 1.5, Number.NaN]) {
      await expect(createParallelKernels({ threads })).rejects.toThrow(/threads must be a positive integer/);
    }
    await expect(createParallelKernels({ chunkBytes: -5 })).rejects.toThrow(/chunkBytes must be a non-negative number/);
    await expect(createParallelKernels({ minimumParallelMultiplyAdds: Number.NaN })).rejects.toThrow(/minimumParallelMultiplyAdds/);
  });

  it('uses at most the available parallelism, and still computes after close()', async () => {
    const kernels = await createParallelKernels({ threads: 64, minimumParallelMultiplyAdds: 0, minimumMultiplyAdds: 0, onlyWhenIdle: false });
    expect(kernels).toBeDefined();
    expect(kernels!.threads).toBe(Math.min(64, availableParallelism()));
    expect(kernels!.name).toBe(`wasm-simd × ${String(kernels!.threads)} threads`);
    await kernels!.close();
    const c = new Float32Array(4);
    kernels!.matmul({ m: 2, n: 2, k: 2, a: Float32Array.of(1, 2, 3, 4), b: Float32Array.of(5, 6, 7, 8), c, alpha: 1, beta: 0 });
    expect([...c]).toEqual([19, 22, 43, 50]);
  });
});

describe('the two-thread kernels under a stream of jobs', () => {
  it('give bit for bit the one-thread results on 300 products of random shapes run back to back', () => {
    // Same blocking on both sides, every product split in tasks: a task run twice, skipped, or run with another
    // job's arguments (a race in the claiming protocol) would change some bits.
    const options = { minimumMultiplyAdds: 0, chunkBytes: 32 * 1024, residentBytes: 512 * 1024 };
    const single = createWasmKernels(options)!;
    const random = createRandom(2024);
    const size = (limit: number): number => 1 + random.integer(limit);
    for (let job = 0; job < 300; job++) {
      const kind = (['matmul', 'matmulTransposeA', 'matmulTransposeB', 'addScaledProduct'] as const)[job % 4]!;
      const m = size(70);
      const n = size(300);
      const k = kind === 'addScaledProduct' ? size(40) : size(200);
      const a = randomArray(m * k, 3 * job);
      const b = randomArray(k * n, 3 * job + 1);
      const ours = randomArray(m * n, 3 * job + 2);
      const theirs = ours.slice();
      for (const [kernels, c] of [[parallel!, ours], [single, theirs]] as const) {
        if (kind === 'addScaledProduct') kernels.addScaledProduct({ rows: m, cols: n, rank: k, target: c, left: a, right: b, scale: 0.5 });
        else kernels[kind]({ m, n, k, a, b, c, alpha: 1, beta: 1 });
      }
      expect(firstDifference(new Uint32Array(ours.buffer), new Uint32Array(theirs.buffer)), `${kind} ${String(m)} × ${String(n)} × ${String(k)}`).toBeUndefined();
    }
  });
});

describe.skipIf(!referenceAvailable)(`PyTorch reference tensors on the WebAssembly kernels over two threads ${referenceSkipMessage}`, () => {
  const reference = referenceAvailable ? loadReference() : (undefined as never);
  let previous: KernelSet | undefined;
  beforeAll(() => {
    previous = setKernelSet(parallel!);
  });
  afterAll(() => {
    if (previous !== undefined) setKernelSet(previous);
  });
  const float32Tolerance = { atol: 2e-6, rtol: 2e-6 };

  it('merge: W += s·B·A equals W_merged_f64, and the fan_in_fan_out weight its reference', () => {
    const factors = { a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B), scaling: reference.scaling };
    const weight = mergeLoraInto(toMatrix(reference.inputs.W), factors);
    expect(compare(weight.data, reference.merge.W_merged_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
    expect(compare(loraDeltaWeight(factors).data, reference.merge.delta_W_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
    const original = toMatrix(reference.inputs.W);
    const stored = createMatrix(original.cols, original.rows);
    for (let i = 0; i < original.rows; i++) for (let j = 0; j < original.cols; j++) stored.data[j * original.rows + i] = original.data[i * original.cols + j]!;
    mergeLoraInto(stored, factors, { fanInFanOut: true });
    expect(compare(stored.data, reference.merge.fan_in_fan_out_W_stored_in_out_merged_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
  });

  it('forward: y = x·Wᵀ + b + s·(x·Aᵀ)·Bᵀ equals y_f64 and y_f32', () => {
    const layer = new LoraLinear({ weight: toMatrix(reference.inputs.W), bias: Float32Array.from(reference.inputs.bias.data) });
    layer.addAdapter('default', { rank: reference.r, alpha: reference.lora_alpha, a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B) });
    const y = layer.forward(toMatrix(reference.inputs.x));
    expect(compare(y.data, reference.forward.y_f64.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
    expect(compare(y.data, reference.forward.y_f32.data, float32Tolerance).worstRatio).toBeLessThanOrEqual(1);
  });

  it.each(['exact', 'randomized'] as const)('SVD extraction (%s): B·A equals BA_reconstruction_f64 and S the singular values', (method) => {
    const svd = reference.svd_extraction;
    const extracted = extractLora(toMatrix(svd.delta_W_f64), { rank: svd.k, method, seed: 7 });
    expect(compare(loraDeltaWeight(extracted.factors).data, svd.BA_reconstruction_f64.data, { atol: 2e-6, rtol: 0 }).worstRatio).toBeLessThanOrEqual(1);
    expect(compare(extracted.singularValues, svd.singular_values_f64.slice(0, svd.k), { atol: 1e-6, rtol: 0 }).worstRatio).toBeLessThanOrEqual(1);
  });
});

interface DtypeRow {
  readonly f32_bits: string;
  readonly f16_bits: string;
  readonly bf16_bits: string;
}

describe.skipIf(!referenceAvailable)(`dtype conversions on WebAssembly SIMD against PyTorch's bits (ref/dtypes.json) ${referenceSkipMessage}`, async () => {
  const { readFileSync } = await import('node:fs');
  const rows = referenceAvailable ? (JSON.parse(readFileSync(`${referenceFolder}dtypes.json`, 'utf8')) as { rows: DtypeRow[] }).rows : [];
  const converter = createWasmConverter()!;
  // Each pattern at every position of an 8-lane vector and in the scalar tail: 8·27 + 5 elements.
  const repeats = 8 * rows.length + 5;
  const pick = <T>(values: readonly T[]): T[] => Array.from({ length: repeats }, (_, index) => values[index % values.length]!);

  it('float32 → float16 and → bfloat16 give torch bits, NaN, Inf, subnormals and ties included', () => {
    const words = Uint32Array.from(pick(rows.map((row) => Number(row.f32_bits))));
    const floats = new Float32Array(words.buffer);
    const halves = new Uint16Array(repeats);
    converter.float32ToFloat16(floats, halves);
    expect([...halves]).toEqual(pick(rows.map((row) => Number(row.f16_bits))));
    converter.float32ToBfloat16(floats, halves);
    // NaN → bfloat16 is implementation-defined in torch 1.13 (its vectorised path writes 0xFFFF, its scalar one
    // 0x7FC0); ours, like the TypeScript loop, keeps the sign and payload top: 0x7FC0 for the canonical NaN.
    const expected = pick(rows.map((row) => (row.f32_bits === '0x7fc00000' ? 0x7fc0 : Number(row.bf16_bits))));
    expect(rows.filter((row) => row.f32_bits === '0x7fc00000')).toHaveLength(1);
    expect([...halves]).toEqual(expected);
  });

  it('the 3 × 5 matrix of dtypes.json converts to the F16 and BF16 bits torch wrote', () => {
    const reference = JSON.parse(readFileSync(`${referenceFolder}dtypes.json`, 'utf8')) as { mat_f32: { data: number[] }; mat_f16_bits: number[]; mat_bf16_bits: number[] };
    const matrix = Float32Array.from(reference.mat_f32.data);
    const halves = new Uint16Array(matrix.length);
    converter.float32ToFloat16(matrix, halves);
    expect([...halves]).toEqual(reference.mat_f16_bits);
    converter.float32ToBfloat16(matrix, halves);
    expect([...halves]).toEqual(reference.mat_bf16_bits);
  });

  it('float16 → float32 and bfloat16 → float32 give the exact float32 bits torch widens to', () => {
    const widened = new Float32Array(repeats);
    converter.float16ToFloat32(Uint16Array.from(pick(rows.map((row) => Number(row.f16_bits)))), widened);
    const fromHalf = [...new Uint32Array(widened.buffer)];
    converter.bfloat16ToFloat32(Uint16Array.from(pick(rows.map((row) => Number(row.bf16_bits)))), widened);
    const fromBrain = [...new Uint32Array(widened.buffer)];
    rows.forEach((row, index) => {
      const half = Number(row.f16_bits);
      const expectedHalf = new Uint32Array(float16ArrayToFloat32(Uint16Array.of(half)).buffer)[0];
      expect(fromHalf[index], row.f16_bits).toBe(expectedHalf);
      expect(fromBrain[index], row.bf16_bits).toBe((Number(row.bf16_bits) << 16) >>> 0);
    });
  });
});

/** The first index where two arrays of integers differ, with both values, or undefined (deep equality is slow here). */
function firstDifference(ours: Uint16Array | Uint32Array, theirs: Uint16Array | Uint32Array): string | undefined {
  if (ours.length !== theirs.length) return `lengths ${String(ours.length)} and ${String(theirs.length)}`;
  for (let index = 0; index < ours.length; index++) {
    if (ours[index] !== theirs[index]) return `index ${String(index)}: 0x${ours[index]!.toString(16)} ≠ 0x${theirs[index]!.toString(16)}`;
  }
  return undefined;
}

describe('dtype conversions on WebAssembly SIMD agree bit for bit with the TypeScript loops', () => {
  const converter = createWasmConverter()!;
  /** The TypeScript loops run on arrays below 4096 elements; larger ones would take the WebAssembly path. */
  const inSmallPieces = <S extends Float32Array | Uint16Array, T extends Float32Array | Uint16Array>(source: S, target: T, convert: (from: S, to: T) => unknown): void => {
    for (let start = 0; start < source.length; start += 4000) convert(source.subarray(start, start + 4000) as S, target.subarray(start, start + 4000) as T);
  };

  it('all 65 536 float16 and bfloat16 patterns widen to the same float32 bits', () => {
    const patterns = Uint16Array.from({ length: 65_536 }, (_, index) => index);
    const ours = new Float32Array(65_536);
    const theirs = new Float32Array(65_536);
    converter.float16ToFloat32(patterns, ours);
    inSmallPieces(patterns, theirs, float16ArrayToFloat32);
    expect(firstDifference(new Uint32Array(ours.buffer), new Uint32Array(theirs.buffer))).toBeUndefined();
    converter.bfloat16ToFloat32(patterns, ours);
    inSmallPieces(patterns, theirs, bfloat16ArrayToFloat32);
    expect(firstDifference(new Uint32Array(ours.buffer), new Uint32Array(theirs.buffer))).toBeUndefined();
  });

  it('a million float32 patterns (random, and every exponent with edge mantissas) narrow to the same bits', () => {
    const count = 1_000_003;
    const words = new Uint32Array(count);
    const random = createRandom(99);
    for (let index = 0; index < count; index++) words[index] = random.nextUint32();
    // Every sign and exponent with mantissas at the rounding edges of float16 (13 dropped bits) and bfloat16 (16).
    const mantissas = [0, 1, 0xfff, 0x1000, 0x1001, 0x1fff, 0x2000, 0x7fff, 0x8000, 0x8001, 0xffff, 0x10000, 0x18000, 0x7fffff, 0x7fe000, 0x400000];
    let position = 0;
    for (let sign = 0; sign < 2; sign++) {
      for (let exponent = 0; exponent < 256; exponent++) {
        for (const mantissa of mantissas) words[position++] = ((sign << 31) | (exponent << 23) | mantissa) >>> 0;
      }
    }
    const floats = new Float32Array(words.buffer);
    const ours = new Uint16Array(count);
    const theirs = new Uint16Array(count);
    converter.float32ToFloat16(floats, ours);
    inSmallPieces(floats, theirs, float32ArrayToFloat16);
    expect(firstDifference(ours, theirs)).toBeUndefined();
    converter.float32ToBfloat16(floats, ours);
    inSmallPieces(floats, theirs, float32ArrayToBfloat16);
    expect(firstDifference(ours, theirs)).toBeUndefined();
  });

  it('the package conversions take the WebAssembly path for large arrays and give the same bits', () => {
    const floats = randomArray(10_007, 4);
    const viaPackage = float32ArrayToBfloat16(floats);
    const viaConverter = new Uint16Array(10_007);
    converter.float32ToBfloat16(floats, viaConverter);
    expect(firstDifference(viaPackage, viaConverter)).toBeUndefined();
  });
});

describe('the committed WebAssembly module', () => {
  it('is what scripts/build-wasm.mjs makes from kernels.as with the pinned AssemblyScript', () => {
    const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});

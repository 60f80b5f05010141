#!/usr/bin/env node
// LoRA kernels against a naive triple loop measured in the same run (the reference): merge W += s·B·A on a
// 4096 × 4096 float32 weight at r = 16 and 64, the LoRA forward of a 32 × 4096 batch at r = 16, and a rank-16 SVD
// extraction from a 4096 × 4096 ΔW. Reads the built package (`pnpm build` first). Prints time, GFLOP/s and the
// speed-up over the naive loop; the WebAssembly kernels of issue 7 will add columns here.
import { performance } from 'node:perf_hooks';
import { addScaledProduct, createMatrix, createRandom, extractLora, getKernelSet, LoraLinear } from '../dist/index.js';

const size = 4096;
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

function randomMatrix(rows, cols, seed, scale = 1) {
  const matrix = createMatrix(rows, cols);
  createRandom(seed).fillNormal(matrix.data, 0, scale);
  return matrix;
}

/** Best of `repeats` runs (after one warm-up), in milliseconds. */
function time(run, count = repeats) {
  run();
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

// The reference: textbook loops, no blocking, no unrolling, same float32 storage.
function naiveMerge(weight, b, a, scale) {
  const rows = b.rows;
  const cols = a.cols;
  const rank = a.rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let t = 0; t < rank; t++) sum += b.data[i * rank + t] * a.data[t * cols + j];
      weight.data[i * cols + j] += scale * sum;
    }
  }
}

function naiveLoraForward(x, { weight, bias, a, b, scale }) {
  const batch = x.rows;
  const inFeatures = x.cols;
  const outFeatures = weight.rows;
  const rank = a.rows;
  const y = new Float32Array(batch * outFeatures);
  const hidden = new Float32Array(batch * rank);
  for (let i = 0; i < batch; i++) {
    for (let t = 0; t < rank; t++) {
      let sum = 0;
      for (let k = 0; k < inFeatures; k++) sum += x.data[i * inFeatures + k] * a.data[t * inFeatures + k];
      hidden[i * rank + t] = sum;
    }
    for (let o = 0; o < outFeatures; o++) {
      let sum = bias[o];
      for (let k = 0; k < inFeatures; k++) sum += x.data[i * inFeatures + k] * weight.data[o * inFeatures + k];
      let branch = 0;
      for (let t = 0; t < rank; t++) branch += hidden[i * rank + t] * b.data[o * rank + t];
      y[i * outFeatures + o] = sum + scale * branch;
    }
  }
  return y;
}

const rows = [];
function record(name, flops, { kernelMilliseconds, naiveMilliseconds, note = '' }) {
  rows.push({
    name,
    kernelMilliseconds,
    kernelGflops: flops / kernelMilliseconds / 1e6,
    naiveMilliseconds,
    naiveGflops: naiveMilliseconds === undefined ? undefined : flops / naiveMilliseconds / 1e6,
    speedup: naiveMilliseconds === undefined ? undefined : naiveMilliseconds / kernelMilliseconds,
    note,
  });
}

// 1. Merge W += s·B·A.
for (const rank of [16, 64]) {
  const weight = randomMatrix(size, size, 1, 0.02);
  const b = randomMatrix(size, rank, 2, 0.01);
  const a = randomMatrix(rank, size, 3, 1 / Math.sqrt(size));
  const flops = 2 * size * size * rank;
  const kernel = time(() => addScaledProduct(weight, b, a, { scale: 2 }));
  const naive = time(() => naiveMerge(weight, b, a, 2), 1);
  // Agreement check on a fresh weight: the kernel and the naive loop must give the same merged weight.
  const left = randomMatrix(size, size, 4, 0.02);
  const right = { rows: size, cols: size, data: left.data.slice() };
  addScaledProduct(left, b, a, { scale: 2 });
  naiveMerge(right, b, a, 2);
  let worst = 0;
  for (let index = 0; index < left.data.length; index++) worst = Math.max(worst, Math.abs(left.data[index] - right.data[index]));
  record(`merge W += s·B·A, ${size}×${size}, r=${rank}`, flops, { kernelMilliseconds: kernel, naiveMilliseconds: naive, note: `max |kernel − naive| = ${worst.toExponential(1)}` });
}

// 2. LoRA forward of a 32 × 4096 batch, r = 16.
{
  const batch = 32;
  const rank = 16;
  const weight = randomMatrix(size, size, 5, 0.02);
  const bias = new Float32Array(size).fill(0.1);
  const layer = new LoraLinear({ weight, bias });
  const a = randomMatrix(rank, size, 6, 1 / Math.sqrt(size));
  const b = randomMatrix(size, rank, 7, 0.01);
  layer.addAdapter('default', { rank, alpha: 32, a, b });
  const x = randomMatrix(batch, size, 8);
  const flops = 2 * batch * size * size + 2 * batch * rank * (size + size);
  const kernel = time(() => layer.forward(x));
  const naive = time(() => naiveLoraForward(x, { weight, bias, a, b, scale: 2 }), 1);
  const expected = naiveLoraForward(x, { weight, bias, a, b, scale: 2 });
  const actual = layer.forward(x).data;
  let worst = 0;
  for (let index = 0; index < expected.length; index++) worst = Math.max(worst, Math.abs(actual[index] - expected[index]));
  record(`LoRA forward, batch ${batch}×${size} → ${size}, r=${rank}`, flops, { kernelMilliseconds: kernel, naiveMilliseconds: naive, note: `max |kernel − naive| = ${worst.toExponential(1)}` });
}

// 3. Rank-16 SVD extraction from a 4096 × 4096 ΔW = planted rank-16 update + small noise.
{
  const rank = 16;
  const left = randomMatrix(size, rank, 9, 1 / Math.sqrt(size));
  const right = randomMatrix(rank, size, 10, 1 / Math.sqrt(size));
  const delta = createMatrix(size, size);
  const planted = Array.from({ length: rank }, (_, t) => 10 * 0.8 ** t);
  // ΔW = Σ_t σ_t·l_t·r_tᵀ (nearly orthogonal random directions) + N(0, 1e-4²) noise.
  const scaledLeft = createMatrix(size, rank);
  for (let i = 0; i < size; i++) for (let t = 0; t < rank; t++) scaledLeft.data[i * rank + t] = planted[t] * left.data[i * rank + t];
  addScaledProduct(delta, scaledLeft, right, { scale: 1 });
  const noise = randomMatrix(size, size, 11, 1e-4);
  for (let index = 0; index < delta.data.length; index++) delta.data[index] += noise.data[index];
  const oversampling = 10;
  const powerIterations = 4;
  const width = rank + oversampling;
  const flops = (2 + 2 * powerIterations) * 2 * size * size * width;
  let result;
  const kernel = time(() => {
    result = extractLora(delta, { rank, oversampling, powerIterations });
  }, 1);
  record(
    `SVD extraction r=${rank} from ${size}×${size} (randomized, q=${powerIterations}, p=${oversampling})`,
    flops,
    {
      kernelMilliseconds: kernel,
      naiveMilliseconds: undefined,
      note: `energy captured ${result.energyCaptured.toFixed(6)}; ‖ΔW − BA‖/‖ΔW‖ = ${result.relativeError.toExponential(3)} vs the Eckart–Young optimum √(1 − energy) = ${Math.sqrt(1 - result.energyCaptured).toExponential(3)}`,
    },
  );
}

const format = (value, digits) => (value === undefined ? '—' : value.toFixed(digits));
console.log(`kernels: ${getKernelSet().name}; best of ${repeats} (naive: best of 1 after a warm-up); node ${process.version}\n`);
console.log('| benchmark | kernel ms | kernel GFLOP/s | naive ms | naive GFLOP/s | speed-up | check |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const row of rows) {
  console.log(`| ${row.name} | ${format(row.kernelMilliseconds, 1)} | ${format(row.kernelGflops, 2)} | ${format(row.naiveMilliseconds, 1)} | ${format(row.naiveGflops, 2)} | ${row.speedup === undefined ? '—' : `${row.speedup.toFixed(2)}×`} | ${row.note} |`);
}

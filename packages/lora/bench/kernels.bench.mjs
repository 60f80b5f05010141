#!/usr/bin/env node
// The LoRA kernels side by side, in one run: the pure TypeScript kernels (the fallback), the WebAssembly SIMD kernels
// on one thread and on every available core (worker threads over a shared memory; as the CLI runs them, splitting only
// while the other cores are idle, and splitting always), PyTorch (with the BLAS it is
// linked to, on as many threads) and numpy, on
//  - merge W += s·B·A of a 4096 × 4096 float32 W at r = 16 and r = 64,
//  - the LoRA forward y = x·Wᵀ + b + s·(x·Aᵀ)·Bᵀ of a 32 × 4096 batch at r = 16,
//  - a rank-16 SVD extraction (randomized, 4 power iterations, 10 extra directions) from a 4096 × 4096 ΔW,
//  - F32 ↔ BF16/F16 conversion of a 4096 × 11008 matrix, against a plain copy of the same bytes (memory speed).
// The machine is shared: every implementation runs once per round, interleaved, for several rounds (BENCH_ROUNDS,
// default 5, after a warm-up round); the table gives medians and the ratios of medians of the same run, with the load
// average before and after. PyTorch and numpy run in a Python child process (bench/reference_kernels.py) found as
// `python3` or `/usr/bin/python3` (Debian's python3-torch; `BENCH_PYTHON` to choose); without them those columns read
// "—". Reads the built package: `pnpm --filter @benchline/lora build` first. BENCH_ONLY=merge,forward,svd,conversion
// selects tasks.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  activeKernelSetName,
  addScaledProduct,
  bfloat16ArrayToFloat32,
  createMatrix,
  createRandom,
  createWasmKernels,
  extractLora,
  float16ArrayToFloat32,
  float32ArrayToBfloat16,
  float32ArrayToFloat16,
  javascriptKernels,
  LoraLinear,
  setKernelSet,
} from '../dist/index.js';
import { createParallelKernels } from '../dist/node/index.js';
import { setWasmConversionsEnabled } from '../dist/kernels/wasm/wasm-conversions.js';

const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (task) => only === undefined || only.includes(task);
const size = 4096;
const threads = availableParallelism();

// --- the Python side ----------------------------------------------------------------------------------------------
async function startPython() {
  const script = fileURLToPath(new URL('./reference_kernels.py', import.meta.url));
  const candidates = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['python3', '/usr/bin/python3'];
  const usable = (python, module) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0;
  const python = candidates.find((candidate) => usable(candidate, 'torch')) ?? candidates.find((candidate) => usable(candidate, 'numpy'));
  if (python === undefined) return undefined;
  const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_THREADS: String(threads) } });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => JSON.parse((await lines.next()).value);
  const description = await next();
  return {
    python,
    description,
    async run(request) {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      const answer = await next();
      return answer.ms === undefined ? undefined : { ms: answer.ms, cpu: answer.cpu_ms };
    },
    close() {
      child.stdin.end();
    },
  };
}

// --- helpers -------------------------------------------------------------------------------------------------------
function randomMatrix(rows, cols, seed, scale = 1) {
  const matrix = createMatrix(rows, cols);
  createRandom(seed).fillNormal(matrix.data, 0, scale);
  return matrix;
}

function median(values) {
  const sorted = values.filter((value) => value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall time and CPU time (every thread of this process: the workers' too) of one run, in milliseconds. */
function timeOnce(run) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  run();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpu: (used.user + used.system) / 1000 };
}

/**
 * Runs each implementation once per round, interleaved, after a warm-up round; `roundsFor(name)` may lower the count
 * for slow ones. Returns the median wall and CPU milliseconds of each.
 */
async function measure(implementations, roundsFor = () => rounds) {
  const times = new Map(implementations.map(({ name }) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const { name, run } of implementations) {
      if (round >= roundsFor(name)) continue;
      const measured = await run();
      if (round >= 0 && measured !== undefined) times.get(name).push(measured);
    }
  }
  return new Map([...times].map(([name, values]) => [name, { ms: median(values.map((value) => value.ms)), cpu: median(values.map((value) => value.cpu)) }]));
}

const results = [];
function report(task, { unit, work, medians, note = '' }) {
  results.push({ task, unit, work, medians, note });
}

// --- the kernel sets -----------------------------------------------------------------------------------------------
// What the package picks when nobody chooses (before any setKernelSet below).
const defaultKernelSet = activeKernelSetName();
const wasm = createWasmKernels();
// As the CLI runs them: products split only while the other cores are idle (a busy machine gets one thread).
const parallel = await createParallelKernels();
// Every large product split, whatever else runs.
const alwaysParallel = await createParallelKernels({ onlyWhenIdle: false });
const kernelSets = [
  ['TypeScript', javascriptKernels],
  ['wasm SIMD, 1 thread', wasm],
  [`wasm SIMD, ${threads} threads when idle`, parallel],
  [`wasm SIMD, ${threads} threads always`, alwaysParallel],
].filter(([, kernels]) => kernels !== undefined);
const python = await startPython();
const reference = (request) => (python === undefined ? [] : [
  ...(python.description.torch === undefined ? [] : [{ name: 'PyTorch', run: () => python.run({ ...request, library: 'torch' }) }]),
  { name: 'numpy', run: () => python.run({ ...request, library: 'numpy' }) },
]);
const withKernels = (kernels, run) => () => {
  setKernelSet(kernels);
  return timeOnce(run);
};
const typeScriptRounds = (limit) => (name) => (name === 'TypeScript' ? Math.min(rounds, limit) : rounds);
const loadBefore = loadavg();
const started = performance.now();

// 1. Merge.
for (const rank of [16, 64]) {
  if (!wanted('merge')) break;
  const b = randomMatrix(size, rank, 2, 0.01);
  const a = randomMatrix(rank, size, 3, 1 / Math.sqrt(size));
  const weights = new Map(kernelSets.map(([name]) => [name, randomMatrix(size, size, 1, 0.02)]));
  const medians = await measure(
    [...kernelSets.map(([name, kernels]) => ({ name, run: withKernels(kernels, () => addScaledProduct(weights.get(name), b, a, { scale: 2 })) })), ...reference({ task: 'merge', size, rank })],
    typeScriptRounds(3),
  );
  // Agreement on a fresh weight: each kernel set against the TypeScript kernels.
  const expected = randomMatrix(size, size, 4, 0.02);
  setKernelSet(javascriptKernels);
  addScaledProduct(expected, b, a, { scale: 2 });
  const gaps = kernelSets.slice(1).map(([name, kernels]) => {
    const merged = randomMatrix(size, size, 4, 0.02);
    setKernelSet(kernels);
    addScaledProduct(merged, b, a, { scale: 2 });
    let worst = 0;
    for (let index = 0; index < merged.data.length; index++) worst = Math.max(worst, Math.abs(merged.data[index] - expected.data[index]));
    return `${name}: ${worst.toExponential(1)}`;
  });
  report(`merge W += s·B·A, ${size} × ${size}, r = ${rank}`, { unit: 'GFLOP/s', work: (2 * size * size * rank) / 1e9, medians, note: `max |W − W_TypeScript|: ${gaps.join(', ')}` });
}

// 2. LoRA forward of a 32 × 4096 batch, r = 16.
if (wanted('forward')) {
  const batch = 32;
  const rank = 16;
  const layer = new LoraLinear({ weight: randomMatrix(size, size, 5, 0.02), bias: new Float32Array(size).fill(0.1) });
  layer.addAdapter('default', { rank, alpha: 32, a: randomMatrix(rank, size, 6, 1 / Math.sqrt(size)), b: randomMatrix(size, rank, 7, 0.01) });
  const x = randomMatrix(batch, size, 8);
  const medians = await measure([...kernelSets.map(([name, kernels]) => ({ name, run: withKernels(kernels, () => layer.forward(x)) })), ...reference({ task: 'forward', size, batch, rank })]);
  setKernelSet(javascriptKernels);
  const expected = layer.forward(x).data;
  const gaps = kernelSets.slice(1).map(([name, kernels]) => {
    setKernelSet(kernels);
    const actual = layer.forward(x).data;
    let worst = 0;
    for (let index = 0; index < expected.length; index++) worst = Math.max(worst, Math.abs(actual[index] - expected[index]));
    return `${name}: ${worst.toExponential(1)}`;
  });
  report(`LoRA forward, ${batch} × ${size} → ${size}, r = ${rank}`, { unit: 'GFLOP/s', work: (2 * batch * size * size + 2 * batch * rank * (size + size)) / 1e9, medians, note: `max |y − y_TypeScript|: ${gaps.join(', ')}` });
}

// 3. Rank-16 SVD extraction from a 4096 × 4096 ΔW = planted rank-16 update + small noise.
if (wanted('svd')) {
  const rank = 16;
  const oversampling = 10;
  const iterations = 4;
  const left = randomMatrix(size, rank, 9, 1 / Math.sqrt(size));
  const right = randomMatrix(rank, size, 10, 1 / Math.sqrt(size));
  const delta = randomMatrix(size, size, 11, 1e-4);
  const scaledLeft = createMatrix(size, rank);
  for (let i = 0; i < size; i++) for (let t = 0; t < rank; t++) scaledLeft.data[i * rank + t] = 10 * 0.8 ** t * left.data[i * rank + t];
  setKernelSet(wasm ?? javascriptKernels);
  addScaledProduct(delta, scaledLeft, right, { scale: 1 });
  const notes = [];
  const medians = await measure(
    [
      ...kernelSets.map(([name, kernels]) => ({
        name,
        run: withKernels(kernels, () => {
          const result = extractLora(delta, { rank, oversampling, powerIterations: iterations });
          if (notes.length < kernelSets.length) notes.push(`${name}: ‖ΔW − BA‖/‖ΔW‖ = ${result.relativeError.toExponential(3)}`);
        }),
      })),
      ...reference({ task: 'svd', size, rank, oversampling, iterations }),
    ],
    typeScriptRounds(2),
  );
  const width = rank + oversampling;
  report(`SVD extraction r = ${rank} from ${size} × ${size} (randomized, q = ${iterations}, p = ${oversampling})`, { unit: 'GFLOP/s', work: ((2 + 2 * iterations) * 2 * size * size * width) / 1e9, medians, note: notes.join('; ') });
}

// 4. dtype conversion of 4096 × 11008.
if (wanted('conversion')) {
  const rows = 4096;
  const cols = 11008;
  const count = rows * cols;
  const floats = new Float32Array(count);
  createRandom(12).fillNormal(floats, 0, 0.05);
  const copy = new Float32Array(count);
  const halves = new Uint16Array(count);
  const widened = new Float32Array(count);
  const bfloat16 = float32ArrayToBfloat16(floats);
  const float16 = float32ArrayToFloat16(floats);
  const conversions = [
    ['F32 → BF16', () => float32ArrayToBfloat16(floats, halves), 'f32->bf16'],
    ['BF16 → F32', () => bfloat16ArrayToFloat32(bfloat16, widened), 'bf16->f32'],
    ['F32 → F16', () => float32ArrayToFloat16(floats, halves), 'f32->f16'],
    ['F16 → F32', () => float16ArrayToFloat32(float16, widened), 'f16->f32'],
  ];
  for (const [label, convert, direction] of conversions) {
    const medians = await measure([
      { name: 'memcpy (same bytes)', run: () => timeOnce(() => copy.set(floats)) },
      {
        name: 'TypeScript',
        run: () => {
          setWasmConversionsEnabled(false);
          const measured = timeOnce(convert);
          setWasmConversionsEnabled(true);
          return measured;
        },
      },
      { name: 'wasm SIMD, 1 thread', run: () => timeOnce(convert) },
      ...reference({ task: 'conversion', rows, cols, direction }),
    ]);
    report(`${label}, ${rows} × ${cols}`, { unit: 'GB/s of F32', work: (count * 4) / 1e9, medians, note: 'memcpy: Float32Array.prototype.set of the F32 array' });
  }
}

const loadAfter = loadavg();
python?.close();
await parallel?.close();
await alwaysParallel?.close();

// --- the table -----------------------------------------------------------------------------------------------------
const format = (value, digits = 1) => (value === undefined ? '—' : value.toFixed(digits));
const ratio = (numerator, denominator) => (numerator === undefined || denominator === undefined ? '—' : `${(numerator / denominator).toFixed(2)}×`);
console.log(`node ${process.version}, ${threads} threads available; default kernel set: ${defaultKernelSet}; ${python === undefined ? 'no Python with torch or numpy found' : `${python.python}: torch ${python.description.torch ?? '(missing)'} on ${String(python.description.torch_threads ?? '—')} threads, numpy ${python.description.numpy}`}`);
console.log(`median of ${rounds} interleaved rounds after a warm-up (TypeScript: at most 3 for merge, 2 for SVD); load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before, ${loadAfter.map((value) => value.toFixed(2)).join(' ')} after; ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
console.log('| task | implementation | median ms | rate | CPU ms | vs TypeScript | vs PyTorch | vs numpy |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const { task, unit, work, medians, note } of results) {
  const typeScript = medians.get('TypeScript')?.ms;
  const torch = medians.get('PyTorch')?.ms;
  const numpy = medians.get('numpy')?.ms;
  for (const [name, { ms, cpu }] of medians) {
    // Speed ratios: how many times faster than the reference (> 1 is faster).
    console.log(`| ${task} | ${name} | ${format(ms)} | ${ms === undefined ? '—' : `${format(work / (ms / 1000), 2)} ${unit}`} | ${format(cpu)} | ${ratio(typeScript, ms)} | ${ratio(torch, ms)} | ${ratio(numpy, ms)} |`);
  }
  if (note !== '') console.log(`| ${task} | *check* | ${note} | | | | | |`);
}
console.log('\nvs X = X\'s median wall time / this median wall time: above 1 is faster than X. CPU ms: CPU time of every thread of the');
console.log('process during the run (worker threads, BLAS threads included): on a loaded machine, wall time also counts waiting for a core.');

#!/usr/bin/env node
// The file side of @benchline/lora, each against a reference measured in the same run:
//  1. dtype conversion of a 4096 × 11008 float32 matrix to BF16/F16 and back (GB/s of float32 processed), against a
//     naive per-element DataView loop doing the same rounding;
//  2. reading a ~1 GB safetensors file tensor by tensor (positioned reads) and whole, against `cat file > /dev/null`
//     (both from the page cache, after a warm-up read);
//  3. a whole `benchline lora merge` of a generated ~1 GB BF16 LLaMA-shaped model with a rank-16 adapter on
//     q/v/up/down projections: time against `cp` of the same file, and peak RSS against the largest tensor.
// Reads the built packages: run `pnpm --filter @benchline/lora build` and `pnpm --filter benchline build` first.
// Generated files go to the OS temp folder and are deleted at the end. BENCH_MODEL_LAYERS=2 makes a smaller model.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  bfloat16ArrayToFloat32,
  float16ArrayToFloat32,
  float32ArrayToBfloat16,
  float32ArrayToFloat16,
  planSafetensorsLayout,
  serializeSafetensors,
  tensorFromTypedArray,
  createAdapterConfig,
  serializeAdapterConfig,
} from '../dist/index.js';
import { createSafetensorsWriter, openSafetensorsFile, readSafetensorsFile, writeFileAtomic } from '../dist/node/index.js';

const cli = fileURLToPath(new URL('../../../apps/cli/dist/cli.mjs', import.meta.url));
const folder = join(tmpdir(), `benchline-lora-files-bench-${process.pid}`);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const gigabyte = 1e9;

function best(run, count = repeats) {
  run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

async function bestAsync(run, count = repeats) {
  await run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_cell, column) => Math.max(...all.map((row) => String(row[column]).length)));
  const line = (row) => row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  console.log([line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n'));
}

function fillRandom(values, seed) {
  let state = seed >>> 0 || 1;
  for (let index = 0; index < values.length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[index] = ((state >>> 0) / 2 ** 32 - 0.5) * 0.1;
  }
  return values;
}

// --- 1. dtype conversion --------------------------------------------------------------------------------------------
// The naive reference: the same round-to-nearest-even arithmetic, element by element through DataViews.
function naiveToBfloat16(source, target) {
  const input = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const output = new DataView(target.buffer, target.byteOffset, target.byteLength);
  for (let index = 0; index < source.length; index++) {
    const word = input.getUint32(4 * index, true);
    const bits = (word & 0x7fffffff) > 0x7f800000 ? (word >>> 16) | 0x40 : (word + 0x7fff + ((word >>> 16) & 1)) >>> 16;
    output.setUint16(2 * index, bits, true);
  }
}
function naiveFromBfloat16(source, target) {
  const input = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const output = new DataView(target.buffer, target.byteOffset, target.byteLength);
  for (let index = 0; index < source.length; index++) output.setUint32(4 * index, input.getUint16(2 * index, true) << 16, true);
}
function naiveToFloat16(source, target) {
  const input = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const output = new DataView(target.buffer, target.byteOffset, target.byteLength);
  for (let index = 0; index < source.length; index++) {
    const value = input.getFloat32(4 * index, true);
    // Textbook: split into sign, exponent and mantissa with Math, round the scaled mantissa to even.
    const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
    const magnitude = Math.abs(value);
    let bits;
    if (Number.isNaN(value)) bits = 0x7e00;
    else if (magnitude >= 65520) bits = sign | 0x7c00;
    else if (magnitude < 2 ** -14) bits = sign | roundEven(magnitude / 2 ** -24);
    else {
      const exponent = Math.floor(Math.log2(magnitude));
      const scaled = roundEven((magnitude / 2 ** exponent - 1) * 1024);
      bits = sign | (scaled === 1024 ? ((exponent + 16) << 10) : ((exponent + 15) << 10) | scaled);
    }
    output.setUint16(2 * index, bits, true);
  }
}
function roundEven(value) {
  const floor = Math.floor(value);
  const fraction = value - floor;
  return fraction > 0.5 || (fraction === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
}
function naiveFromFloat16(source, target) {
  const input = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const output = new DataView(target.buffer, target.byteOffset, target.byteLength);
  for (let index = 0; index < source.length; index++) {
    const half = input.getUint16(2 * index, true);
    const exponent = (half >> 10) & 31;
    const mantissa = half & 1023;
    const sign = half & 0x8000 ? -1 : 1;
    const value = exponent === 0 ? sign * mantissa * 2 ** -24 : exponent === 31 ? (mantissa ? Number.NaN : sign * Infinity) : sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
    output.setFloat32(4 * index, value, true);
  }
}

function benchmarkConversions() {
  const count = 4096 * 11008;
  const floats = fillRandom(new Float32Array(count), 42);
  const halves = new Uint16Array(count);
  const back = new Float32Array(count);
  const naiveHalves = new Uint16Array(count);
  const naiveBack = new Float32Array(count);
  const rows = [];
  const cases = [
    ['F32 → BF16', () => float32ArrayToBfloat16(floats, halves), () => naiveToBfloat16(floats, naiveHalves)],
    ['BF16 → F32', () => bfloat16ArrayToFloat32(halves, back), () => naiveFromBfloat16(halves, naiveBack)],
    ['F32 → F16', () => float32ArrayToFloat16(floats, halves), () => naiveToFloat16(floats, naiveHalves)],
    ['F16 → F32', () => float16ArrayToFloat32(halves, back), () => naiveFromFloat16(halves, naiveBack)],
  ];
  for (const [label, ours, naive] of cases) {
    const oursMs = best(ours);
    const naiveMs = best(naive, 1);
    // The two must agree bit for bit, or the comparison means nothing.
    const agree = label.endsWith('F32') ? back.every((value, index) => Object.is(value, naiveBack[index])) : halves.every((value, index) => value === naiveHalves[index]);
    if (!agree) throw new Error(`${label}: the naive reference and the library disagree`);
    const gbPerSecond = (ms) => ((count * 4) / gigabyte / (ms / 1000)).toFixed(2);
    rows.push([label, `${oursMs.toFixed(0)} ms`, gbPerSecond(oursMs), `${naiveMs.toFixed(0)} ms`, gbPerSecond(naiveMs), `${(naiveMs / oursMs).toFixed(1)}×`]);
  }
  console.log(`### dtype conversion, 4096 × 11008 (${(count / 1e6).toFixed(1)} M elements; GB/s of float32 data)\n`);
  table(['conversion', 'library', 'GB/s', 'naive DataView', 'GB/s', 'speed-up'], rows);
}

// --- 2 and 3. a generated model -------------------------------------------------------------------------------------
const layers = Number(process.env.BENCH_MODEL_LAYERS ?? 8);
const hidden = 2048;
const intermediate = 5504;
const vocabulary = 32000;

function modelDescription() {
  const tensors = [{ name: 'model.embed_tokens.weight', dtype: 'BF16', shape: [vocabulary, hidden] }, { name: 'lm_head.weight', dtype: 'BF16', shape: [vocabulary, hidden] }, { name: 'model.norm.weight', dtype: 'BF16', shape: [hidden] }];
  for (let layer = 0; layer < layers; layer++) {
    const prefix = `model.layers.${layer}`;
    for (const projection of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) tensors.push({ name: `${prefix}.self_attn.${projection}.weight`, dtype: 'BF16', shape: [hidden, hidden] });
    tensors.push({ name: `${prefix}.mlp.gate_proj.weight`, dtype: 'BF16', shape: [intermediate, hidden] });
    tensors.push({ name: `${prefix}.mlp.up_proj.weight`, dtype: 'BF16', shape: [intermediate, hidden] });
    tensors.push({ name: `${prefix}.mlp.down_proj.weight`, dtype: 'BF16', shape: [hidden, intermediate] });
    tensors.push({ name: `${prefix}.input_layernorm.weight`, dtype: 'BF16', shape: [hidden] });
    tensors.push({ name: `${prefix}.post_attention_layernorm.weight`, dtype: 'BF16', shape: [hidden] });
  }
  return tensors;
}

async function writeModel(path) {
  const layout = planSafetensorsLayout(modelDescription(), { format: 'pt' });
  const pattern = float32ArrayToBfloat16(fillRandom(new Float32Array(1 << 22), 7)); // 8 MiB of BF16, tiled
  const patternBytes = new Uint8Array(pattern.buffer);
  const writer = await createSafetensorsWriter(path, layout);
  let shift = 0;
  for (const entry of layout.entries) {
    let remaining = entry.end - entry.begin;
    while (remaining > 0) {
      const start = (shift = (shift + 4098) % (patternBytes.length / 2)) & ~1;
      const piece = patternBytes.subarray(start, start + Math.min(remaining, patternBytes.length - start));
      await writer.write(entry.name, piece);
      remaining -= piece.length;
    }
  }
  await writer.commit();
  return layout;
}

async function writeAdapter(directory) {
  mkdirSync(directory, { recursive: true });
  const rank = 16;
  const tensors = {};
  let seed = 1;
  for (let layer = 0; layer < layers; layer++) {
    for (const [path, out, inFeatures] of [
      [`model.layers.${layer}.self_attn.q_proj`, hidden, hidden],
      [`model.layers.${layer}.self_attn.v_proj`, hidden, hidden],
      [`model.layers.${layer}.mlp.up_proj`, intermediate, hidden],
      [`model.layers.${layer}.mlp.down_proj`, hidden, intermediate],
    ]) {
      tensors[`base_model.model.${path}.lora_A.weight`] = tensorFromTypedArray('F32', [rank, inFeatures], fillRandom(new Float32Array(rank * inFeatures), seed++));
      tensors[`base_model.model.${path}.lora_B.weight`] = tensorFromTypedArray('F32', [out, rank], fillRandom(new Float32Array(out * rank), seed++));
    }
  }
  await writeFileAtomic(join(directory, 'adapter_model.safetensors'), serializeSafetensors(tensors, { metadata: { format: 'pt' } }));
  await writeFileAtomic(join(directory, 'adapter_config.json'), serializeAdapterConfig(createAdapterConfig({ r: rank, loraAlpha: 32, targetModules: ['q_proj', 'v_proj', 'up_proj', 'down_proj'] })));
}

function timed(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M %e', command, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  const [kilobytes, seconds] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { peakBytes: kilobytes * 1024, seconds };
}

async function benchmarkFiles() {
  mkdirSync(folder, { recursive: true });
  const modelPath = join(folder, 'model.safetensors');
  const started = performance.now();
  const layout = await writeModel(modelPath);
  const size = statSync(modelPath).size;
  const largest = Math.max(...layout.entries.map((entry) => entry.end - entry.begin));
  const largestMerged = 2 * hidden * intermediate;
  console.log(`\n### a generated BF16 model: ${layers} LLaMA layers (hidden ${hidden}, intermediate ${intermediate}), ${(size / gigabyte).toFixed(2)} GB, written by the streaming writer in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  spawnSync('cat', [modelPath], { stdio: ['ignore', 'ignore', 'inherit'] }); // warm the page cache
  const scratch = new Uint8Array(largest);
  const catMs = await bestAsync(async () => {
    spawnSync('sh', ['-c', `cat '${modelPath}' > /dev/null`]);
  });
  const streamedMs = await bestAsync(async () => {
    const reader = await openSafetensorsFile(modelPath);
    for (const name of reader.names) await reader.readTensor(name, scratch);
    await reader.close();
  });
  const freshMs = await bestAsync(async () => {
    const reader = await openSafetensorsFile(modelPath);
    for (const name of reader.names) await reader.readTensor(name);
    await reader.close();
  });
  const wholeMs = await bestAsync(async () => {
    await readSafetensorsFile(modelPath);
  });
  const rate = (ms) => (size / gigabyte / (ms / 1000)).toFixed(2);
  table(
    ['read (page cache)', 'time', 'GB/s', 'speed vs cat'],
    [
      ['cat > /dev/null (reference)', `${catMs.toFixed(0)} ms`, rate(catMs), '1.00×'],
      ['openSafetensorsFile + readTensor(name, reused buffer)', `${streamedMs.toFixed(0)} ms`, rate(streamedMs), `${(catMs / streamedMs).toFixed(2)}×`],
      ['openSafetensorsFile + readTensor(name), fresh buffers', `${freshMs.toFixed(0)} ms`, rate(freshMs), `${(catMs / freshMs).toFixed(2)}×`],
      ['readSafetensorsFile (whole file, validated)', `${wholeMs.toFixed(0)} ms`, rate(wholeMs), `${(catMs / wholeMs).toFixed(2)}×`],
    ],
  );

  if (!existsSync(cli)) {
    console.log(`\n${cli} is missing: run \`pnpm --filter benchline build\` to benchmark \`benchline lora merge\``);
    return;
  }
  const adapterFolder = join(folder, 'adapter');
  await writeAdapter(adapterFolder);
  const outputPath = join(folder, 'merged.safetensors');
  const copy = timed('cp', [modelPath, join(folder, 'copy.safetensors')]);
  rmSync(join(folder, 'copy.safetensors'));
  const bare = timed(process.execPath, ['-e', '0']);
  const merge = timed(process.execPath, [cli, 'lora', 'merge', '--base', modelPath, '--adapter', adapterFolder, '--out', outputPath]);
  const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(`\n### benchline lora merge (${layers * 4} modules at r = 16 into q/v/up/down; ${(size / gigabyte).toFixed(2)} GB)\n`);
  table(
    ['run', 'time', 'peak RSS'],
    [
      ['cp model.safetensors (I/O reference)', `${copy.seconds.toFixed(1)} s`, mebibytes(copy.peakBytes)],
      ['node -e 0 (runtime baseline)', `${bare.seconds.toFixed(2)} s`, mebibytes(bare.peakBytes)],
      ['benchline lora merge', `${merge.seconds.toFixed(1)} s`, mebibytes(merge.peakBytes)],
    ],
  );
  const aboveNode = merge.peakBytes - bare.peakBytes;
  console.log(`\nmerge time / cp time: ${(merge.seconds / Math.max(0.01, copy.seconds)).toFixed(1)}×`);
  console.log(`peak RSS above bare Node: ${mebibytes(aboveNode)} = ${(aboveNode / largest).toFixed(2)}× the largest tensor (${mebibytes(largest)}, copied in 8 MiB chunks), ${(aboveNode / largestMerged).toFixed(2)}× the largest merged tensor (${mebibytes(largestMerged)}); the file is ${mebibytes(size)}`);
  await compareMergeKernels({ modelPath, adapterFolder, outputPath, size });
}

/**
 * The whole merge on each kernel set (the pure TypeScript path: kernels and F16/BF16 conversions; WebAssembly SIMD on
 * one thread; on every core, as `benchline lora merge` runs it) and with PyTorch (bench/reference_merge.py), each run
 * once per round, interleaved in an order that rotates, BENCH_REPEATS rounds; medians and ratios of the same run.
 */
async function compareMergeKernels({ modelPath, adapterFolder, outputPath, size }) {
  const helper = fileURLToPath(new URL('./merge-with-kernels.mjs', import.meta.url));
  const torchScript = fileURLToPath(new URL('./reference_merge.py', import.meta.url));
  const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  const runs = [
    ['benchline lora merge (CLI: WebAssembly SIMD, every core)', () => timed(process.execPath, [cli, 'lora', 'merge', '--base', modelPath, '--adapter', adapterFolder, '--out', outputPath])],
    ['library, TypeScript kernels and conversions', () => timed(process.execPath, [helper, 'typescript', modelPath, adapterFolder, outputPath])],
    ['library, WebAssembly SIMD, 1 thread', () => timed(process.execPath, [helper, 'wasm', modelPath, adapterFolder, outputPath])],
    ['library, WebAssembly SIMD, every core', () => timed(process.execPath, [helper, 'parallel', modelPath, adapterFolder, outputPath])],
    ...(python === undefined ? [] : [[`PyTorch ${spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' }).stdout.trim()} (${python})`, () => timed(python, [torchScript, modelPath, adapterFolder, outputPath, String(availableParallelism())])]]),
  ];
  const seconds = new Map(runs.map(([name]) => [name, []]));
  const before = loadavg();
  // The order rotates from round to round: a run that follows one writing 1 GB pays for its writeback.
  for (let round = 0; round < repeats; round++) {
    for (let index = 0; index < runs.length; index++) {
      const [name, run] = runs[(index + round) % runs.length];
      seconds.get(name).push(run().seconds);
    }
  }
  const after = loadavg();
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const typeScript = median(seconds.get(runs[1][0]));
  const torch = python === undefined ? undefined : median(seconds.get(runs.at(-1)[0]));
  console.log(`\n### the whole merge on each kernel set and with PyTorch (median of ${repeats} interleaved rounds; load average ${before.map((value) => value.toFixed(1)).join(' ')} before, ${after.map((value) => value.toFixed(1)).join(' ')} after)\n`);
  table(
    ['run', 'median', 'GB/s of model', 'vs TypeScript', 'vs PyTorch'],
    runs.map(([name]) => {
      const time = median(seconds.get(name));
      return [name, `${time.toFixed(1)} s`, (size / gigabyte / time).toFixed(2), `${(typeScript / time).toFixed(2)}×`, torch === undefined ? '—' : `${(torch / time).toFixed(2)}×`];
    }),
  );
}

try {
  benchmarkConversions();
  await benchmarkFiles();
} finally {
  rmSync(folder, { recursive: true, force: true });
}

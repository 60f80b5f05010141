/**
 * The WebAssembly kernels on several threads (Node): the main thread and `threads − 1` worker threads instantiate
 * the kernels over one shared WebAssembly memory, and each large product is split between them by rows (or by
 * columns when it has few rows), so no operand is copied twice. The main thread takes a share itself and then waits
 * on an atomic counter, so the threads in use never exceed the count asked for (by default the machine's available
 * parallelism).
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LoraError } from '../errors.js';
import type { KernelSet } from '../kernels/kernel-set.js';
import { setKernelSet, useWasmKernels } from '../kernels/kernel-set.js';
import type { ProductRunner, WasmKernelOptions } from '../kernels/wasm/wasm-kernel-set.js';
import { createWasmKernelSet, localProductRunner } from '../kernels/wasm/wasm-kernel-set.js';
import type { KernelExports, WasmMemory, WasmModuleHandle } from '../kernels/wasm/wasm-module.js';
import { compileSharedKernelModule, createSharedKernelMemory, instantiateKernels } from '../kernels/wasm/wasm-module.js';
import { WasmWorkspace } from '../kernels/wasm/wasm-workspace.js';
import { doneIndex, failureIndex, jobKind, kernelWorkerSource, roundIndex, slotWords, slotsStart } from './parallel-worker.js';

/** Tuning of {@link createParallelKernels}. */
export interface ParallelKernelOptions extends WasmKernelOptions {
  /** Threads, the main one included (default and maximum: `os.availableParallelism()`). */
  readonly threads?: number;
  /**
   * Products with fewer multiply–adds than this run on the main thread alone, where waking the workers would cost
   * more than it saves (default 4 194 304, about a quarter of a millisecond of work).
   */
  readonly minimumParallelMultiplyAdds?: number;
}

/** A kernel set whose products run on several threads; {@link ParallelKernelSet.close} stops its workers. */
export interface ParallelKernelSet extends KernelSet {
  /** Threads used, the main one included. */
  readonly threads: number;
  /** Stops the worker threads; the set then runs on the main thread alone. Idempotent. */
  close(): Promise<void>;
}

const defaultMinimumParallelMultiplyAdds = 1 << 22;
/** Larger blocks than on one thread, so each split product is worth waking the workers for. */
const defaultParallelChunkBytes = 4 << 20;
/** A worker that has not answered after this long is taken as lost. */
const workerTimeoutMilliseconds = 120_000;

/**
 * Starts the worker threads and returns the kernel set that uses them. Workers do not keep the process alive.
 *
 * @returns undefined where WebAssembly SIMD or shared WebAssembly memory is missing.
 * @throws the error of a worker thread that fails to start.
 */
export async function createParallelKernels(options: ParallelKernelOptions = {}): Promise<ParallelKernelSet | undefined> {
  const available = Math.max(1, availableParallelism());
  const threads = Math.max(1, Math.min(available, Math.floor(options.threads ?? available)));
  const module = await compileSharedKernelModule();
  if (module === undefined) return undefined;
  const memory = tryCreateSharedMemory();
  if (memory === undefined) return undefined;
  const exports = instantiateKernels(module, memory);
  const workspace = new WasmWorkspace(exports, memory, threads);
  const control = new SharedArrayBuffer(4 * (slotsStart + threads * slotWords));
  const workers = await Promise.all(Array.from({ length: threads - 1 }, (_, index) => startWorker(module, { memory, control, slot: index + 1, scratch: workspace.scratch[index + 1]! })));
  const runner = new ParallelRunner({ exports, workspace, control, workers, minimumMultiplyAdds: options.minimumParallelMultiplyAdds ?? defaultMinimumParallelMultiplyAdds });
  const kernels = createWasmKernelSet(workspace, {
    ...options,
    name: options.name ?? `wasm-simd × ${String(threads)} threads`,
    chunkBytes: options.chunkBytes ?? defaultParallelChunkBytes,
    runner,
  });
  return Object.freeze({ ...kernels, threads, close: () => runner.close() });
}

let sharedParallelKernels: Promise<KernelSet> | undefined;

/**
 * Makes the parallel WebAssembly kernels (one set per process, started on first call with default options) the ones
 * every matrix routine of the package uses, falling back to the single-threaded WebAssembly kernels, then to the
 * JavaScript ones, where the engine lacks what they need. `benchline lora merge` and `extract` call it at start-up.
 *
 * @returns the kernel set now in use.
 */
export function useParallelKernels(): Promise<KernelSet> {
  sharedParallelKernels ??= (async () => {
    const parallel = await createParallelKernels().catch(() => undefined);
    if (parallel === undefined) return useWasmKernels();
    setKernelSet(parallel);
    return parallel;
  })();
  return sharedParallelKernels;
}

function tryCreateSharedMemory(): WasmMemory | undefined {
  try {
    return createSharedKernelMemory(64);
  } catch {
    return undefined;
  }
}

interface WorkerData {
  readonly memory: unknown;
  readonly control: SharedArrayBuffer;
  readonly slot: number;
  readonly scratch: number;
}

async function startWorker(module: WasmModuleHandle, data: WorkerData): Promise<Worker> {
  const worker = new Worker(kernelWorkerSource, { eval: true, workerData: { module, ...data } });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => {
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new LoraError('invalid_argument', `a kernel worker thread exited with code ${String(code)} while starting`));
    });
  });
  worker.removeAllListeners();
  worker.unref();
  return worker;
}

/** One part of a split product: the arguments of the kernel for that part (pointers already offset). */
type Part = number[];

class ParallelRunner implements ProductRunner {
  private readonly local: ProductRunner;
  private readonly words: Int32Array;
  private readonly floats: Float32Array;
  private readonly threads: number;
  private readonly minimumMultiplyAdds: number;
  private workers: Worker[];

  constructor(settings: { exports: KernelExports; workspace: WasmWorkspace; control: SharedArrayBuffer; workers: Worker[]; minimumMultiplyAdds: number }) {
    this.local = localProductRunner(settings.workspace);
    this.words = new Int32Array(settings.control);
    this.floats = new Float32Array(settings.control);
    this.workers = settings.workers;
    this.threads = settings.workers.length + 1;
    this.minimumMultiplyAdds = settings.minimumMultiplyAdds;
    for (const worker of this.workers) {
      // A worker that dies makes the next wait time out with a clear error; until then nothing else to do.
      worker.on('error', () => undefined);
    }
  }

  broadcastProduct(...args: [m: number, n: number, depth: number, a: number, aRowStride: number, aColStride: number, b: number, ldb: number, c: number, ldc: number, alpha: number]): void {
    const [m, n, depth, a, aRowStride, aColStride, b, ldb, c, ldc, alpha] = args;
    const parts = this.partsFor(m * n * depth);
    if (parts === 1) {
      this.local.broadcastProduct(...args);
      return;
    }
    const jobs: Part[] = [];
    if (m >= 8 * parts) {
      for (const [start, end] of split(m, parts, 4)) jobs.push([end - start, n, depth, a + 4 * start * aRowStride, aRowStride, aColStride, b, ldb, c + 4 * start * ldc, ldc, alpha]);
    } else {
      for (const [start, end] of split(n, parts, 8)) jobs.push([m, end - start, depth, a, aRowStride, aColStride, b + 4 * start, ldb, c + 4 * start, ldc, alpha]);
    }
    this.run(jobKind.broadcastProduct, jobs, (part) => {
      this.local.broadcastProduct(...(part as Parameters<ProductRunner['broadcastProduct']>));
    });
  }

  dotProduct(...args: [m: number, n: number, depth: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, alpha: number]): void {
    const [m, n, depth, a, lda, b, ldb, c, ldc, alpha] = args;
    const parts = this.partsFor(m * n * depth);
    if (parts === 1) {
      this.local.dotProduct(...args);
      return;
    }
    const jobs: Part[] = [];
    if (n >= 4 * parts) {
      for (const [start, end] of split(n, parts, 2)) jobs.push([m, end - start, depth, a, lda, b + 4 * start * ldb, ldb, c + 4 * start, ldc, alpha]);
    } else {
      for (const [start, end] of split(m, parts, 4)) jobs.push([end - start, n, depth, a + 4 * start * lda, lda, b, ldb, c + 4 * start * ldc, ldc, alpha]);
    }
    this.run(jobKind.dotProduct, jobs, (part) => {
      this.local.dotProduct(...(part as Parameters<ProductRunner['dotProduct']>));
    });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    if (workers.length === 0) return;
    this.workers = [];
    Atomics.store(this.words, roundIndex, -1);
    Atomics.notify(this.words, roundIndex);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private partsFor(multiplyAdds: number): number {
    return this.workers.length === 0 || multiplyAdds < this.minimumMultiplyAdds ? 1 : this.threads;
  }

  /** Part 0 runs here; part p > 0 goes to worker p − 1. */
  private run(kind: number, jobs: Part[], runLocally: (part: Part) => void): void {
    const words = this.words;
    Atomics.store(words, doneIndex, 0);
    Atomics.store(words, failureIndex, 0);
    for (let slot = 1; slot < this.threads; slot++) {
      const base = slotsStart + slot * slotWords;
      const part = jobs[slot];
      words[base] = part === undefined ? jobKind.none : kind;
      if (part === undefined) continue;
      const floatIndex = part.length - 1; // alpha, the last argument
      for (let index = 0; index < floatIndex; index++) words[base + 1 + index] = part[index]!;
      this.floats[base + 1 + floatIndex] = part[floatIndex]!;
    }
    const round = Atomics.load(words, roundIndex);
    Atomics.store(words, roundIndex, round >= 0x3fff_ffff ? 1 : round + 1);
    Atomics.notify(words, roundIndex);
    runLocally(jobs[0]!);
    const workers = this.threads - 1;
    const started = Date.now();
    for (;;) {
      const done = Atomics.load(words, doneIndex);
      if (done >= workers) break;
      if (Date.now() - started > workerTimeoutMilliseconds) {
        throw new LoraError('invalid_argument', `a kernel worker thread did not finish within ${String(workerTimeoutMilliseconds / 1000)} s`);
      }
      Atomics.wait(words, doneIndex, done, 1000);
    }
    if (Atomics.load(words, failureIndex) > 0) throw new LoraError('invalid_argument', 'a kernel worker thread failed');
  }
}

/** `[start, end)` ranges covering `[0, total)` in `parts` nearly equal pieces, each a multiple of `granule` but the last. */
function split(total: number, parts: number, granule: number): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const remaining = parts - part;
    let size = Math.ceil((total - start) / remaining / granule) * granule;
    if (part === parts - 1) size = total - start;
    const end = Math.min(total, start + size);
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

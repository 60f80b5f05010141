/**
 * The WebAssembly kernels on several threads (Node): the main thread and `threads − 1` worker threads instantiate
 * the kernels over one shared WebAssembly memory, and each large product is split between them by rows (or by
 * columns when it has few rows), so no operand is copied twice. The main thread takes a share itself and then waits
 * on an atomic counter, so the threads in use never exceed the count asked for (by default the machine's available
 * parallelism).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError, LoraError } from '../errors.js';
import type { KernelSet } from '../kernels/kernel-set.js';
import { setKernelSet, useWasmKernels } from '../kernels/kernel-set.js';
import type { BroadcastArguments, DotArguments, ProductRunner, WasmKernelOptions } from '../kernels/wasm/wasm-kernel-set.js';
import { createWasmKernelSet, validateWasmKernelOptions } from '../kernels/wasm/wasm-kernel-set.js';
import type { KernelExports, WasmMemory, WasmModuleHandle } from '../kernels/wasm/wasm-module.js';
import { compileSharedKernelModule, createSharedKernelMemory, instantiateKernels } from '../kernels/wasm/wasm-module.js';
import { WasmWorkspace } from '../kernels/wasm/wasm-workspace.js';
import { control, controlWords, jobKind, kernelWorkerSource, taskArguments } from './parallel-worker.js';

/** Tuning of {@link createParallelKernels}. */
export interface ParallelKernelOptions extends WasmKernelOptions {
  /** Threads, the main one included (default and maximum: `os.availableParallelism()`). */
  readonly threads?: number;
  /**
   * Products with fewer multiply–adds than this run on the main thread alone, where waking the workers would cost
   * more than it saves (default 4 194 304, about a quarter of a millisecond of work).
   */
  readonly minimumParallelMultiplyAdds?: number;
  /**
   * Split products only while the other cores are idle (default true): before a product, at most every 200 ms, the
   * count of runnable threads on the machine is read from `/proc/loadavg` (Linux); when other programs keep the cores
   * busy, a worker would often be descheduled in the middle of its task and the main thread would wait for it, so the
   * main thread then works alone. Where `/proc/loadavg` is missing, products are always split.
   */
  readonly onlyWhenIdle?: boolean;
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
 * @param options - `threads` is capped at `os.availableParallelism()`; see {@link ParallelKernelOptions}.
 * @returns undefined where WebAssembly SIMD or shared WebAssembly memory is missing.
 * @throws {InvalidArgumentError} when `threads` is not a positive integer or another option is negative or not a number.
 * @throws the error of a worker thread that fails to start.
 */
export async function createParallelKernels(options: ParallelKernelOptions = {}): Promise<ParallelKernelSet | undefined> {
  if (options.threads !== undefined && !(Number.isSafeInteger(options.threads) && options.threads >= 1)) {
    throw new InvalidArgumentError('threads', `threads must be a positive integer (the main thread included), got ${String(options.threads)}`);
  }
  if (options.minimumParallelMultiplyAdds !== undefined && !(Number.isFinite(options.minimumParallelMultiplyAdds) && options.minimumParallelMultiplyAdds >= 0)) {
    throw new InvalidArgumentError('minimumParallelMultiplyAdds', `minimumParallelMultiplyAdds must be a non-negative number, got ${String(options.minimumParallelMultiplyAdds)}`);
  }
  validateWasmKernelOptions(options);
  const available = Math.max(1, availableParallelism());
  const threads = Math.min(available, options.threads ?? available);
  const module = await compileSharedKernelModule();
  if (module === undefined) return undefined;
  const memory = tryCreateSharedMemory();
  if (memory === undefined) return undefined;
  const exports = instantiateKernels(module, memory);
  const workspace = new WasmWorkspace(exports, memory, threads);
  const controlBlock = new SharedArrayBuffer(4 * controlWords);
  const workers = await Promise.all(Array.from({ length: threads - 1 }, (_, index) => startWorker(module, { memory, control: controlBlock, scratch: workspace.scratch[index + 1]! })));
  const runner = new ParallelRunner({
    exports,
    workspace,
    control: controlBlock,
    workers,
    minimumMultiplyAdds: options.minimumParallelMultiplyAdds ?? defaultMinimumParallelMultiplyAdds,
    onlyWhenIdle: options.onlyWhenIdle ?? true,
  });
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

/** Tasks per thread in one job: enough that a descheduled thread leaves its share to the others. */
const tasksPerThread = 4;

class ParallelRunner implements ProductRunner {
  private readonly exports: KernelExports;
  private readonly scratch: number;
  private readonly words: Int32Array;
  private readonly floats: Float32Array;
  private readonly threads: number;
  private readonly minimumMultiplyAdds: number;
  private readonly onlyWhenIdle: boolean;
  private workers: Worker[];
  private idleCheckedAt = Number.NEGATIVE_INFINITY;
  private othersIdle = true;

  constructor(settings: { exports: KernelExports; workspace: WasmWorkspace; control: SharedArrayBuffer; workers: Worker[]; minimumMultiplyAdds: number; onlyWhenIdle: boolean }) {
    this.exports = settings.exports;
    this.scratch = settings.workspace.scratch[0]!;
    this.words = new Int32Array(settings.control);
    this.floats = new Float32Array(settings.control);
    this.workers = settings.workers;
    this.threads = settings.workers.length + 1;
    this.minimumMultiplyAdds = settings.minimumMultiplyAdds;
    this.onlyWhenIdle = settings.onlyWhenIdle;
    for (const worker of this.workers) {
      // A worker that dies makes the next wait time out with a clear error; until then nothing else to do.
      worker.on('error', () => undefined);
    }
  }

  startBroadcastProduct(...args: BroadcastArguments): () => void {
    const [m, n, depth] = args;
    // Whole 4-row strips when C has rows enough, else whole 8-column panels.
    const splitColumns = m < 8 * this.threads;
    return this.start(jobKind.broadcastProduct, args, { work: m * n * depth, splitColumns, total: splitColumns ? n : m, granule: splitColumns ? 8 : 4 });
  }

  startDotProduct(...args: DotArguments): () => void {
    const [m, n, depth] = args;
    // Pairs of rows of B (columns of C) when there are enough, else strips of 4 rows of A.
    const splitColumns = n >= 4 * this.threads;
    return this.start(jobKind.dotProduct, args, { work: m * n * depth, splitColumns, total: splitColumns ? n : m, granule: splitColumns ? 2 : 4 });
  }

  async close(): Promise<void> {
    const workers = this.workers;
    if (workers.length === 0) return;
    this.workers = [];
    Atomics.store(this.words, control.round, -1);
    Atomics.notify(this.words, control.round);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private start(kind: number, args: readonly number[], split: { work: number; splitColumns: boolean; total: number; granule: number }): () => void {
    const { work, splitColumns, total, granule } = split;
    const wanted = this.threads * tasksPerThread;
    const taskSize = Math.max(granule, Math.ceil(total / wanted / granule) * granule);
    const taskCount = Math.ceil(total / taskSize);
    if (this.workers.length === 0 || work < this.minimumMultiplyAdds || taskCount < 2 || !this.coresIdle()) {
      this.runTask(kind, args, splitColumns, [0, total]);
      return () => undefined;
    }
    const words = this.words;
    const round = Atomics.load(words, control.round) >= 0x3fff_ffff ? 1 : Atomics.load(words, control.round) + 1;
    words[control.kind] = kind;
    words[control.splitColumns] = splitColumns ? 1 : 0;
    words[control.total] = total;
    words[control.taskSize] = taskSize;
    words[control.taskCount] = taskCount;
    for (let index = 0; index < args.length - 1; index++) words[control.arguments + index] = args[index]!;
    this.floats[control.arguments + args.length - 1] = args[args.length - 1]!;
    Atomics.store(words, control.completed, 0);
    Atomics.store(words, control.failures, 0);
    // Publishing the claim word makes the job claimable; the round number wakes the sleeping workers.
    Atomics.store(words, control.claim, (round & 0x7fff) << 16);
    Atomics.store(words, control.round, round);
    Atomics.notify(words, control.round);
    return () => {
      this.join(kind, args, { splitColumns, total, taskSize, taskCount, round });
    };
  }

  /** Whether the machine's other runnable threads leave a core for each worker (see `onlyWhenIdle`). */
  private coresIdle(): boolean {
    if (!this.onlyWhenIdle) return true;
    const now = Date.now();
    if (now - this.idleCheckedAt < 200) return this.othersIdle;
    this.idleCheckedAt = now;
    const running = runnableThreads();
    // This thread is one of the runnable ones; the sleeping workers are not.
    this.othersIdle = running === undefined || running - 1 + this.workers.length <= this.threads;
    return this.othersIdle;
  }

  /**
   * Claims and runs the tasks left, closes the round (so a worker that wakes late can claim nothing, even with a job
   * description the next round is overwriting), then waits until every claimed task is finished.
   */
  private join(kind: number, args: readonly number[], job: { splitColumns: boolean; total: number; taskSize: number; taskCount: number; round: number }): void {
    const words = this.words;
    const published = (job.round & 0x7fff) << 16;
    let claimed: number;
    try {
      for (;;) {
        const claim = Atomics.load(words, control.claim);
        const task = claim - published;
        if (task >= job.taskCount) break;
        if (Atomics.compareExchange(words, control.claim, claim, claim + 1) !== claim) continue;
        const start = task * job.taskSize;
        try {
          this.runTask(kind, args, job.splitColumns, [start, Math.min(job.total, start + job.taskSize)]);
        } finally {
          Atomics.add(words, control.completed, 1);
        }
      }
    } finally {
      claimed = Math.min(job.taskCount, Atomics.exchange(words, control.claim, published | 0xffff) - published);
    }
    const started = Date.now();
    for (;;) {
      const completed = Atomics.load(words, control.completed);
      if (completed >= claimed) break;
      if (Date.now() - started > workerTimeoutMilliseconds) {
        throw new LoraError('invalid_argument', `a kernel worker thread did not finish its task within ${String(workerTimeoutMilliseconds / 1000)} s`);
      }
      Atomics.wait(words, control.completed, completed, 1000);
    }
    if (Atomics.load(words, control.failures) > 0) throw new LoraError('invalid_argument', 'a kernel worker thread failed');
  }

  private runTask(kind: number, args: readonly number[], splitColumns: boolean, range: [number, number]): void {
    const part = taskArguments(kind, splitColumns, args, range);
    if (kind === jobKind.broadcastProduct) this.exports.broadcastProduct(...(part as BroadcastArguments), this.scratch);
    else this.exports.dotProduct(...(part as DotArguments), this.scratch);
  }
}

/** Runnable threads on the machine now (the fourth field of Linux's `/proc/loadavg`), or undefined elsewhere. */
function runnableThreads(): number | undefined {
  try {
    const field = readFileSync('/proc/loadavg', 'latin1').split(' ')[3];
    const running = Number(field?.split('/')[0]);
    return Number.isInteger(running) && running > 0 ? running : undefined;
  } catch {
    return undefined;
  }
}

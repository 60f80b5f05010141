/**
 * The shared-memory protocol of the parallel kernels, and the program each worker thread runs, as source text: the
 * worker is started with `eval: true`, so it needs no file of its own (the CLI bundles the package into one file, and
 * tests run the TypeScript sources).
 *
 * A job is one kernel call split into tasks along one dimension (rows or columns of C). The main thread writes the
 * job into the control block, then publishes it in the claim word (round number in the high 16 bits, next task in
 * the low 16) and bumps the round number the workers sleep on. Every thread, the main one included once it has copied
 * the next block, claims tasks with a compare-and-swap on the claim word, which also checks that the round is still
 * the one whose job it read. When every task is claimed the main thread closes the round (task field 0xffff) before
 * it writes the next job, so a worker that wakes late claims nothing (nobody waits for it) and can never run a task
 * with a job description that is being overwritten. Each finished task is counted; the main thread returns when all
 * claimed tasks are. A negative round number stops the workers.
 *
 * @module
 */

/** Int32 indices of the control block. */
export const control = {
  /** The round number the workers sleep on (`Atomics.wait`); negative to stop. */
  round: 0,
  /** Tasks finished in the current round. */
  completed: 1,
  failures: 2,
  /** (round & 0x7fff) << 16 | next task to claim; 0xffff once the round is closed. */
  claim: 3,
  kind: 4,
  /** 0: split the rows of C (m); 1: split its columns (n). */
  splitColumns: 5,
  total: 6,
  taskSize: 7,
  taskCount: 8,
  /** The kernel's arguments (pointers as int32 bit patterns), alpha last, read as float32. */
  arguments: 9,
} as const;
/** Int32 words of the control block. */
export const controlWords = 24;
/** Job kinds. */
export const jobKind = { broadcastProduct: 1, dotProduct: 2 } as const;

/**
 * The arguments of one task: the job's arguments with the split dimension narrowed to `[start, end)` and the pointers
 * moved to match. `args` is the kernel's argument list without the scratch region; pointers are unsigned. The
 * worker runs this function's own source, so it refers to nothing outside itself (kind 1 is `broadcastProduct`).
 */
export function taskArguments(kind: number, splitColumns: boolean, args: readonly number[], range: readonly [number, number]): number[] {
  const [start, end] = range;
  const part = args.slice();
  if (kind === 1) {
    // [m, n, depth, a, aRowStride, aColStride, b, ldb, c, ldc, alpha]
    if (splitColumns) {
      part[1] = end - start;
      part[6] = args[6]! + 4 * start;
      part[8] = args[8]! + 4 * start;
    } else {
      part[0] = end - start;
      part[3] = args[3]! + 4 * start * args[4]!;
      part[8] = args[8]! + 4 * start * args[9]!;
    }
  } else if (splitColumns) {
    // dotProduct: [m, n, depth, a, lda, b, ldb, c, ldc, alpha]
    part[1] = end - start;
    part[5] = args[5]! + 4 * start * args[6]!;
    part[7] = args[7]! + 4 * start;
  } else {
    part[0] = end - start;
    part[3] = args[3]! + 4 * start * args[4]!;
    part[7] = args[7]! + 4 * start * args[8]!;
  }
  return part;
}

/** The worker's source; `workerData` is `{ module, memory, control, scratch }`. */
export const kernelWorkerSource = `
'use strict';
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, scratch } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const words = new Int32Array(workerData.control);
const floats = new Float32Array(workerData.control);
const jobKind = ${JSON.stringify(jobKind)};
const taskArguments = ${taskArguments.toString()};
function runTasks(round) {
  const kind = words[${String(control.kind)}];
  const splitColumns = words[${String(control.splitColumns)}] === 1;
  const total = words[${String(control.total)}];
  const taskSize = words[${String(control.taskSize)}];
  const taskCount = words[${String(control.taskCount)}];
  const count = kind === jobKind.broadcastProduct ? 11 : 10;
  const args = [];
  for (let index = 0; index < count - 1; index++) args.push(words[${String(control.arguments)} + index] >>> 0);
  args.push(floats[${String(control.arguments)} + count - 1]);
  for (;;) {
    const claim = Atomics.load(words, ${String(control.claim)});
    if (claim >>> 16 !== (round & 0x7fff) || (claim & 0xffff) >= taskCount) return;
    if (Atomics.compareExchange(words, ${String(control.claim)}, claim, claim + 1) !== claim) continue;
    const start = (claim & 0xffff) * taskSize;
    try {
      const part = taskArguments(kind, splitColumns, args, [start, Math.min(total, start + taskSize)]);
      if (kind === jobKind.broadcastProduct) kernels.broadcastProduct(...part, scratch);
      else kernels.dotProduct(...part, scratch);
    } catch {
      Atomics.add(words, ${String(control.failures)}, 1);
    }
    Atomics.add(words, ${String(control.completed)}, 1);
    Atomics.notify(words, ${String(control.completed)});
  }
}
parentPort.postMessage('ready');
let seen = 0;
for (;;) {
  Atomics.wait(words, ${String(control.round)}, seen);
  const round = Atomics.load(words, ${String(control.round)});
  if (round < 0) break;
  if (round === seen) continue;
  seen = round;
  runTasks(round);
}
`;

/**
 * The program each kernel worker thread runs, as source text: the worker is started with `eval: true`, so it needs
 * no file of its own (the CLI bundles the package into one file, and tests run the TypeScript sources).
 *
 * A worker instantiates the shared-memory build of the kernels over the same memory as the main thread and then
 * waits on the control words: when the round number changes it runs the job in its slot (a kernel name and its
 * arguments), counts itself done and wakes the main thread. A negative round number stops it.
 *
 * @module
 */

/** Int32 index of the round number in the control block. */
export const roundIndex = 0;
/** Int32 index of the count of workers done with the current round. */
export const doneIndex = 1;
/** Int32 index of the count of jobs that threw. */
export const failureIndex = 2;
/** Int32 index where the job slots start; slot `s` takes {@link slotWords} words from `slotsStart + s·slotWords`. */
export const slotsStart = 8;
/** Words per job slot: the job kind, then up to twelve arguments (the alpha argument is read as float32). */
export const slotWords = 16;
/** Job kinds. */
export const jobKind = { none: 0, broadcastProduct: 1, dotProduct: 2 } as const;

/** The worker's source; `workerData` is `{ module, memory, control, slot, scratch }`. */
export const kernelWorkerSource = `
'use strict';
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, control, slot, scratch } = workerData;
const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
const words = new Int32Array(control);
const floats = new Float32Array(control);
const base = ${String(slotsStart)} + slot * ${String(slotWords)};
parentPort.postMessage('ready');
let seen = 0;
for (;;) {
  Atomics.wait(words, ${String(roundIndex)}, seen);
  const round = Atomics.load(words, ${String(roundIndex)});
  if (round < 0) break;
  if (round === seen) continue;
  seen = round;
  try {
    const kind = words[base];
    if (kind === ${String(jobKind.broadcastProduct)}) {
      kernels.broadcastProduct(words[base + 1], words[base + 2], words[base + 3], words[base + 4], words[base + 5], words[base + 6], words[base + 7], words[base + 8], words[base + 9], words[base + 10], floats[base + 11], scratch);
    } else if (kind === ${String(jobKind.dotProduct)}) {
      kernels.dotProduct(words[base + 1], words[base + 2], words[base + 3], words[base + 4], words[base + 5], words[base + 6], words[base + 7], words[base + 8], words[base + 9], floats[base + 10], scratch);
    }
  } catch {
    Atomics.add(words, ${String(failureIndex)}, 1);
  }
  Atomics.add(words, ${String(doneIndex)}, 1);
  Atomics.notify(words, ${String(doneIndex)});
}
`;

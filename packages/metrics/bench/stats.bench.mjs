#!/usr/bin/env node
// Speed of the paired randomization test (issue 6): 10,000 random sign vectors over 7,000 queries, for 5 systems
// each compared with one baseline, i.e. 350 million signed additions in the textbook formulation. Measured in
// the same run against two references:
//  1. a plain JavaScript loop doing the same 350 million additions of precomputed differences (no random signs):
//     what a careful implementation of the textbook algorithm could hope for at best;
//  2. a naive implementation (one Math.random() coin flip and one addition per query and permutation), as most
//     code does it.
// Our implementation draws 32 signs per generator output and adds precomputed sums of 8 signed differences
// (one table look-up per 8 queries), so it beats even reference 1. The bootstrap test on the same data is timed
// for information. Needs a build of this package (`pnpm --filter @benchline/metrics build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(distEntry)) {
  console.error(`stats.bench: ${distEntry} not found: build first with \`pnpm --filter @benchline/metrics build\``);
  process.exit(1);
}
const { randomizationTest, bootstrapTest } = await import('../dist/index.js');

const queries = 7000;
const systems = 5;
const permutations = 10_000;
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

// Deterministic AP-like scores: a baseline in [0, 1] and five systems that improve it by 0 to 0.02 on average,
// with per-query noise. (A small linear congruential generator keeps the data identical from run to run.)
let state = 12345;
function uniform() {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
}
const baseline = Float64Array.from({ length: queries }, () => uniform() ** 1.5);
const systemScores = Array.from({ length: systems }, (_, system) =>
  baseline.map((score) => Math.min(1, Math.max(0, score + 0.005 * system + 0.2 * (uniform() - 0.5)))),
);

function time(run) {
  const durations = [];
  let result;
  for (let repeat = 0; repeat < repeats; repeat++) {
    globalThis.gc?.();
    const start = process.hrtime.bigint();
    result = run();
    durations.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  durations.sort((left, right) => left - right);
  return { milliseconds: durations[Math.floor(durations.length / 2)], result };
}

const ours = time(() =>
  systemScores.map((scores, system) => randomizationTest(scores, baseline, { permutations, seed: system + 1 }).pValue),
);

const differences = systemScores.map((scores) => scores.map((score, query) => score - baseline[query]));
const plainLoop = time(() => {
  let checksum = 0;
  for (const values of differences) {
    for (let permutation = 0; permutation < permutations; permutation++) {
      let sum = 0;
      for (let query = 0; query < queries; query++) sum += values[query];
      checksum += sum;
    }
  }
  return checksum;
});

const naive = time(() =>
  differences.map((values) => {
    let observed = 0;
    for (let query = 0; query < queries; query++) observed += values[query];
    let extreme = 0;
    for (let permutation = 0; permutation < permutations; permutation++) {
      let sum = 0;
      for (let query = 0; query < queries; query++) sum += Math.random() < 0.5 ? values[query] : -values[query];
      if (Math.abs(sum) >= Math.abs(observed)) extreme++;
    }
    return (extreme + 1) / (permutations + 1);
  }),
);

const bootstrap = time(() =>
  systemScores.map((scores, system) => bootstrapTest(scores, baseline, { resamples: permutations, seed: system + 1 }).pValue),
);

const format = (milliseconds) => `${milliseconds.toFixed(0).padStart(7)} ms`;
console.log(`randomization test: ${systems} systems × ${queries} queries × ${permutations} permutations (median of ${repeats})`);
console.log(`  randomizationTest (ours)                 ${format(ours.milliseconds)}`);
console.log(`  plain loop, same number of additions     ${format(plainLoop.milliseconds)}   ours = ${(ours.milliseconds / plainLoop.milliseconds).toFixed(2)}× its time`);
console.log(`  naive (Math.random per query)            ${format(naive.milliseconds)}   ours is ${(naive.milliseconds / ours.milliseconds).toFixed(1)}× faster`);
console.log(`  bootstrapTest, ${permutations} resamples (for information) ${format(bootstrap.milliseconds)}`);
console.log(`  p-values (ours):  ${ours.result.map((p) => p.toFixed(4)).join('  ')}`);
console.log(`  p-values (naive): ${naive.result.map((p) => p.toFixed(4)).join('  ')}`);

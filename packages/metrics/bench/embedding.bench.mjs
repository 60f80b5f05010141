#!/usr/bin/env node
// Speed of the exact embedding search behind `embeddingRetrieval` (SOP-style: the queries are the gallery):
// 2,000 vectors of dimension 128, Recall@1/10/100 and MAP@R. Measured in the same run against a plain loop doing
// the same number of multiply-adds (4 million dot products of 128 components) and nothing else: the floor for
// an exact search in JavaScript. Needs a build of this package (`pnpm --filter @benchline/metrics build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
if (!existsSync(distEntry)) {
  console.error(`embedding.bench: ${distEntry} not found: build first with \`pnpm --filter @benchline/metrics build\``);
  process.exit(1);
}
const { embeddingRetrieval } = await import('../dist/index.js');

const count = 2000;
const dimension = 128;
const classes = 200;
let state = 2024;
function uniform() {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return state / 4294967296;
}
// Class centres plus noise, so that neighbours mostly share a label.
const centres = Float32Array.from({ length: classes * dimension }, () => uniform() - 0.5);
const labels = Array.from({ length: count }, (_, index) => index % classes);
const vectors = new Float32Array(count * dimension);
for (let row = 0; row < count; row++) {
  for (let component = 0; component < dimension; component++) {
    vectors[row * dimension + component] = centres[labels[row] * dimension + component] + 2 * (uniform() - 0.5);
  }
}

function time(run) {
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  const result = run();
  return { milliseconds: Number(process.hrtime.bigint() - start) / 1e6, result };
}

const ours = time(() => embeddingRetrieval({ queries: vectors, dimension, queryLabels: labels, k: [1, 10, 100] }));
const plain = time(() => {
  let checksum = 0;
  for (let query = 0; query < count; query++) {
    for (let item = 0; item < count; item++) {
      let sum = 0;
      for (let component = 0; component < dimension; component++) {
        sum += vectors[query * dimension + component] * vectors[item * dimension + component];
      }
      checksum += sum;
    }
  }
  return checksum;
});
console.log(`embedding retrieval: ${count} vectors × ${dimension} dimensions, queries = gallery, cosine`);
console.log(`  embeddingRetrieval (ours)                 ${ours.milliseconds.toFixed(0).padStart(7)} ms`);
console.log(
  `  plain loop, same multiply-adds only       ${plain.milliseconds.toFixed(0).padStart(7)} ms   ours = ${(ours.milliseconds / plain.milliseconds).toFixed(2)}× its time`,
);
console.log(
  `  Recall@1/10/100 ${ours.result.recallAtK.map(({ value }) => value.toFixed(4)).join(' / ')}, MAP@R ${ours.result.mapAtR.toFixed(4)}`,
);

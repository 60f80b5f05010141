#!/usr/bin/env node
// Speed and effectiveness of our BM25 (`bm25Index`) against the npm packages users would otherwise pick,
// wink-bm25-text-search and okapibm25, measured in the same run:
//  1. speed on a generated SciFact-sized corpus (5,000 documents of abstract length, 300 queries; deterministic
//     Zipf-vocabulary generator below): indexing time, queries per second, ratios;
//  2. effectiveness on Cranfield (../shared/data/cranfield/beir): nDCG@10 and MAP of each package's ranking,
//     computed by our trec_eval engine (trec_eval 9.0.8 semantics, -c).
// Needs a build of this package (`pnpm --filter @benchline/metrics build`). Goal (issue 6): at least 10× the
// packages' queries per second, with equal or better effectiveness.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const cranfieldFolder = fileURLToPath(new URL('../../../../shared/data/cranfield/beir', import.meta.url));

function fail(message) {
  console.error(`bm25.bench: ${message}`);
  process.exit(1);
}

if (!existsSync(distEntry)) fail(`${distEntry} not found: build first with \`pnpm --filter @benchline/metrics build\``);
const { bm25Index, englishAnalyzer, trecEval } = await import('../dist/index.js');
const { loadBeirDataset } = await import('../dist/node/index.js');
const createWinkEngine = require('wink-bm25-text-search');
const winkNlpUtils = require('wink-nlp-utils');
const okapiModule = require('okapibm25');
const okapiBm25 = okapiModule.default ?? okapiModule;
const versions = {
  wink: require('wink-bm25-text-search/package.json').version,
  okapi: require('okapibm25/package.json').version,
};

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const okapiQueryCount = Number(process.env.BENCH_OKAPI_QUERIES ?? 10);
const depth = 1000;

// ---------------------------------------------------------------------------------------------------------------
// A deterministic SciFact-sized corpus: a 30,000-word vocabulary whose frequencies follow Zipf's law (s = 1.07),
// the most frequent ranks being English function words; titles of 6-16 words; abstracts with log-normal lengths
// around 180 words (SciFact: 5,183 abstracts, about 200 words each); queries of 5-12 words taken from a document
// plus 1-3 frequent words, the way SciFact's claims paraphrase an abstract.

/** mulberry32: a tiny seeded generator, enough for a data generator. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function generateCorpus({ documentCount, queryCount, vocabularySize, seed }) {
  const random = seededRandom(seed);
  const functionWords = 'the of and in to a is for with that by on as are was from this were at be an or which these we than not'.split(' ');
  const onsets = ['b', 'c', 'd', 'f', 'g', 'h', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'pr', 'tr', 'st', 'ch', 'gl', 'fl'];
  const nuclei = ['a', 'e', 'i', 'o', 'u', 'ea', 'io', 'ou'];
  const codas = ['', '', 'n', 'r', 's', 'l', 't', 'x', 'nd', 'ct', 'm'];
  const suffixes = ['', '', '', 's', 'ed', 'ing', 'ation', 'al', 'ity', 'ive', 'ness', 'ment'];
  const vocabulary = [...functionWords];
  const seen = new Set(vocabulary);
  while (vocabulary.length < vocabularySize) {
    const syllables = 1 + Math.floor(random() * 3);
    let word = '';
    for (let index = 0; index < syllables; index++) {
      word += onsets[Math.floor(random() * onsets.length)] + nuclei[Math.floor(random() * nuclei.length)] + codas[Math.floor(random() * codas.length)];
    }
    word += suffixes[Math.floor(random() * suffixes.length)];
    if (!seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  const cumulative = new Float64Array(vocabularySize);
  let total = 0;
  for (let rank = 0; rank < vocabularySize; rank++) cumulative[rank] = total += 1 / (rank + 1) ** 1.07;
  const zipfWord = () => {
    const target = random() * total;
    let low = 0;
    let high = vocabularySize - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return vocabulary[low];
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const sentence = (length) => {
    const words = Array.from({ length }, zipfWord);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return `${words.join(' ')}.`;
  };
  const corpus = [];
  for (let index = 0; index < documentCount; index++) {
    const length = Math.min(800, Math.max(30, Math.round(Math.exp(Math.log(180) + 0.5 * normal()))));
    const sentences = [];
    for (let written = 0; written < length; ) {
      const sentenceLength = Math.min(length - written, 8 + Math.floor(random() * 18));
      sentences.push(sentence(sentenceLength));
      written += sentenceLength;
    }
    corpus.push({ id: String(4_000_000 + index * 37), title: sentence(6 + Math.floor(random() * 11)).slice(0, -1), text: sentences.join(' ') });
  }
  const queries = [];
  for (let index = 0; index < queryCount; index++) {
    const source = corpus[Math.floor(random() * documentCount)].text.toLowerCase().replace(/\./g, '').split(' ');
    const words = [];
    const wanted = 5 + Math.floor(random() * 8);
    while (words.length < wanted) {
      const word = source[Math.floor(random() * source.length)];
      if (!functionWords.includes(word)) words.push(word);
    }
    for (let extra = 1 + Math.floor(random() * 3); extra > 0; extra--) words.splice(Math.floor(random() * words.length), 0, zipfWord());
    queries.push({ id: String(index + 1), text: words.join(' ') });
  }
  return { corpus, queries };
}

// ---------------------------------------------------------------------------------------------------------------
// The systems, each as users would set it up. Every package gets the same analysis (our English analyzer: lower
// case, Lucene stopwords, Porter) so that the engines are compared, not the tokenizers; wink also runs with the
// pipeline its README shows (wink-nlp-utils). okapibm25 has no tokenizer and no index: it gets the analyzed text
// joined by spaces and the analyzed query terms, and rescans every document for every query.

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function ourSystem(parameters = {}) {
  return {
    name: `ours: bm25Index (Lucene, k1=${parameters.k1 ?? 0.9} b=${parameters.b ?? 0.4})`,
    build: (corpus) => bm25Index(corpus, parameters),
    search: (index, query, k) => index.searchText(query.text, k),
  };
}

function winkSystem(pipeline, label) {
  return {
    name: `wink-bm25-text-search ${versions.wink} (${label}, k1=1.2 b=0.75)`,
    build: (corpus) => {
      const engine = createWinkEngine();
      engine.defineConfig({ fldWeights: { title: 1, body: 1 } });
      engine.definePrepTasks(pipeline());
      for (const document of corpus) engine.addDoc({ title: document.title ?? '', body: document.text }, document.id);
      engine.consolidate();
      return engine;
    },
    search: (engine, query, k) => engine.search(query.text, k).map(([docno, score]) => ({ docno, score })),
  };
}

const ourAnalyzer = englishAnalyzer();
const winkPipeline = () => [
  winkNlpUtils.string.lowerCase,
  winkNlpUtils.string.tokenize0,
  winkNlpUtils.tokens.removeWords,
  winkNlpUtils.tokens.stem,
  winkNlpUtils.tokens.propagateNegations,
];
const winkPipelineAnalyzer = {
  name: 'wink-nlp-utils pipeline',
  analyze: (text) => winkPipeline().reduce((value, task) => task(value), text),
};
const systems = {
  ours: ourSystem(),
  oursAtPackageDefaults: ourSystem({ k1: 1.2, b: 0.75 }),
  oursWithWinkPipeline: {
    ...ourSystem({ k1: 1.2, b: 0.75, analyzer: winkPipelineAnalyzer }),
    name: 'ours: bm25Index (Lucene, k1=1.2 b=0.75) with the wink-nlp-utils pipeline as analyzer',
  },
  winkSameAnalyzer: winkSystem(() => [(text) => ourAnalyzer.analyze(text)], 'our English analyzer'),
  winkOwnPipeline: winkSystem(winkPipeline, 'wink-nlp-utils pipeline'),
  okapi: {
    name: `okapibm25 ${versions.okapi} (analyzed text, k1=1.2 b=0.75)`,
    build: (corpus) => corpus.map((document) => ourAnalyzer.analyze(`${document.title ?? ''}\n${document.text}`).join(' ')),
    search: (documents, query, k, ids) => {
      const terms = ourAnalyzer.analyze(query.text);
      if (terms.length === 0) return [];
      const scores = okapiBm25(documents, terms);
      const results = [];
      scores.forEach((score, index) => {
        if (score > 0) results.push({ docno: ids[index], score });
      });
      return results.sort((left, right) => right.score - left.score).slice(0, k);
    },
  },
};

/**
 * Indexing time and queries per second of several systems, measured round-robin (each repeat times every system
 * once, in turn) so that a change of machine load during the run affects all of them alike; medians are reported.
 */
function measureSpeed(entries, corpus) {
  const ids = corpus.map((document) => document.id);
  const buildTimes = new Map(entries.map(([key]) => [key, []]));
  const indexes = new Map();
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (const [key, system] of entries) {
      globalThis.gc?.();
      const started = performance.now();
      indexes.set(key, system.build(corpus));
      buildTimes.get(key).push(performance.now() - started);
    }
  }
  const rates = (k) => {
    const measured = new Map(entries.map(([key]) => [key, []]));
    for (const [key, system, queries] of entries) for (const query of queries.slice(0, 5)) system.search(indexes.get(key), query, k, ids); // warm-up
    for (let repeat = 0; repeat < repeats; repeat++) {
      for (const [key, system, queries] of entries) {
        const started = performance.now();
        for (const query of queries) system.search(indexes.get(key), query, k, ids);
        measured.get(key).push(queries.length / ((performance.now() - started) / 1000));
      }
    }
    return measured;
  };
  const deep = rates(depth);
  const shallow = rates(10);
  return Object.fromEntries(
    entries.map(([key, , queries]) => [
      key,
      {
        indexSeconds: median(buildTimes.get(key)) / 1000,
        queriesPerSecond: median(deep.get(key)),
        queriesPerSecondTop10: median(shallow.get(key)),
        queryCount: queries.length,
      },
    ]),
  );
}

function trecRun(system, index, queries, ids) {
  const lines = [];
  for (const query of queries) {
    system.search(index, query, depth, ids).forEach((result, rank) => {
      lines.push(`${query.id} Q0 ${result.docno} ${rank + 1} ${result.score} bench`);
    });
  }
  return `${lines.join('\n')}\n`;
}

function effectiveness(system, dataset, qrelsBytes) {
  const ids = dataset.corpus.map((document) => document.id);
  const index = system.build(dataset.corpus);
  const run = new TextEncoder().encode(trecRun(system, index, dataset.queries, ids));
  const output = trecEval({ qrels: qrelsBytes, run }, { measures: ['ndcg_cut.10', 'map'], complete: true });
  const value = (measure) => Number(new RegExp(`^${measure}\\s+all\\s+(\\S+)`, 'm').exec(output)?.[1]);
  return { ndcg10: value('ndcg_cut_10'), map: value('map') };
}

// ---------------------------------------------------------------------------------------------------------------

const generated = generateCorpus({ documentCount: 5000, queryCount: 300, vocabularySize: 30_000, seed: 20_240_711 });
const averageWords = generated.corpus.reduce((sum, document) => sum + document.text.split(' ').length, 0) / generated.corpus.length;
console.log(`Speed: generated corpus of ${generated.corpus.length} documents (${averageWords.toFixed(0)} words per abstract on average), ${generated.queries.length} queries, top ${depth}, median of ${repeats} round-robin repeats (Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores).\n`);

const speed = measureSpeed(
  [
    ['ours', systems.ours, generated.queries],
    ['winkSameAnalyzer', systems.winkSameAnalyzer, generated.queries],
    ['winkOwnPipeline', systems.winkOwnPipeline, generated.queries],
    ['okapi', systems.okapi, generated.queries.slice(0, okapiQueryCount)],
  ],
  generated.corpus,
);
console.log(`| system | indexing (s) | queries/s, top ${depth} | ours ÷ theirs | queries/s, top 10 | ours ÷ theirs |`);
console.log('|---|--:|--:|--:|--:|--:|');
for (const [key, result] of Object.entries(speed)) {
  const ratio = (ours, theirs) => (key === 'ours' ? '' : `${(ours / theirs).toFixed(1)}×`);
  const note = result.queryCount < generated.queries.length ? ` (${result.queryCount} queries)` : '';
  console.log(
    `| ${systems[key].name}${note} | ${result.indexSeconds.toFixed(3)} | ${result.queriesPerSecond.toFixed(1)} | ${ratio(speed.ours.queriesPerSecond, result.queriesPerSecond)} | ${result.queriesPerSecondTop10.toFixed(1)} | ${ratio(speed.ours.queriesPerSecondTop10, result.queriesPerSecondTop10)} |`,
  );
}
const packages = ['winkSameAnalyzer', 'winkOwnPipeline', 'okapi'];
for (const [label, field] of [[`top ${depth}`, 'queriesPerSecond'], ['top 10', 'queriesPerSecondTop10']]) {
  const fastest = Math.max(...packages.map((key) => speed[key][field]));
  const slowest = Math.min(...packages.map((key) => speed[key][field]));
  const met = speed.ours[field] >= 10 * fastest;
  console.log(
    `\nSpeed goal at ${label} (≥ 10× every package's queries/s): ${met ? 'met' : 'MISSED'}: ${(speed.ours[field] / fastest).toFixed(1)}× the fastest package, ${(speed.ours[field] / slowest).toFixed(0)}× the slowest.`,
  );
}

if (!existsSync(cranfieldFolder)) {
  console.log(`\nEffectiveness: skipped, ${cranfieldFolder} not found (../shared is needed).`);
} else {
  const dataset = await loadBeirDataset(cranfieldFolder);
  const qrelsLines = [];
  for (const [queryId, judgments] of dataset.qrels) for (const [docno, relevance] of judgments) qrelsLines.push(`${queryId} 0 ${docno} ${relevance}`);
  const qrelsBytes = new TextEncoder().encode(`${qrelsLines.join('\n')}\n`);
  console.log(`\nEffectiveness on Cranfield (${dataset.corpus.length} documents, ${dataset.queries.length} queries, graded qrels), trec_eval 9.0.8 semantics with -c, top ${depth}:\n`);
  console.log('| system | nDCG@10 | MAP |');
  console.log('|---|--:|--:|');
  const quality = {};
  for (const key of ['ours', 'oursAtPackageDefaults', 'oursWithWinkPipeline', 'winkSameAnalyzer', 'winkOwnPipeline', 'okapi']) {
    quality[key] = effectiveness(systems[key], dataset, qrelsBytes);
    console.log(`| ${systems[key].name} | ${quality[key].ndcg10.toFixed(4)} | ${quality[key].map.toFixed(4)} |`);
  }
  // Like for like: the same analysis and the same k1/b; only the BM25 implementation differs.
  const counterpart = { winkSameAnalyzer: 'oursAtPackageDefaults', winkOwnPipeline: 'oursWithWinkPipeline', okapi: 'oursAtPackageDefaults' };
  const better = Object.entries(counterpart).filter(
    ([theirs, ours]) => quality[theirs].ndcg10 > quality[ours].ndcg10 + 1e-9 || quality[theirs].map > quality[ours].map + 1e-9,
  );
  console.log(
    `\nEffectiveness goal (ours ≥ each package with the same analysis and k1/b): ${better.length === 0 ? 'met' : `MISSED against ${better.map(([key]) => systems[key].name).join(', ')}`}.`,
  );
}

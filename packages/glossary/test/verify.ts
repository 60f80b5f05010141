/**
 * Recomputes a worked example's `expect` numbers from independent sources: `@benchline/metrics` (trec_eval engine,
 * significance tests, BM25, fusion), `@benchline/lora` (parameter counts, scaling, SVD), the reference files in
 * `../shared` (scipy values, BM25 reference scores, Cranfield), and the plain re-implementations in
 * `reference-computations.ts`. Every expected number must be recomputed by at least one source, and every source
 * must agree with it to the precision it is written with.
 */
import { estimateMemory, jacobiSvd, loraScaling, matrixParameterCount, nf4BitsPerParameter, numericalRank } from '@benchline/lora';
import {
  adjustPValues,
  bm25Index,
  evaluate,
  fuse,
  pairedTTest,
  randomizationTest,
  recallAtK,
  signTest,
  successAtK,
  trecEval,
  whitespaceAnalyzer,
  wilcoxonSignedRank,
} from '@benchline/metrics';
import type { Computation, JudgedRanking, MeasureName } from '../src/index.js';
import {
  adjust,
  bm25Scores,
  evaluateExpressions,
  exactBootstrap,
  exactRandomization,
  matrixRank,
  mean,
  measureValue,
  normalCdf,
  sampleStandardDeviation,
  signedRankSums,
  signTestPValue,
} from './reference-computations.js';
import { readSharedJson, readSharedText, sharedAvailable } from './shared.js';

export interface Recomputed {
  readonly value: number;
  /** Who computed it: `@benchline/metrics trecEval`, `scipy (ref_tests.json)`, `reference implementation`... */
  readonly source: string;
}

export type Recomputation = Map<string, Recomputed[]>;

/** The expected numbers of a computation, flattened to `key.path` → number. */
export function expectedNumbers(computation: Computation): Map<string, number> {
  const result = new Map<string, number>();
  if (computation.kind === 'combined') {
    for (const [name, part] of Object.entries(computation.parts)) {
      for (const [key, value] of expectedNumbers(part)) result.set(`parts.${name}.${key}`, value);
    }
    return result;
  }
  flatten(computation.expect, '', result);
  return result;
}

function flatten(value: unknown, prefix: string, into: Map<string, number>): void {
  if (typeof value === 'number') {
    into.set(prefix, value);
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix === '' ? key : `${prefix}.${key}`, into);
  }
}

/** Recomputes every number of a computation it can, from every source that applies. */
export function recompute(computation: Computation): Recomputation {
  const result: Recomputation = new Map();
  const add = (key: string, value: number, source: string): void => {
    const list = result.get(key) ?? [];
    list.push({ value, source });
    result.set(key, list);
  };
  const reference = 'reference implementation (test/reference-computations.ts)';
  switch (computation.kind) {
    case 'combined':
      for (const [name, part] of Object.entries(computation.parts)) {
        for (const [key, list] of recompute(part)) for (const item of list) add(`parts.${name}.${key}`, item.value, item.source);
      }
      break;
    case 'lora-params': {
      const count = matrixParameterCount(computation.input);
      for (const key of ['full', 'lora', 'fraction', 'reduction'] as const) add(key, count[key], '@benchline/lora matrixParameterCount');
      break;
    }
    case 'dora-params': {
      const count = matrixParameterCount(computation.input);
      add('lora', count.lora, '@benchline/lora matrixParameterCount');
      add('magnitude', computation.input.rows, 'PEFT layout: one magnitude per output row');
      add('total', count.lora + computation.input.rows, '@benchline/lora matrixParameterCount + rows');
      break;
    }
    case 'measure': {
      const values = computation.queries.map((query) => measureValue(computation.measure, query));
      values.forEach((value, index) => {
        add(`perQuery.${String(index)}`, value, reference);
      });
      add('mean', mean(values), reference);
      const engine = engineValues(computation.measure, computation.queries);
      if (engine !== undefined) {
        engine.perQuery.forEach((value, index) => {
          add(`perQuery.${String(index)}`, value, engine.source);
        });
        add('mean', engine.mean, engine.source);
      }
      break;
    }
    case 'measures':
      for (const measure of Object.keys(computation.expect) as MeasureName[]) {
        add(measure, mean(computation.queries.map((query) => measureValue(measure, query))), reference);
        const engine = engineValues(measure, computation.queries);
        if (engine !== undefined) add(measure, engine.mean, engine.source);
      }
      break;
    case 'confusion': {
      const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = computation.input;
      const precision = tp / (tp + fp);
      const recall = tp / (tp + fn);
      add('precision', precision, reference);
      add('recall', recall, reference);
      add('f1', (2 * precision * recall) / (precision + recall), reference);
      add('accuracy', (tp + tn) / (tp + fp + fn + tn), reference);
      add('retrieved', tp + fp, reference);
      add('relevant', tp + fn, reference);
      break;
    }
    case 'paired-test':
      recomputePairedTest(computation, add);
      break;
    case 'paired-summary': {
      const differences = computation.system.map((value, index) => value - (computation.baseline[index] as number));
      add('meanBaseline', mean(computation.baseline), reference);
      add('meanSystem', mean(computation.system), reference);
      add('meanDifference', mean(differences), reference);
      add('standardDeviation', sampleStandardDeviation(differences), reference);
      add('cohenDz', mean(differences) / sampleStandardDeviation(differences), reference);
      add('wins', differences.filter((value) => value > 0).length, reference);
      add('ties', differences.filter((value) => value === 0).length, reference);
      add('losses', differences.filter((value) => value < 0).length, reference);
      const summary = pairedTTest(computation.system, computation.baseline);
      const source = '@benchline/metrics pairedTTest';
      add('meanBaseline', summary.meanBaseline, source);
      add('meanSystem', summary.meanSystem, source);
      add('meanDifference', summary.meanDifference, source);
      add('standardDeviation', summary.standardDeviation, source);
      add('cohenDz', summary.cohenDz, source);
      add('ciLow', summary.confidenceInterval.lower, source);
      add('ciHigh', summary.confidenceInterval.upper, source);
      add('wins', summary.wins, source);
      add('ties', summary.ties, source);
      add('losses', summary.losses, source);
      const scipy = scipyCase(computation.baseline, computation.system);
      if (scipy !== undefined) {
        const interval = scipy.paired_t.ci95_mean_diff;
        add('ciLow', interval[0], 'scipy (ref_tests.json)');
        add('ciHigh', interval[1], 'scipy (ref_tests.json)');
        add('cohenDz', scipy.effect_size.cohen_dz, 'scipy (ref_tests.json)');
        add('meanDifference', scipy.summary.mean_diff, 'scipy (ref_tests.json)');
      }
      break;
    }
    case 'exact-bootstrap': {
      const result = exactBootstrap(computation.differences);
      add('resamples', result.resamples, reference);
      add('meanDifference', result.meanDifference, reference);
      add('pValue', result.pValue, reference);
      break;
    }
    case 'adjust-p-values': {
      const ours = adjust(computation.pValues, computation.method);
      const engine = adjustPValues(computation.pValues, computation.method);
      ours.forEach((value, index) => {
        add(`adjusted.${String(index)}`, value, reference);
      });
      engine.forEach((value, index) => {
        add(`adjusted.${String(index)}`, value, '@benchline/metrics adjustPValues');
      });
      add('rejectedAt005', engine.filter((value) => value <= 0.05).length, '@benchline/metrics adjustPValues');
      const family = scipyFamily(computation.pValues);
      if (family !== undefined) {
        const column = { bonferroni: family.bonferroni, holm: family.holm, bh: family.benjamini_hochberg }[computation.method];
        column.forEach((value, index) => {
          add(`adjusted.${String(index)}`, value, 'statsmodels/scipy (ref_tests.json)');
        });
      }
      break;
    }
    case 'normal-power': {
      const { effectSize, queries, criticalZ } = computation.input;
      add('power', normalCdf(effectSize * Math.sqrt(queries) - criticalZ), reference);
      break;
    }
    case 'bm25': {
      const scores = bm25Scores(computation.documents, computation.query, computation.k1, computation.b);
      for (const [id, value] of Object.entries(scores)) add(`scores.${id}`, value, reference);
      const index = bm25Index(
        Object.entries(computation.documents).map(([id, text]) => ({ id, text })),
        { k1: computation.k1, b: computation.b, analyzer: whitespaceAnalyzer(), fields: [{ source: 'text' }] },
      );
      const all = index.scoreAll(computation.query);
      index.documentIds.forEach((id, position) => {
        add(`scores.${id}`, all[position] as number, '@benchline/metrics bm25Index');
      });
      const toy = toyReference(computation);
      if (toy !== undefined) for (const [id, value] of Object.entries(toy)) add(`scores.${id}`, value, 'rank_bm25/bm25s reference (bm25_toy.json)');
      break;
    }
    case 'rrf': {
      const scores = new Map<string, number>();
      for (const ranking of computation.rankings) {
        ranking.forEach((document, index) => scores.set(document, (scores.get(document) ?? 0) + 1 / (computation.k + index + 1)));
      }
      for (const [document, value] of scores) add(`scores.${document}`, value, reference);
      const fused = fuse(
        computation.rankings.map((ranking, runIndex) => ({
          name: `run${String(runIndex)}`,
          results: new Map([['q', ranking.map((docno, index) => ({ docno, score: ranking.length - index }))]]),
        })),
        { method: 'rrf', rrfK: computation.k },
      );
      const list = fused.results.get('q') ?? [];
      for (const { docno, score } of list) add(`scores.${docno}`, score, '@benchline/metrics fuse');
      const order = list.map(({ docno }) => docno);
      if (JSON.stringify(order) !== JSON.stringify(computation.expect.order)) {
        throw new Error(`RRF order: @benchline/metrics fuse gives ${order.join(', ')}, the example says ${computation.expect.order.join(', ')}`);
      }
      break;
    }
    case 'similarity': {
      const norm = (vector: readonly number[]): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
      for (const [id, vector] of Object.entries(computation.documents)) {
        const dot = vector.reduce((sum, value, index) => sum + value * (computation.query[index] as number), 0);
        add(`scores.${id}`, computation.metric === 'dot' ? dot : dot / (norm(vector) * norm(computation.query)), reference);
      }
      break;
    }
    case 'lora-scaling':
      computation.input.ranks.forEach((rank, index) => {
        add(`lora.${String(index)}`, loraScaling({ rank, alpha: computation.input.alpha }), '@benchline/lora loraScaling');
        add(`rslora.${String(index)}`, loraScaling({ rank, alpha: computation.input.alpha, useRslora: true }), '@benchline/lora loraScaling');
      });
      break;
    case 'matrix-rank': {
      add('rank', matrixRank(computation.matrix), reference);
      const rows = computation.matrix.length;
      const cols = computation.matrix[0]?.length ?? 0;
      const svd = jacobiSvd(Float64Array.from(computation.matrix.flat()), rows, cols);
      add('rank', numericalRank(svd.singularValues, rows, cols), '@benchline/lora jacobiSvd + numericalRank');
      break;
    }
    case 'parameter-formula': {
      const input = computation.input;
      const need = (name: string): number => {
        const value = input[name];
        if (value === undefined) throw new Error(`parameter-formula ${computation.method} needs input.${name}`);
        return value;
      };
      let parameters: number;
      if (computation.method === 'adapter') {
        const hidden = need('hiddenSize');
        const bottleneck = need('bottleneckSize');
        parameters = need('sites') * (2 * hidden * bottleneck + hidden + bottleneck);
      } else if (computation.method === 'prompt-tuning') {
        parameters = need('virtualTokens') * need('hiddenSize');
      } else {
        parameters = 2 * need('layers') * need('virtualTokens') * need('hiddenSize');
      }
      add('parameters', parameters, reference);
      if (computation.modelParameters !== undefined) add('fractionOfModel', parameters / computation.modelParameters, reference);
      break;
    }
    case 'memory': {
      let total = 0;
      for (const [name, item] of Object.entries(computation.items)) {
        const bytes = item.count * item.bytesEach;
        total += bytes;
        add(name, bytes / 1e9, reference);
      }
      add('total', total / 1e9, reference);
      if (computation.check?.calculator === 'full-adamw-bf16') {
        const estimate = estimateMemory({ totalParameters: computation.check.parameters, modules: [] } as unknown as Parameters<typeof estimateMemory>[0], {
          method: 'full',
          weightPrecision: 'bf16',
        });
        const parts: Record<string, string> = { weights: 'weights', gradients: 'gradients', master: 'master weights', adam: 'optimizer states' };
        for (const [name, part] of Object.entries(parts)) {
          const line = estimate.lines.find((candidate) => candidate.part === part);
          if (line === undefined) throw new Error(`estimateMemory gave no "${part}" line`);
          add(name, line.bytes / 1e9, '@benchline/lora estimateMemory');
        }
        add('total', estimate.totalBytes / 1e9, '@benchline/lora estimateMemory');
      } else if (computation.check?.calculator === 'nf4-double-quantization') {
        const bits = nf4BitsPerParameter(true);
        add('weights', (computation.check.parameters * 4) / 8 / 1e9, '@benchline/lora nf4BitsPerParameter');
        add('constants', (computation.check.parameters * (bits - 4)) / 8 / 1e9, '@benchline/lora nf4BitsPerParameter');
        add('total', (computation.check.parameters * bits) / 8 / 1e9, '@benchline/lora nf4BitsPerParameter');
      }
      break;
    }
    case 'reference-figures': {
      if (!sharedAvailable) break;
      const data = readSharedJson(computation.source);
      for (const [name, path] of Object.entries(computation.figures)) {
        let current: unknown = data;
        for (const step of path) current = (current as Record<string, unknown> | undefined)?.[step];
        if (typeof current !== 'number') throw new Error(`${computation.source}: no number at ${path.join(' → ')}`);
        add(name, current, `../shared/reference/${computation.source}`);
      }
      break;
    }
    case 'dataset-stats': {
      if (!sharedAvailable) break;
      const directory = `data/${computation.dataset}/beir/`;
      const lines = (file: string): string[] => readSharedText(directory + file).split('\n').filter((line) => line.trim() !== '');
      const judgments = lines('qrels/test.tsv').slice(1).map((line) => line.split('\t'));
      const positive = judgments.filter((row) => Number(row[2]) > 0);
      const judgedQueries = new Set(positive.map((row) => row[0]));
      const source = `../shared/data/${computation.dataset}/beir`;
      add('documents', lines('corpus.jsonl').length, source);
      add('queries', lines('queries.jsonl').length, source);
      add('judgments', judgments.length, source);
      add('positiveJudgments', positive.length, source);
      add('relevantPerQuery', positive.length / judgedQueries.size, source);
      break;
    }
    case 'arithmetic': {
      const values = evaluateExpressions(computation.expressions);
      for (const [name, value] of Object.entries(values)) add(name, value, 'arithmetic (test/reference-computations.ts)');
      break;
    }
    default: {
      const unknown: never = computation;
      throw new Error(`no verifier for ${JSON.stringify(unknown)}`);
    }
  }
  return result;
}

type Add = (key: string, value: number, source: string) => void;

function recomputePairedTest(computation: Extract<Computation, { kind: 'paired-test' }>, add: Add): void {
  const { baseline, system } = computation;
  const differences = system.map((value, index) => value - (baseline[index] as number));
  const reference = 'reference implementation (test/reference-computations.ts)';
  const scipy = scipyCase(baseline, system);
  const scipySource = 'scipy (ref_tests.json)';
  switch (computation.test) {
    case 'student-t': {
      const result = pairedTTest(system, baseline);
      add('t', result.statistic, '@benchline/metrics pairedTTest');
      add('df', result.degreesOfFreedom, '@benchline/metrics pairedTTest');
      add('pValue', result.pValue, '@benchline/metrics pairedTTest');
      add('t', mean(differences) / (sampleStandardDeviation(differences) / Math.sqrt(differences.length)), reference);
      add('df', differences.length - 1, reference);
      if (scipy !== undefined) {
        add('t', scipy.paired_t.t, scipySource);
        add('pValue', scipy.paired_t.p_two_sided, scipySource);
      }
      break;
    }
    case 'wilcoxon': {
      const result = wilcoxonSignedRank(system, baseline);
      add('wPlus', result.wPlus, '@benchline/metrics wilcoxonSignedRank');
      add('wMinus', result.wMinus, '@benchline/metrics wilcoxonSignedRank');
      add('pValue', result.pValue, '@benchline/metrics wilcoxonSignedRank');
      const sums = signedRankSums(differences);
      add('wPlus', sums.wPlus, reference);
      add('wMinus', sums.wMinus, reference);
      if (scipy !== undefined) {
        add('wPlus', scipy.wilcoxon.W_plus, scipySource);
        add('wMinus', scipy.wilcoxon.W_minus, scipySource);
        add('pValue', scipy.wilcoxon.scipy.auto.p_two_sided, scipySource);
      }
      break;
    }
    case 'sign': {
      const result = signTest(system, baseline);
      add('wins', result.statistic, '@benchline/metrics signTest');
      add('losses', result.trials - result.statistic, '@benchline/metrics signTest');
      add('pValue', result.pValue, '@benchline/metrics signTest');
      const wins = differences.filter((value) => value > 0).length;
      const losses = differences.filter((value) => value < 0).length;
      add('wins', wins, reference);
      add('losses', losses, reference);
      add('pValue', signTestPValue(wins, losses), reference);
      if (scipy !== undefined) add('pValue', scipy.sign_test.threshold_0.p_two_sided, scipySource);
      break;
    }
    case 'randomization': {
      const result = randomizationTest(system, baseline, { method: 'exact' });
      add('extreme', result.extremeCount, '@benchline/metrics randomizationTest');
      add('assignments', result.permutations, '@benchline/metrics randomizationTest');
      add('pValue', result.pValue, '@benchline/metrics randomizationTest');
      if (differences.length <= 20) {
        const exact = exactRandomization(differences);
        add('extreme', exact.extreme, reference);
        add('assignments', exact.assignments, reference);
        add('pValue', exact.extreme / exact.assignments, reference);
      }
      if (scipy !== undefined) {
        add('extreme', scipy.randomization_exact.count_abs_ge_observed, scipySource);
        add('pValue', scipy.randomization_exact.p_two_sided, scipySource);
      }
      break;
    }
    default: {
      const unknown: never = computation;
      throw new Error(`no verifier for ${JSON.stringify(unknown)}`);
    }
  }
}

/** Per-query and mean values from `@benchline/metrics`' `evaluate()` (readable names), else its trec_eval text. */
function engineValues(measure: MeasureName, queries: readonly JudgedRanking[]): { perQuery: number[]; mean: number; source: string } | undefined {
  const queryId = (index: number): string => `q${String(index + 1).padStart(3, '0')}`;
  const qrels = new Map(queries.map(({ qrels: judgments }, index) => [queryId(index), new Map(Object.entries(judgments))]));
  const run = {
    name: 'example',
    results: new Map(queries.map(({ ranking }, index) => [queryId(index), ranking.map((docno, rank) => ({ docno, score: ranking.length - rank }))])),
  };
  // evaluate() currently gives 0.53792 for RBP(p=0.8) on the rbp example where trec_eval 10 (trecEval below, and the
  // textbook (1 − p)·Σ p^(i−1)) gives 0.328: reported to the metrics maintainers; RBP is checked with trecEval until
  // evaluate() agrees.
  let evaluation: ReturnType<typeof evaluate>;
  try {
    evaluation = evaluate(qrels, run, [measure]);
  } catch {
    return trecEvalValues(measure, queries);
  }
  const name = evaluation.measures[0]?.name ?? measure;
  const perQuery = queries.map((_, index) => {
    const value = evaluation.perQuery[queryId(index)]?.[name];
    if (value === undefined) throw new Error(`evaluate() gave no ${name} for ${queryId(index)}`);
    return value;
  });
  const mean = evaluation.aggregate[name];
  if (mean === undefined) throw new Error(`evaluate() gave no aggregate ${name}`);
  return { perQuery, mean, source: `@benchline/metrics evaluate(${measure})` };
}

/** Per-query and mean values from `@benchline/metrics`' trec_eval engine, for measures trec_eval computes. */
function trecEvalValues(measure: MeasureName, queries: readonly JudgedRanking[]): { perQuery: number[]; mean: number; source: string } | undefined {
  const successOrRecall = /^(Success|R)@(\d+)$/.exec(measure);
  const trecName = trecEvalName(measure);
  if (trecName === undefined) {
    if (successOrRecall === null) return undefined;
  }
  if (trecName === undefined && successOrRecall !== null) {
    const k = Number(successOrRecall[2]);
    const compute = successOrRecall[1] === 'Success' ? successAtK : recallAtK;
    const perQuery = queries.map(({ ranking, qrels }) => compute(ranking, new Set(Object.keys(qrels).filter((id) => (qrels[id] ?? 0) >= 1)), k));
    return { perQuery, mean: mean(perQuery), source: `@benchline/metrics ${successOrRecall[1] === 'Success' ? 'successAtK' : 'recallAtK'}` };
  }
  if (trecName === undefined) return undefined;
  const queryId = (index: number): string => `q${String(index + 1).padStart(3, '0')}`;
  const qrels = queries
    .flatMap(({ qrels: judgments }, index) => Object.entries(judgments).map(([document, grade]) => `${queryId(index)} 0 ${document} ${String(grade)}`))
    .join('\n');
  const run = queries
    .flatMap(({ ranking }, index) => ranking.map((document, rank) => `${queryId(index)} Q0 ${document} ${String(rank + 1)} ${String(ranking.length - rank)} example`))
    .join('\n');
  const encoder = new TextEncoder();
  const output = trecEval(
    { qrels: encoder.encode(`${qrels}\n`), run: encoder.encode(`${run}\n`) },
    { measures: [trecName.request], perQuery: true, version: trecName.version },
  );
  const values = new Map<string, number>();
  for (const line of output.split('\n')) {
    const [name, query, value] = line.trim().split(/\s+/);
    if (name === trecName.printed && query !== undefined && value !== undefined) values.set(query, Number(value));
  }
  const perQuery = queries.map((_, index) => {
    const value = values.get(queryId(index));
    if (value === undefined) throw new Error(`trec_eval printed no ${trecName.printed} for ${queryId(index)}:\n${output}`);
    return value;
  });
  const all = values.get('all');
  if (all === undefined) throw new Error(`trec_eval printed no summary ${trecName.printed}:\n${output}`);
  return { perQuery, mean: all, source: `@benchline/metrics trecEval -m ${trecName.request} (4 decimals)` };
}

function trecEvalName(measure: MeasureName): { request: string; printed: string; version: '9.0.8' | '10.0' } | undefined {
  const cut = /^(P|R|Success|nDCG|AP)@(\d+)$/.exec(measure);
  if (cut !== null) {
    const base = { P: 'P', R: 'recall', Success: 'success', nDCG: 'ndcg_cut', AP: 'map_cut' }[cut[1] as 'P' | 'R' | 'Success' | 'nDCG' | 'AP'];
    return { request: `${base}.${cut[2] as string}`, printed: `${base}_${cut[2] as string}`, version: '9.0.8' };
  }
  const rbp = /^RBP\(p=([\d.]+)\)$/.exec(measure);
  if (rbp !== null) return { request: `rbp.p=${rbp[1] as string}`, printed: `rbp_p=${rbp[1] as string}`, version: '10.0' };
  const simple: Partial<Record<MeasureName, string>> = { AP: 'map', RR: 'recip_rank', Rprec: 'Rprec', Bpref: 'bpref', nDCG: 'ndcg', F1: 'set_F' };
  const name = simple[measure];
  return name === undefined ? undefined : { request: name, printed: name, version: '9.0.8' };
}

interface ScipyCase {
  readonly baseline: number[];
  readonly system: number[];
  readonly summary: { readonly mean_diff: number };
  readonly paired_t: { readonly t: number; readonly p_two_sided: number; readonly ci95_mean_diff: [number, number] };
  readonly wilcoxon: { readonly W_plus: number; readonly W_minus: number; readonly scipy: { readonly auto: { readonly p_two_sided: number } } };
  readonly sign_test: { readonly threshold_0: { readonly p_two_sided: number } };
  readonly randomization_exact: { readonly count_abs_ge_observed: number; readonly p_two_sided: number };
  readonly effect_size: { readonly cohen_dz: number };
}

/** The scipy case of `ref_tests.json` whose inputs are exactly these arrays, if any. */
function scipyCase(baseline: readonly number[], system: readonly number[]): ScipyCase | undefined {
  if (!sharedAvailable) return undefined;
  const data = readSharedJson('stats/ref_tests.json') as { cases: Record<string, ScipyCase> };
  return Object.values(data.cases).find(
    (candidate) => JSON.stringify(candidate.baseline) === JSON.stringify(baseline) && JSON.stringify(candidate.system) === JSON.stringify(system),
  );
}

function scipyFamily(pValues: readonly number[]): { bonferroni: number[]; holm: number[]; benjamini_hochberg: number[] } | undefined {
  if (!sharedAvailable) return undefined;
  const data = readSharedJson('stats/ref_tests.json') as {
    multiple_comparisons: { raw_p: number[]; bonferroni: number[]; holm: number[]; benjamini_hochberg: number[] };
  };
  return JSON.stringify(data.multiple_comparisons.raw_p) === JSON.stringify(pValues) ? data.multiple_comparisons : undefined;
}

/** The BM25 reference scores when the example uses the toy corpus of `bm25_toy.json` with one of its settings. */
function toyReference(computation: Extract<Computation, { kind: 'bm25' }>): Record<string, number> | undefined {
  if (!sharedAvailable) return undefined;
  const toy = readSharedJson('bm25/bm25_toy.json') as {
    corpus: Record<string, string>;
    queries: Record<string, string>;
    scores: Record<string, Record<string, Record<string, number>>>;
  };
  if (JSON.stringify(toy.corpus) !== JSON.stringify(computation.documents)) return undefined;
  const queryId = Object.keys(toy.queries).find((id) => toy.queries[id] === computation.query);
  const setting = Object.keys(toy.scores).find((name) => name.startsWith(`lucene_k${String(computation.k1)}_b${String(computation.b)} `));
  if (queryId === undefined || setting === undefined) return undefined;
  return toy.scores[setting]?.[queryId];
}

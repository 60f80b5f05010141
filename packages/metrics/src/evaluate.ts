import { InvalidArgumentError } from './errors.js';
import { parseMeasure, defaultMeasureNames } from './measures/measure-names.js';
import type { MeasureSpec } from './measures/measure-names.js';
import { cExp } from './trec-eval/c-math.js';
import { binaryStringToText, textToBinaryString } from './trec-eval/c-parse.js';
import { configureMeasures, selectMeasures } from './trec-eval/measure-selection.js';
import type { ConfiguredMeasure } from './trec-eval/measures.js';
import type { TrecEvalVersion } from './trec-eval/options.js';
import { createQrelsTopic } from './trec-eval/qrels-file.js';
import type { QrelsTopic } from './trec-eval/qrels-file.js';
import { duplicateDocno, rankTopic, relNonpool } from './trec-eval/ranking.js';
import type { RunBlock } from './trec-eval/run-reader.js';
import type { Qrels, Run } from './types.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /**
   * Which trec_eval to match (default `'9.0.8'`, what pytrec_eval and most papers use): 9.0.8 compares scores as
   * 32-bit floats (scores equal in float32 tie) and rounds interpolated-precision cutoffs with +0.9.
   */
  readonly version?: TrecEvalVersion;
  /**
   * Judged queries with no results: `'skip'` (default; trec_eval's default, BEIR's too) leaves them out of the
   * averages; `'zero'` counts them with every value 0 (trec_eval `-c`), the honest choice when a system
   * returning nothing must be penalised.
   */
  readonly missingQueries?: 'skip' | 'zero';
}

/** The result of {@link evaluate}: plain data, ready for JSON. */
export interface Evaluation {
  /** The measures evaluated, resolved (readable name, trec_eval equivalent, description), in the order asked. */
  readonly measures: readonly MeasureSpec[];
  /** Queries evaluated, in trec_eval's order (byte order of the ids). */
  readonly queries: readonly string[];
  /** Query id → measure name → value. */
  readonly perQuery: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Measure name → mean over the queries (a sum for counts such as NumRet). */
  readonly aggregate: Readonly<Record<string, number>>;
  /** Number of queries the aggregate divides by. */
  readonly queryCount: number;
  /** Judged queries without results (skipped, or counted as 0 with `missingQueries: 'zero'`). */
  readonly judgedWithoutResults: readonly string[];
  /** Queries with results but no judgments: never evaluated (nothing to measure them against). */
  readonly resultsWithoutJudgments: readonly string[];
}

const encoder = new TextEncoder();

/**
 * Evaluates a run against judgments with the trec_eval-exact engine.
 *
 * Degenerate cases, decided once and the same as trec_eval:
 * - a judged query whose judgments are all non-relevant is evaluated and scores 0 on every measure, inside the mean;
 * - a judged query with no results (absent from the run, or an empty list) is skipped by default and listed in
 *   `judgedWithoutResults`; `missingQueries: 'zero'` counts it as 0 instead (trec_eval `-c`);
 * - a query with results but no judgments is not evaluated and is listed in `resultsWithoutJudgments`;
 * - ranking is by score descending, ties broken by document id descending in byte order (not by list order);
 * - a document listed twice for a query, a NaN score, or a non-integer relevance grade is an error: trec_eval
 *   stops on the first, orders the second arbitrarily, truncates the third.
 *
 * @param qrels - judgments, query id → document id → grade (integers; ≤ 0 or below the measure's `rel` is not relevant).
 * @param run - the system's results; list order does not matter, scores do.
 * @param measures - readable names (`nDCG@10`, `R@1000`, `RR@10`, `P(rel=2)@5`) or trec_eval names (`ndcg_cut.10`),
 *   see {@link parseMeasure}; default `nDCG@10, AP, RR@10, R@100, R@1000, P@10, Success@1`.
 * @returns per-query values and aggregates, keyed by each measure's canonical readable name.
 * @throws {UnknownMeasureError} for a measure name it cannot read.
 * @throws {InvalidArgumentError} for a duplicate document in a ranking, a NaN score or a non-integer grade.
 */
export function evaluate(qrels: Qrels, run: Run, measures: readonly (string | MeasureSpec)[] = defaultMeasureNames, options: EvaluateOptions = {}): Evaluation {
  const version = options.version ?? '9.0.8';
  const complete = options.missingQueries === 'zero';
  const specs = measures.map((measure) => (typeof measure === 'string' ? parseMeasure(measure) : measure));
  const topics = qrelsTopics(qrels);
  const blocks = runBlocks(run, version);
  const judgedWithoutResults: string[] = [];
  const evaluatedTopics: QrelsTopic[] = [];
  for (const topic of topics) {
    if (blocks.has(topic.qid)) evaluatedTopics.push(topic);
    else judgedWithoutResults.push(binaryStringToText(topic.qid));
  }
  const judgedIds = new Set(topics.map((topic) => topic.qid));
  const resultsWithoutJudgments = [...blocks.keys()].filter((qid) => !judgedIds.has(qid)).sort().map(binaryStringToText);
  const included = complete ? topics : evaluatedTopics;
  const queries = included.map((topic) => binaryStringToText(topic.qid));
  const perQuery: Record<string, Record<string, number>> = {};
  for (const qid of queries) perQuery[qid] = {};
  const aggregate: Record<string, number> = {};

  // One engine pass per combination of trec_eval settings (-l, -M, -J) the measures need.
  const groups = new Map<string, MeasureSpec[]>();
  for (const spec of specs) {
    // Measures whose parameters are not cutoffs (rbp.p=0.8, set_F.0.5) cannot share one trec_eval measure slot.
    const ownSlot = spec.trecParameters !== undefined && !/^[0-9.]+$/.test(spec.trecParameters) ? `|${spec.trecMeasure}.${spec.trecParameters}` : spec.trecMeasure === 'set_F' || spec.trecMeasure === 'rbp' ? `|${spec.trecMeasure}` : '';
    const key = `${String(spec.relevanceLevel)}|${String(spec.depth ?? '')}|${String(spec.judgedOnly)}${ownSlot}`;
    groups.set(key, [...(groups.get(key) ?? []), spec]);
  }
  for (const group of groups.values()) {
    const first = group[0] as MeasureSpec;
    const requests = [...new Set(group.map((spec) => (spec.trecParameters === undefined ? spec.trecMeasure : `${spec.trecMeasure}.${spec.trecParameters}`)))];
    const configured = configureGroup(requests, version);
    // Below level 0 documents outside the pool count as relevant: the ranking must list every rank.
    const settings = { relevanceLevel: first.relevanceLevel, maxRetrievedPerTopic: first.depth ?? Number.MAX_SAFE_INTEGER, judgedOnly: first.judgedOnly, allEntries: first.relevanceLevel <= relNonpool, uniqueDocnos: true };
    const context = { relevanceLevel: first.relevanceLevel, numDocsInCollection: 0, version };
    const valueCount = configured.reduce((sum, measure) => sum + measure.names.length, 0);
    const topicValues = included.map((topic) => {
      const values = new Float64Array(valueCount);
      const topicBlocks = blocks.get(topic.qid);
      // A judged query without results counts as 0 on every measure (trec_eval -c).
      if (topicBlocks === undefined) return values;
      const outcome = rankTopic(topicBlocks, topic, settings);
      if (outcome.ranked === undefined) {
        const failure = outcome.failure;
        throw new InvalidArgumentError('qrels', failure.kind === 'duplicate' ? `query ${binaryStringToText(topic.qid)}: document ${binaryStringToText(failure.docno)} is judged twice` : `query ${binaryStringToText(topic.qid)}: relevance ${String(failure.maxLevel)} is too large`);
      }
      for (const measure of configured) measure.definition.calc(outcome.ranked, measure, context, values);
      return values;
    });
    for (const spec of group) {
      const slot = findSlot(configured, spec);
      let sum = 0;
      included.forEach((topic, index) => {
        const value = spec.aggregation === 'count' ? 1 : ((topicValues[index] as Float64Array)[slot] as number);
        (perQuery[binaryStringToText(topic.qid)] as Record<string, number>)[spec.name] = spec.aggregation === 'geometric-mean' ? cExp(value) : value;
        sum += value;
      });
      const count = included.length;
      if (spec.aggregation === 'sum') aggregate[spec.name] = sum;
      else if (spec.aggregation === 'count') aggregate[spec.name] = count;
      else if (spec.aggregation === 'geometric-mean') aggregate[spec.name] = count > 0 ? cExp(sum / count) : 0;
      else aggregate[spec.name] = count > 0 ? sum / count : 0;
    }
  }
  return { measures: specs, queries, perQuery, aggregate, queryCount: included.length, judgedWithoutResults, resultsWithoutJudgments };
}

function configureGroup(requests: readonly string[], version: TrecEvalVersion): ConfiguredMeasure[] {
  // Each measure gets its own parameters: trec_eval keeps only the first parameter list per measure name.
  const byName = new Map<string, string[]>();
  for (const request of requests) {
    const dot = request.indexOf('.');
    const name = dot < 0 ? request : request.slice(0, dot);
    const parameter = dot < 0 ? undefined : request.slice(dot + 1);
    const list = byName.get(name) ?? [];
    if (parameter !== undefined && !list.includes(parameter)) list.push(parameter);
    byName.set(name, list);
  }
  const merged = [...byName].map(([name, parameters]) => (parameters.length === 0 ? name : `${name}.${parameters.join(',')}`));
  return configureMeasures(selectMeasures(merged, version, true), version, true);
}

function findSlot(configured: readonly ConfiguredMeasure[], spec: MeasureSpec): number {
  for (const measure of configured) {
    if (measure.definition.name !== spec.trecMeasure) continue;
    if (measure.names.length === 1) return measure.offset;
    const index = measure.names.indexOf(spec.trecOutputName);
    if (index >= 0) return measure.offset + index;
  }
  throw new InvalidArgumentError('measures', `internal: no value named ${spec.trecOutputName}`);
}

function qrelsTopics(qrels: Qrels): QrelsTopic[] {
  const topics: QrelsTopic[] = [];
  for (const [qid, judgments] of qrels) {
    const entries: [string, number][] = [];
    for (const [docno, rel] of judgments) {
      if (!Number.isInteger(rel)) throw new InvalidArgumentError('qrels', `query ${qid}, document ${docno}: relevance must be an integer, got ${String(rel)}`);
      entries.push([textToBinaryString(docno), rel]);
    }
    entries.sort((left, right) => (left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0));
    topics.push(createQrelsTopic(textToBinaryString(qid), { docnos: entries.map((entry) => entry[0]), rels: entries.map((entry) => entry[1]) }));
  }
  return topics.sort((left, right) => (left.qid < right.qid ? -1 : left.qid > right.qid ? 1 : 0));
}

function runBlocks(run: Run, version: TrecEvalVersion): Map<string, RunBlock[]> {
  const blocks = new Map<string, RunBlock[]>();
  for (const [qid, documents] of run.results) {
    if (documents.length === 0) continue;
    const count = documents.length;
    // Document ids as UTF-8 bytes, written directly while they are ASCII (the usual case).
    let capacity = 0;
    for (const document of documents) capacity += document.docno.length * 3;
    const docnoBytes = new Uint8Array(capacity);
    const docnoStarts = new Int32Array(count + 1);
    const hashes = new Int32Array(count);
    const scores = new Float64Array(count);
    let offset = 0;
    for (let index = 0; index < count; index++) {
      const document = documents[index] as (typeof documents)[number];
      if (Number.isNaN(document.score)) throw new InvalidArgumentError('run', `query ${qid}, document ${document.docno}: the score is NaN; ranking would be arbitrary`);
      const docno = document.docno;
      const start = offset;
      let ascii = true;
      for (let position = 0; position < docno.length; position++) {
        const code = docno.charCodeAt(position);
        if (code > 127) {
          ascii = false;
          break;
        }
        docnoBytes[offset++] = code;
      }
      if (!ascii) offset = start + encoder.encodeInto(docno, docnoBytes.subarray(start)).written;
      let hash = 0x811c9dc5;
      for (let position = start; position < offset; position++) hash = Math.imul(hash ^ (docnoBytes[position] as number), 0x01000193);
      hashes[index] = hash;
      docnoStarts[index + 1] = offset;
      scores[index] = version === '9.0.8' ? Math.fround(document.score) : document.score;
    }
    const key = textToBinaryString(qid);
    const block: RunBlock = { qid: key, count, docnoBytes, docnoStarts, hashes, scores };
    const duplicate = duplicateDocno(block);
    if (duplicate !== undefined) throw new InvalidArgumentError('run', `query ${qid}: document ${binaryStringToText(duplicate)} is ranked twice`);
    blocks.set(key, [block]);
  }
  return blocks;
}

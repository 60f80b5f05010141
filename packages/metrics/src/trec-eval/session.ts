import { TrecEvalError } from '../errors.js';
import { formatFixed, formatLong, padEnd } from './c-format.js';
import { binaryStringToText } from './c-parse.js';
import { configureMeasures, selectMeasures } from './measure-selection.js';
import type { MeasureSelection } from './measure-selection.js';
import type { CalcContext, ConfiguredMeasure } from './measures.js';
import { resolveTrecEvalOptions } from './options.js';
import type { ResolvedTrecEvalOptions, TrecEvalOptions } from './options.js';
import { formPreferenceCounts, parsePreferenceFile } from './prefs.js';
import { parseQrelsFile, parseQrelsJgFile } from './qrels-file.js';
import type { QrelsFile, QrelsTopic } from './qrels-file.js';
import { bogusBlock, bogusRanking, rankTopic, relNonpool, relUnjudged } from './ranking.js';
import type { RankedTopic, RankingSettings } from './ranking.js';
import { RunReader } from './run-reader.js';
import type { RunBlock } from './run-reader.js';
import { parseZscores } from './zscores.js';
import type { Zscores } from './zscores.js';

/** One topic's evaluation: a value per measure slot and the relstring, or the duplicate that stopped it. */
export interface TopicEvaluation {
  readonly qid: string;
  readonly values: Float64Array;
  readonly relstring: string;
  /** Slots holding a NaN with the sign bit clear (from a `nan` in a -Z file); C prints those as `nan`, not `-nan`. */
  readonly positiveNan?: Uint8Array;
  /** The judgment levels this topic leaves behind in trec_eval's static buffers (see {@link RankedTopic.noJudgmentLevels}). */
  readonly levels?: { readonly relLevels: readonly number[]; readonly numRelLevels: number };
  /** A topic whose judgments are all negative: computed in topic order by `finish`, from the previous topic's levels. */
  readonly pending?: RankedTopic;
  readonly duplicate?: { readonly docno: string; readonly in: 'run' | 'qrels' | 'prefs' };
}

/** What one part of a run file evaluated elsewhere (another thread) hands back. */
export interface RunPart {
  readonly evaluations: readonly TopicEvaluation[];
  /** Run tag of the part's last line (binary string). */
  readonly runid: string;
  readonly contentLines: number;
  /** Physical lines read (the next line's number minus one). */
  readonly physicalLines: number;
}

/** Thrown (internally) when a topic's lines are not consecutive and the session streams. */
export class RepeatedTopicSignal extends Error {
  override readonly name = 'RepeatedTopicSignal';
}

const missingZscore = -1000000;

const formatMismatchMessages: Record<string, string> = {
  qrels: 'trec_eval.form_res_qrels: rel_info format not qrels or results format not trec_results',
  qrels_jg: 'trec_eval: rel_info format not qrels_jg or results format not trec_results',
  prefs: 'trec_eval.form_prefs_info: prefs_info format not (prefs or qrels_prefs) or results format not trec_results',
};

/**
 * One trec_eval invocation over a qrels file and a run read in chunks: `push` run bytes, then `finish`, which
 * writes exactly trec_eval's standard output through `write`. With `streaming` (the default), each topic is
 * evaluated as soon as its lines end and its documents are dropped; if a topic's lines are not consecutive,
 * `push` throws {@link RepeatedTopicSignal} and the caller starts again with `streaming: false`.
 */
export class TrecEvalSession {
  readonly options: ResolvedTrecEvalOptions;
  private readonly selection: MeasureSelection;
  private readonly qrels: QrelsFile;
  private readonly qrelsSource: string;
  private readonly reader: RunReader;
  private readonly measures: ConfiguredMeasure[];
  private readonly valueCount: number;
  private readonly evaluations = new Map<string, TopicEvaluation>();
  private readonly retained = new Map<string, RunBlock[]>();
  private readonly streaming: boolean;
  private readonly zscores: Zscores | undefined;
  private readonly context: CalcContext;
  private readonly settings: RankingSettings;
  private topicLabels: string[][] | undefined;

  constructor(init: { options?: TrecEvalOptions; qrels: Uint8Array; qrelsSource: string; runSource: string; zscores?: { bytes: Uint8Array; source: string }; streaming?: boolean }) {
    this.options = resolveTrecEvalOptions(init.options);
    const options = this.options;
    this.selection = selectMeasures(options.measures, options.version);
    if (!['qrels', 'prefs', 'qrels_prefs', 'qrels_jg'].includes(options.relInfoFormat)) {
      throw new TrecEvalError({ message: `unknown relevance format "${options.relInfoFormat}" (-R): expected qrels, prefs, qrels_prefs or qrels_jg`, exitCode: 2, trecEvalMessage: `trec_eval: Illegal rel_format '${options.relInfoFormat}'\n` });
    }
    this.qrelsSource = init.qrelsSource;
    const relInfoFormat = options.relInfoFormat;
    this.qrels =
      relInfoFormat === 'qrels_jg'
        ? parseQrelsJgFile(init.qrels, init.qrelsSource, options.version)
        : relInfoFormat === 'prefs' || relInfoFormat === 'qrels_prefs'
          ? parsePreferenceFile(init.qrels, init.qrelsSource, options.version, relInfoFormat)
          : parseQrelsFile(init.qrels, init.qrelsSource, options.version);
    if (options.resultsFormat !== 'trec_results') {
      throw new TrecEvalError({ message: `unknown results format "${options.resultsFormat}" (-T): only trec_results exists`, exitCode: 2, trecEvalMessage: `trec_eval: Illegal retrieval results format '${options.resultsFormat}'\n` });
    }
    this.streaming = init.streaming ?? true;
    this.zscores = init.zscores === undefined ? undefined : parseZscores(init.zscores.bytes, init.zscores.source);
    this.measures = configureMeasures(this.selection, options.version);
    const format = options.relInfoFormat === 'qrels_prefs' ? 'prefs' : options.relInfoFormat;
    const mismatch = this.measures.find((measure) => !['runid', 'num_q'].includes(measure.definition.name) && (measure.definition.relFormat ?? 'qrels') !== format);
    if (mismatch !== undefined) {
      const needed = mismatch.definition.relFormat ?? 'qrels';
      throw new TrecEvalError({
        message: `measure ${mismatch.definition.name} needs -R ${needed}, not -R ${format}`,
        exitCode: 4,
        trecEvalMessage: `${formatMismatchMessages[needed]}\ntrec_eval: Can't calculate measure '${mismatch.definition.name}'\n`,
      });
    }
    this.valueCount = this.measures.reduce((sum, measure) => sum + measure.names.length, 0);
    this.context = { relevanceLevel: options.relevanceLevel, numDocsInCollection: options.numDocsInCollection, version: options.version };
    this.settings = { relevanceLevel: options.relevanceLevel, maxRetrievedPerTopic: options.maxRetrievedPerTopic, judgedOnly: options.judgedOnly };
    const qrelsByQid = this.qrels.byQid;
    this.reader = new RunReader({
      source: init.runSource,
      comments: options.version === '10.0',
      float32Scores: options.version === '9.0.8',
      wanted: (qid) => qrelsByQid.has(qid),
      onBlock: (block) => this.onBlock(block),
    });
  }

  /** Parses a chunk of the run file. */
  push(chunk: Uint8Array): void {
    this.reader.push(chunk);
  }

  private onBlock(block: RunBlock): void {
    if (this.streaming) {
      if (this.evaluations.has(block.qid)) throw new RepeatedTopicSignal(block.qid);
      this.evaluations.set(block.qid, this.evaluate(block.qid, [block]));
      return;
    }
    const blocks = this.retained.get(block.qid);
    if (blocks === undefined) this.retained.set(block.qid, [block]);
    else blocks.push(block);
  }

  private evaluate(qid: string, blocks: readonly RunBlock[]): TopicEvaluation {
    const topic = this.qrels.byQid.get(qid) as QrelsTopic;
    if (topic.preferences !== undefined) {
      const outcome = formPreferenceCounts(blocks, topic.preferences, this.settings);
      if (outcome.counts === undefined) return { qid, values: new Float64Array(0), relstring: '', duplicate: { docno: outcome.duplicateDocno, in: 'prefs' } };
      const values = new Float64Array(this.valueCount);
      for (const measure of this.measures) measure.definition.calcPrefs?.(outcome.counts, measure, values);
      return { qid, values, relstring: '' };
    }
    if (topic.groups !== undefined) {
      const groups: RankedTopic[] = [];
      for (const group of topic.groups) {
        const outcome = rankTopic(blocks, group, this.settings);
        if (outcome.ranked === undefined) return { qid, values: new Float64Array(0), relstring: '', duplicate: { docno: outcome.duplicateDocno, in: outcome.duplicateIn } };
        groups.push(outcome.ranked);
      }
      const values = new Float64Array(this.valueCount);
      for (const measure of this.measures) measure.definition.calcGroups?.(groups, measure, this.context, values);
      return { qid, values, relstring: '' };
    }
    const outcome = rankTopic(blocks, topic, this.settings);
    if (outcome.ranked === undefined) return { qid, values: new Float64Array(0), relstring: '', duplicate: { docno: outcome.duplicateDocno, in: outcome.duplicateIn } };
    if (outcome.ranked.noJudgmentLevels) return { qid, values: new Float64Array(0), relstring: '', pending: outcome.ranked };
    return this.computeValues(qid, outcome.ranked);
  }

  private computeValues(qid: string, ranked: RankedTopic): TopicEvaluation {
    const values = new Float64Array(this.valueCount);
    let relstring = '';
    for (const measure of this.measures) {
      measure.definition.calc(ranked, measure, this.context, values);
      if (measure.definition.name === 'relstring') relstring = relString(ranked, measure.params[0] ?? 10);
    }
    return { qid, values, relstring, levels: { relLevels: ranked.relLevels, numRelLevels: ranked.numRelLevels } };
  }

  /** Ends this session's part of the run and returns its evaluations (for a parallel reader). */
  endPart(): RunPart {
    this.endReading();
    return { evaluations: [...this.evaluations.values()], runid: this.reader.runid, contentLines: this.reader.contentLines, physicalLines: this.reader.physicalLine - 1 };
  }

  /** Lines and physical lines read so far (to number the lines of a later part). */
  get linesRead(): { readonly contentLines: number; readonly physicalLines: number } {
    return { contentLines: this.reader.contentLines, physicalLines: this.reader.physicalLine - 1 };
  }

  /**
   * Adds a later part of the run evaluated elsewhere. Returns false when a topic is in both parts (its lines
   * are not consecutive): the caller must then read the whole run in one session.
   */
  addPart(part: RunPart): boolean {
    this.endReading();
    for (const evaluation of part.evaluations) if (this.evaluations.has(evaluation.qid)) return false;
    for (const evaluation of part.evaluations) this.evaluations.set(evaluation.qid, evaluation);
    if (part.contentLines > 0) this.reader.runid = part.runid;
    return true;
  }

  private endReading(): void {
    this.reader.end();
    for (const [qid, blocks] of this.retained) this.evaluations.set(qid, this.evaluate(qid, blocks));
    this.retained.clear();
  }

  /**
   * Finishes reading the run and writes trec_eval's output. Throws {@link TrecEvalError} for the conditions on
   * which trec_eval stops; its `partialOutput` holds what trec_eval had printed before.
   */
  finish(write: (text: string) => void): void {
    this.endReading();
    const options = this.options;
    const out = new OutputBuffer(write);
    const evaluated: TopicEvaluation[] = [];
    const zscoreNames = this.zscores === undefined ? '' : 'Z';
    let lastLevels: TopicEvaluation['levels'];
    for (const topic of this.qrels.topics) {
      let evaluation = this.evaluations.get(topic.qid);
      if (evaluation === undefined) {
        if (options.version === '10.0' && !options.complete) {
          const qidText = binaryStringToText(topic.qid);
          throw this.fail(out, 4, `trec_eval: result qid '${qidText}' not found in qrels\n`, `topic ${qidText} is judged in ${this.qrelsSource} but has no results in the run; trec_eval 10.0 stops here (use -c to count it as 0, or --trec-eval-version 9.0.8 to skip it)`);
        }
        if (options.version === '9.0.8') continue;
        evaluation = this.bogusEvaluation(topic, lastLevels, out);
      }
      if (evaluation.pending !== undefined) {
        // trec_eval's form_res_rels sizes its level counts by the highest judgment: with none, it reuses the
        // buffer of the topic evaluated before, or fails when no topic has filled it yet.
        if (lastLevels === undefined) throw this.noLevelsFailure(topic, out);
        evaluation = this.computeValues(topic.qid, { ...evaluation.pending, relLevels: lastLevels.relLevels, numRelLevels: lastLevels.numRelLevels });
      } else if (evaluation.levels !== undefined) lastLevels = evaluation.levels;
      if (evaluation.duplicate !== undefined) {
        const docno = binaryStringToText(evaluation.duplicate.docno);
        const firstMeasure = this.measures.find((measure) => measure.definition.name !== 'runid' && measure.definition.name !== 'num_q');
        const detail =
          evaluation.duplicate.in === 'run' ? `trec_eval.form_res_qrels: duplicate docs ${docno}` : evaluation.duplicate.in === 'prefs' ? `trec_eval.form_prefs_counts: duplicate docs ${docno}` : `trec_eval.form_res_rels: duplicate docs ${docno}\n`;
        const where = evaluation.duplicate.in === 'qrels' ? this.qrelsSource : 'the run';
        throw this.fail(out, 4, `${detail}trec_eval: Can't calculate measure '${firstMeasure?.definition.name ?? 'num_ret'}'\n`, `document ${docno} appears twice for topic ${binaryStringToText(topic.qid)} in ${where}`);
      }
      if (this.zscores !== undefined) evaluation = this.toZscores(evaluation);
      evaluated.push(evaluation);
      if (options.perQuery) this.printTopic(out, evaluation, zscoreNames);
    }
    if (evaluated.length === 0) {
      throw this.fail(out, 7, 'trec_eval: No queries with both results and relevance info\n', 'no topic has both results in the run and judgments in the qrels: check that the query ids match');
    }
    if (!options.noSummary) this.printSummary(out, evaluated, zscoreNames);
    out.flush();
  }

  private noLevelsFailure(topic: QrelsTopic, out: OutputBuffer): TrecEvalError {
    const firstMeasure = this.measures.find((measure) => measure.definition.name !== 'runid' && measure.definition.name !== 'num_q');
    return this.fail(out, 4, `trec_eval: Can't calculate measure '${firstMeasure?.definition.name ?? 'num_ret'}'\n`, `every judgment of topic ${binaryStringToText(topic.qid)} is negative (unjudged); trec_eval cannot evaluate it before a topic with judgments`);
  }

  private fail(out: OutputBuffer, exitCode: number, trecEvalMessage: string, message: string): TrecEvalError {
    return new TrecEvalError({ message, exitCode, trecEvalMessage, partialOutput: out.take() });
  }

  private bogusEvaluation(topic: QrelsTopic, lastLevels: TopicEvaluation['levels'], out: OutputBuffer): TopicEvaluation {
    if (topic.preferences !== undefined || topic.groups !== undefined) return this.evaluate(topic.qid, [bogusBlock(topic.qid)]);
    let ranked = bogusRanking(topic, this.settings);
    if (ranked.noJudgmentLevels) {
      if (lastLevels === undefined) throw this.noLevelsFailure(topic, out);
      ranked = { ...ranked, relLevels: lastLevels.relLevels, numRelLevels: lastLevels.numRelLevels };
    }
    const evaluation = this.computeValues(topic.qid, ranked);
    for (const measure of this.measures) {
      measure.names.forEach((name, index) => {
        if (name === 'num_ret' || name === 'utility' || name.startsWith('unj') || name === 'rbp_resid') evaluation.values[measure.offset + index] = 0;
      });
    }
    return { ...evaluation, relstring: '' };
  }

  private toZscores(evaluation: TopicEvaluation): TopicEvaluation {
    const values = evaluation.values.slice();
    const positiveNan = new Uint8Array(values.length);
    const forTopic = this.zscores?.get(evaluation.qid);
    for (const measure of this.measures) {
      measure.names.forEach((name, index) => {
        const slot = measure.offset + index;
        const reference = forTopic?.get(name);
        if (reference === undefined) values[slot] = missingZscore;
        else if (reference.stddev !== 0) {
          const raw = values[slot] as number;
          // x86 arithmetic passes a NaN operand through: the NaN a -Z file supplies is a positive one.
          if (!Number.isNaN(raw) && (Number.isNaN(reference.mean) || Number.isNaN(reference.stddev))) positiveNan[slot] = 1;
          values[slot] = (raw - reference.mean) / reference.stddev;
        } else values[slot] = values[slot] === reference.mean ? 0 : missingZscore;
      });
    }
    return { ...evaluation, values, positiveNan };
  }

  private printTopic(out: OutputBuffer, evaluation: TopicEvaluation, prefix: string): void {
    // One string per topic: the padded names are computed once, the rest is the query id and the values.
    const qid = `\t${binaryStringToText(evaluation.qid)}\t`;
    const labels = (this.topicLabels ??= this.measures.map((measure) => measure.names.map((name) => (measure.definition.name === 'relstring' ? padEnd(name, 22) : `${prefix}${padEnd(name, 22)}`))));
    let text = '';
    this.measures.forEach((measure, measureIndex) => {
      const definition = measure.definition;
      if (!definition.perQuery) return;
      const names = labels[measureIndex] as string[];
      if (definition.name === 'relstring') {
        text += `${names[0] as string}${qid}'${evaluation.relstring}'\n`;
        return;
      }
      const integer = definition.integer && prefix === '';
      for (let index = 0; index < names.length; index++) {
        const slot = measure.offset + index;
        const value = evaluation.values[slot] as number;
        text += `${names[index] as string}${qid}${integer ? formatLong(value) : formatFixed(value, 4, 6, evaluation.positiveNan?.[slot] === 1)}\n`;
      }
    });
    out.add(text);
  }

  private printSummary(out: OutputBuffer, evaluated: readonly TopicEvaluation[], prefix: string): void {
    const options = this.options;
    const numQueries = options.complete ? this.qrels.topics.length : evaluated.length;
    for (const measure of this.measures) {
      const definition = measure.definition;
      if (definition.summary === 'none') continue;
      if (definition.summary === 'runid') {
        out.add(`${padEnd('runid', 22)}\tall\t${binaryStringToText(this.reader.runid)}\n`);
        continue;
      }
      if (definition.summary === 'count') {
        out.add(`${prefix}${padEnd('num_q', 22)}\tall\t${prefix === '' ? formatLong(numQueries) : formatFixed(numQueries, 4, 6)}\n`);
        continue;
      }
      measure.names.forEach((name, index) => {
        const slot = measure.offset + index;
        let sum = 0;
        let positiveNan = false;
        for (const evaluation of evaluated) {
          const value = evaluation.values[slot] as number;
          if (!Number.isNaN(sum) && Number.isNaN(value)) positiveNan = evaluation.positiveNan?.[slot] === 1;
          sum += value;
        }
        let value = sum;
        if (definition.summary === 'mean') value = numQueries > 0 ? sum / numQueries : sum;
        else if (definition.summary === 'geometric') {
          value = numQueries > 0 ? Math.exp((sum + (numQueries - evaluated.length) * Math.log(0.00001)) / numQueries) : sum;
        } else if (definition.name === 'num_rel' && options.complete && prefix === '') {
          value = this.qrels.topics.reduce((total, topic) => total + topic.positiveCount, 0);
        }
        out.add(`${prefix}${padEnd(name, 22)}\tall\t${definition.integer && prefix === '' ? formatLong(value) : formatFixed(value, 4, 6, positiveNan)}\n`);
      });
    }
  }
}

function relString(ranked: RankedTopic, lengthParameter: number): string {
  const length = Math.max(0, Math.min(Math.trunc(lengthParameter), ranked.numRet));
  let text = '';
  for (let rank = 0; rank < length; rank++) {
    const rel = ranked.rels[rank] as number;
    if (rel > 9) text += '>';
    else if (rel >= 0) text += String.fromCharCode(48 + rel);
    else if (rel === relNonpool) text += '-';
    else if (rel === relUnjudged) text += '.';
    else text += '<';
  }
  return text;
}

/** Collects output lines and hands them on in chunks of about 64 KiB. */
class OutputBuffer {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly write: (text: string) => void) {}
  add(line: string): void {
    this.parts.push(line);
    this.size += line.length;
    if (this.size >= 65536) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.write(text);
  }
  /** What is buffered and not yet written (an error's partial output); earlier chunks went to `write`. */
  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    return text;
  }
}


import { TrecEvalError } from '../errors.js';
import { formatFixed, formatLong, padEnd } from './c-format.js';
import { cExp, cLog } from './c-math.js';
import { binaryStringToText, textToBinaryString } from './c-parse.js';
import { configureMeasures, selectMeasures } from './measure-selection.js';
import type { MeasureSelection } from './measure-selection.js';
import { gainLevel, relString } from './measures.js';
import { ByteWriter } from './output-bytes.js';
import type { CalcContext, ConfiguredMeasure } from './measures.js';
import { resolveTrecEvalOptions } from './options.js';
import type { ResolvedTrecEvalOptions, TrecEvalOptions } from './options.js';
import { formPreferenceCounts, parsePreferenceFile } from './prefs.js';
import type { PreferenceCounts } from './prefs.js';
import { parseQrelsFile, parseQrelsJgFile } from './qrels-file.js';
import type { QrelsFile, QrelsTopic } from './qrels-file.js';
import { bogusBlock, rankTopic, relNonpool } from './ranking.js';
import type { RankedTopic, RankingFailure, RankingSettings } from './ranking.js';
import { RunReader } from './run-reader.js';
import type { RunBlock } from './run-reader.js';
import { parseZscores } from './zscores.js';
import type { Zscores } from './zscores.js';

/** Why trec_eval stops on a topic: its stderr text and exit code, and a sentence for people. */
export interface TopicFailure {
  readonly exitCode: number;
  readonly trecEvalMessage: string;
  readonly message: string;
}

/** One topic's evaluation: a value per measure slot and the relstring, or what stops trec_eval there. */
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
  /** Computing this topic stops trec_eval (a duplicate document, a wrong parameter count...). */
  readonly failure?: TopicFailure;
  /** The topic's `-q` lines as bytes, when they could be printed where the topic was evaluated. */
  readonly text?: Uint8Array;
}

const missingZscore = -1000000;

const formatMismatchMessages: Record<string, string> = {
  qrels: 'trec_eval.form_res_qrels: rel_info format not qrels or results format not trec_results\n',
  qrels_jg: 'trec_eval: rel_info format not qrels_jg or results format not trec_results\n',
  prefs: 'trec_eval.form_prefs_info: prefs_info format not (prefs or qrels_prefs) or results format not trec_results\n',
};

/** The first topic-level failure a session meets while reading: an error of the measure set (trec_eval's init). */
interface DeferredError {
  readonly error: TrecEvalError;
}

/**
 * One trec_eval invocation over a qrels file and a run read in chunks: `push` run bytes, `end`, then `finish`,
 * which writes exactly trec_eval's standard output through `write`. With `streaming` (the default), each topic is
 * evaluated as soon as its lines end and its documents are dropped. If a topic's lines are not consecutive, a
 * streaming session stops evaluating and sets {@link restartNeeded}: the run must then be read again by a
 * session created with `streaming: false`, which keeps every topic until the end ({@link runTrecEvalSession} does
 * this).
 *
 * Errors come in trec_eval's order: the measure names when the session is created (trec_eval checks them while
 * reading its options), unreadable or malformed files while reading, parameter errors after reading (trec_eval
 * initialises measures after reading the files), and per-topic errors (duplicates, wrong coefficient counts) in
 * topic order while printing.
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
  private zscores: Zscores | undefined;
  /** The -Z file, read after the run as trec_eval reads it. */
  private readonly zscoresInput: { readonly read: () => Uint8Array; readonly source: string } | undefined;
  private readonly context: CalcContext;
  private readonly settings: RankingSettings;
  private readonly deferred: DeferredError | undefined;
  private readonly format: string;
  private readonly rankingNeeded: boolean;
  /** Print each topic's `-q` lines when it is evaluated (not with -Z, whose conversion comes later). */
  private readonly topicTextEarly: boolean;
  private topicLabels: { readonly prefix: string; readonly labels: Uint8Array[][]; readonly reserve: number; readonly lines: number } | undefined;
  private readonly topicWriter = new ByteWriter();
  private ended = false;
  /** A topic's lines were not consecutive while streaming: read the run again with `streaming: false`. */
  restartNeeded = false;
  /** For a parallel reader: the position of the latest range with content lines, its run tag, lines so far. */
  private lastLinePosition = -1;
  private lastRangeRunid = '';
  private rangeContentLines = 0;

  constructor(init: { options?: TrecEvalOptions; qrels: Uint8Array; qrelsSource: string; runSource: string; zscores?: { bytes: Uint8Array; source: string } | { read: () => Uint8Array; source: string }; streaming?: boolean }) {
    this.options = resolveTrecEvalOptions(init.options);
    const options = this.options;
    // trec_eval checks -m while reading its options, before any file.
    this.selection = selectMeasures(options.measures, options.version);
    checkRelInfoFormat(options);
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
    const zscores = init.zscores;
    this.zscoresInput = zscores === undefined ? undefined : { read: 'bytes' in zscores ? () => zscores.bytes : zscores.read, source: zscores.source };
    this.topicTextEarly = options.perQuery && zscores === undefined;
    // Parameter errors are trec_eval's measure initialisation, after the files are read: kept for `finish`.
    let measures: ConfiguredMeasure[] = [];
    let deferred: DeferredError | undefined;
    try {
      measures = configureMeasures(this.selection, options.version);
    } catch (error) {
      if (!(error instanceof TrecEvalError)) throw error;
      deferred = { error };
    }
    this.deferred = deferred;
    this.measures = measures;
    this.format = options.relInfoFormat === 'qrels_prefs' ? 'prefs' : options.relInfoFormat;
    this.rankingNeeded = measures.some((measure) => measure.definition.usesRanking);
    this.valueCount = measures.reduce((sum, measure) => sum + measure.names.length, 0);
    this.context = { relevanceLevel: options.relevanceLevel, numDocsInCollection: options.numDocsInCollection, version: options.version };
    // Documents outside the pool count as relevant below level 0, and a gain for level -1 gives them a gain: then
    // every rank is listed in the ranking, not only the judged ones.
    const nonpoolScores =
      options.relevanceLevel <= relNonpool ||
      measures.some((measure) => measure.pairs.some((pair) => gainLevel(pair, measure.definition.since10 ? '10.0' : options.version) === relNonpool));
    this.settings = { relevanceLevel: options.relevanceLevel, maxRetrievedPerTopic: options.maxRetrievedPerTopic, judgedOnly: options.judgedOnly, allEntries: nonpoolScores };
    const qrelsByQid = this.qrels.byQid;
    const keepDocuments = deferred === undefined && this.rankingNeeded;
    this.reader = new RunReader({
      source: init.runSource,
      comments: options.version === '10.0',
      float32Scores: options.version === '9.0.8',
      // Without measures to compute (a parameter error, or only runid and num_q), lines are checked, not kept.
      wanted: (qid) => qrelsByQid.has(qid),
      keepDocuments,
      onBlock: (block) => {
        this.onBlock(block);
      },
      copyBlocks: !this.streaming,
    });
  }

  /** Parses a chunk of the run file. */
  push(chunk: Uint8Array): void {
    if (this.restartNeeded) return;
    this.reader.push(chunk);
  }

  /** Where the next `size` bytes of the run may be read directly (see {@link RunReader.inputTarget}); then {@link pushWritten}. */
  inputTarget(size: number): Uint8Array | undefined {
    return this.restartNeeded ? undefined : this.reader.inputTarget(size);
  }

  /** Parses the `count` bytes read into the last {@link inputTarget}. */
  pushWritten(count: number): void {
    this.reader.pushWritten(count);
  }

  private onBlock(block: RunBlock): void {
    if (this.streaming) {
      if (this.evaluations.has(block.qid)) {
        // Without documents to rank, a topic seen twice changes nothing.
        if (this.rankingNeeded && this.deferred === undefined) this.restartNeeded = true;
        return;
      }
      this.evaluations.set(block.qid, this.evaluate(block.qid, [block]));
      return;
    }
    const blocks = this.retained.get(block.qid);
    if (blocks === undefined) this.retained.set(block.qid, [block]);
    else blocks.push(block);
  }

  /** Evaluates a topic from its blocks (or, for a judged topic without results under 10.0's -c, the bogus block). */
  private evaluate(qid: string, blocks: readonly RunBlock[]): TopicEvaluation {
    const topic = this.qrels.byQid.get(qid) as QrelsTopic;
    const empty = (): TopicEvaluation => ({ qid, values: new Float64Array(this.valueCount), relstring: '' });
    if (!this.rankingNeeded || this.deferred !== undefined) return empty();
    const first = this.measures.find((measure) => measure.definition.usesRanking) as ConfiguredMeasure;
    const needed = first.definition.relFormat ?? 'qrels';
    if (needed !== this.format) return { ...empty(), failure: this.formatFailure(first) };
    if (needed === 'prefs') {
      const outcome = formPreferenceCounts(blocks, topic.preferences ?? [], this.settings);
      if (outcome.counts === undefined) return { ...empty(), failure: this.rankingFailure(qid, { kind: 'duplicate', docno: outcome.duplicateDocno, in: 'prefs' }, first) };
      return this.computePreferences(qid, outcome.counts);
    }
    if (needed === 'qrels_jg') {
      const groups: RankedTopic[] = [];
      for (const group of topic.groups ?? []) {
        const outcome = rankTopic(blocks, group, this.settings);
        if (outcome.ranked === undefined) return { ...empty(), failure: this.rankingFailure(qid, outcome.failure, first) };
        groups.push(outcome.ranked);
      }
      return this.computeGroups(qid, groups);
    }
    const outcome = rankTopic(blocks, topic, this.settings);
    if (outcome.ranked === undefined) return { ...empty(), failure: this.rankingFailure(qid, outcome.failure, first) };
    if (outcome.ranked.noJudgmentLevels) return { ...empty(), pending: outcome.ranked };
    return this.computeValues(qid, outcome.ranked);
  }

  /** Every measure of a qrels topic, in trec_eval's order: a measure of another format, or utility with a wrong count of coefficients, stops it. */
  private computeValues(qid: string, ranked: RankedTopic): TopicEvaluation {
    const values = new Float64Array(this.valueCount);
    let relstring = '';
    for (const measure of this.measures) {
      const definition = measure.definition;
      if (!definition.usesRanking) continue;
      if ((definition.relFormat ?? 'qrels') !== this.format) return { qid, values, relstring, failure: this.formatFailure(measure) };
      if (definition.name === 'utility' && measure.params.length !== 4) {
        return { qid, values, relstring, failure: { exitCode: 4, trecEvalMessage: "trec_eval.calc_utility: improper number of coefficients\ntrec_eval: Can't calculate measure 'utility'\n", message: `utility needs 4 coefficients a,b,c,d, got ${String(measure.params.length)}: ${measure.names[0] ?? ''}` } };
      }
      definition.calc(ranked, measure, this.context, values);
      if (definition.name === 'relstring') relstring = relString(ranked, measure.params[0] ?? 10);
    }
    const evaluation: TopicEvaluation = { qid, values, relstring, levels: { relLevels: ranked.relLevels, numRelLevels: ranked.numRelLevels } };
    return this.withText(evaluation);
  }

  private computePreferences(qid: string, counts: PreferenceCounts): TopicEvaluation {
    const values = new Float64Array(this.valueCount);
    for (const measure of this.measures) {
      if (!measure.definition.usesRanking) continue;
      if ((measure.definition.relFormat ?? 'qrels') !== this.format) return { qid, values, relstring: '', failure: this.formatFailure(measure) };
      measure.definition.calcPrefs?.(counts, measure, values);
    }
    return this.withText({ qid, values, relstring: '' });
  }

  private computeGroups(qid: string, groups: readonly RankedTopic[]): TopicEvaluation {
    const values = new Float64Array(this.valueCount);
    for (const measure of this.measures) {
      if (!measure.definition.usesRanking) continue;
      if ((measure.definition.relFormat ?? 'qrels') !== this.format) return { qid, values, relstring: '', failure: this.formatFailure(measure) };
      measure.definition.calcGroups?.(groups, measure, this.context, values);
    }
    return this.withText({ qid, values, relstring: '' });
  }

  /** Adds the `-q` lines when they cannot change later (no -Z conversion pending). */
  private withText(evaluation: TopicEvaluation): TopicEvaluation {
    if (!this.topicTextEarly) return evaluation;
    return { ...evaluation, text: this.topicBytes(evaluation, '') };
  }

  private formatFailure(measure: ConfiguredMeasure): TopicFailure {
    const needed = measure.definition.relFormat ?? 'qrels';
    return {
      exitCode: 4,
      trecEvalMessage: `${formatMismatchMessages[needed] ?? ''}trec_eval: Can't calculate measure '${measure.definition.name}'\n`,
      message: `measure ${measure.definition.name} needs -R ${needed}, not -R ${this.format}`,
    };
  }

  private rankingFailure(qid: string, failure: RankingFailure | { readonly kind: 'duplicate'; readonly docno: string; readonly in: 'prefs' }, measure: ConfiguredMeasure): TopicFailure {
    const calculate = `trec_eval: Can't calculate measure '${measure.definition.name}'\n`;
    const topic = binaryStringToText(qid);
    if (failure.kind === 'levels') {
      return { exitCode: 4, trecEvalMessage: calculate, message: `topic ${topic} has a relevance value of ${String(failure.maxLevel)}: trec_eval counts every level up to the highest, this engine stops above ${String(2 ** 24)}` };
    }
    const docno = binaryStringToText(failure.docno);
    // trec_eval prints the run's duplicate without a newline, glued to the next message.
    const detail =
      failure.in === 'run' ? `trec_eval.form_res_qrels: duplicate docs ${docno}` : failure.in === 'prefs' ? `trec_eval.form_prefs_counts: duplicate docs ${docno}` : `trec_eval.form_res_rels: duplicate docs ${docno}\n`;
    const where = failure.in === 'qrels' ? this.qrelsSource : 'the run';
    return { exitCode: 4, trecEvalMessage: `${detail}${calculate}`, message: `document ${docno} appears twice for topic ${topic} in ${where}` };
  }

  /**
   * Ends the block being read without ending the run: the next chunk starts a new part of the file (a parallel
   * reader reads several separate ranges). `position` says where the range just read lies in the file, so that
   * the run tag of the latest range wins (trec_eval's runid is the file's last line).
   */
  endRange(position: number): void {
    if (this.restartNeeded) return;
    this.reader.end();
    this.reader.restart();
    if (this.reader.contentLines > this.rangeContentLines && position > this.lastLinePosition) {
      this.lastLinePosition = position;
      this.lastRangeRunid = this.reader.runid;
    }
    this.rangeContentLines = this.reader.contentLines;
  }

  /** How the run must be parsed for this session (for a reader in another thread): `#` comments, float32 scores, documents kept. */
  get runFormat(): { readonly comments: boolean; readonly float32Scores: boolean; readonly keepDocuments: boolean } {
    return { comments: this.options.version === '10.0', float32Scores: this.options.version === '9.0.8', keepDocuments: this.rankingNeeded && this.deferred === undefined };
  }

  /**
   * Adds a topic's block parsed by another reader (another thread's, with {@link runFormat}), as if this session
   * had read it: topics absent from the qrels are skipped, a topic met twice sets {@link restartNeeded}. The
   * block's arrays are only used during the call.
   */
  addBlock(block: RunBlock): void {
    if (this.restartNeeded || !this.qrels.byQid.has(block.qid)) return;
    this.onBlock(block);
  }

  /**
   * Notes a range of the run file read by another reader, starting at `position`, whose last content line has the
   * run tag `runid` (binary string): the tag of the range with content lines that lies last in the file is the
   * one printed. Call {@link endRanges} once every range is in.
   */
  addRange(position: number, runid: string, contentLines: number): void {
    if (contentLines > 0 && position > this.lastLinePosition) {
      this.lastLinePosition = position;
      this.lastRangeRunid = runid;
    }
  }

  /** Ends a run read in separate ranges (by {@link endRange} and {@link addRange}): the last range's run tag is printed. */
  endRanges(): void {
    this.end();
    this.reader.runid = this.lastRangeRunid;
  }

  /** Ends the run: parses its last line and evaluates what is left. Calling it again does nothing. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.restartNeeded) this.reader.end();
    for (const [qid, blocks] of this.retained) this.evaluations.set(qid, this.evaluate(qid, blocks));
    this.retained.clear();
    if (this.zscoresInput !== undefined && !this.restartNeeded) this.zscores = parseZscores(this.zscoresInput.read(), this.zscoresInput.source);
  }

  /**
   * Finishes reading the run and writes trec_eval's output, in chunks. Throws {@link TrecEvalError} for the
   * conditions on which trec_eval stops; its `partialOutput` holds what trec_eval had printed and was not yet
   * passed to `write`.
   */
  finish(write: (text: string) => void): void {
    const decoder = new TextDecoder();
    const out = new ByteOutput((bytes) => {
      write(decoder.decode(bytes, { stream: true }));
    });
    try {
      this.finishInto(out);
    } catch (error) {
      if (error instanceof TrecEvalError) error.partialOutput = decoder.decode(out.take());
      throw error;
    }
  }

  /**
   * {@link finish} writing bytes, exactly the bytes trec_eval prints (query ids and run tags as they are in the
   * files). On an error, what trec_eval had printed is written before the {@link TrecEvalError} is thrown.
   */
  finishBytes(write: (bytes: Uint8Array) => void): void {
    const out = new ByteOutput(write);
    try {
      this.finishInto(out);
    } catch (error) {
      const rest = out.take();
      if (rest.length > 0) write(rest);
      throw error;
    }
  }

  private finishInto(out: ByteOutput): void {
    this.end();
    if (this.restartNeeded) throw new Error('TrecEvalSession.finish: a topic is not on consecutive lines; read the run again with streaming: false');
    const options = this.options;
    if (this.deferred !== undefined) throw this.fail(this.deferred.error.exitCode, this.deferred.error.trecEvalMessage, this.deferred.error.message);
    const evaluated: TopicEvaluation[] = [];
    const zscoreNames = this.zscores === undefined ? '' : 'Z';
    let lastLevels: TopicEvaluation['levels'];
    for (const topic of this.qrels.topics) {
      let evaluation = this.evaluations.get(topic.qid);
      let bogus = false;
      if (evaluation === undefined) {
        if (options.version === '10.0' && !options.complete) {
          const qidText = binaryStringToText(topic.qid);
          throw this.fail(4, `trec_eval: result qid '${qidText}' not found in qrels\n`, `topic ${qidText} is judged in ${this.qrelsSource} but has no results in the run; trec_eval 10.0 stops here (use -c to count it as 0, or --trec-eval-version 9.0.8 to skip it)`);
        }
        if (options.version === '9.0.8') continue;
        bogus = true;
        evaluation = this.evaluate(topic.qid, [bogusBlock(topic.qid)]);
      }
      if (evaluation.pending !== undefined) {
        // trec_eval's form_res_rels sizes its level counts by the highest judgment: with none, it reuses the
        // buffer of the topic evaluated before, or fails when no topic has filled it yet.
        if (lastLevels === undefined) throw this.noLevelsFailure(topic);
        evaluation = this.computeValues(topic.qid, { ...evaluation.pending, relLevels: lastLevels.relLevels, numRelLevels: lastLevels.numRelLevels });
      } else if (evaluation.levels !== undefined) lastLevels = evaluation.levels;
      if (bogus && evaluation.failure === undefined) evaluation = this.clearBogus(evaluation);
      if (evaluation.failure !== undefined) throw this.fail(evaluation.failure.exitCode, evaluation.failure.trecEvalMessage, evaluation.failure.message);
      if (this.zscores !== undefined) evaluation = this.toZscores(evaluation);
      evaluated.push(evaluation);
      if (options.perQuery) out.add(evaluation.text ?? this.topicBytes(evaluation, zscoreNames));
    }
    if (evaluated.length === 0) {
      throw this.fail(7, 'trec_eval: No queries with both results and relevance info\n', 'no topic has both results in the run and judgments in the qrels: check that the query ids match');
    }
    if (!options.noSummary) out.add(this.summaryBytes(evaluated, zscoreNames));
    out.flush();
  }

  private noLevelsFailure(topic: QrelsTopic): TrecEvalError {
    const firstMeasure = this.measures.find((measure) => measure.definition.usesRanking);
    return this.fail(4, `trec_eval: Can't calculate measure '${firstMeasure?.definition.name ?? 'num_ret'}'\n`, `every judgment of topic ${binaryStringToText(topic.qid)} is negative (unjudged); trec_eval cannot evaluate it before a topic with judgments`);
  }

  private fail(exitCode: number, trecEvalMessage: string, message: string): TrecEvalError {
    return new TrecEvalError({ message, exitCode, trecEvalMessage });
  }

  /**
   * trec_eval 10.0 under -c evaluates a judged topic without results on one unjudged document, then clears some
   * values by their printed names: `utility_2,-1,0,0` or `relstring_5` are not cleared.
   */
  private clearBogus(evaluation: TopicEvaluation): TopicEvaluation {
    let relstring = evaluation.relstring;
    const values = evaluation.values;
    for (const measure of this.measures) {
      measure.names.forEach((name, index) => {
        if (name === 'num_ret' || name === 'utility' || name.startsWith('unj') || name === 'rbp_resid') values[measure.offset + index] = 0;
        else if (name === 'relstring') relstring = '';
      });
    }
    const cleared: TopicEvaluation = { qid: evaluation.qid, values, relstring, ...(evaluation.levels === undefined ? {} : { levels: evaluation.levels }) };
    return this.withText(cleared);
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

  /** A topic's `-q` lines as bytes: the padded names are computed once, the rest is the query id and the values. */
  private topicBytes(evaluation: TopicEvaluation, prefix: string): Uint8Array {
    if (this.topicLabels?.prefix !== prefix) {
      // Labels are binary strings (UTF-8 bytes) with the tab; the reserve bounds a topic's lines but its relstring.
      const labels = this.measures.map((measure) => measure.names.map((name) => binaryStringBytes(textToBinaryString(`${measure.definition.name === 'relstring' ? '' : prefix}${padEnd(name, 22)}\t`))));
      let reserve = 0;
      let lines = 0;
      for (const row of labels) {
        for (const label of row) reserve += label.length + 400;
        lines += row.length;
      }
      this.topicLabels = { prefix, labels, reserve, lines };
    }
    const { labels, reserve, lines } = this.topicLabels;
    const qid = binaryStringBytes(evaluation.qid);
    const writer = this.topicWriter;
    writer.begin(reserve + lines * (qid.length + 2) + evaluation.relstring.length);
    const measures = this.measures;
    const values = evaluation.values;
    const positiveNan = evaluation.positiveNan;
    for (let measureIndex = 0; measureIndex < measures.length; measureIndex++) {
      const measure = measures[measureIndex] as ConfiguredMeasure;
      const definition = measure.definition;
      if (!definition.perQuery) continue;
      const names = labels[measureIndex] as Uint8Array[];
      if (definition.name === 'relstring') {
        writer.bytes(names[0] as Uint8Array);
        writer.bytes(qid);
        writer.byte(9);
        writer.byte(39);
        writer.binary(evaluation.relstring);
        writer.byte(39);
        writer.byte(10);
        continue;
      }
      const integer = definition.integer && prefix === '';
      for (let index = 0; index < names.length; index++) {
        const slot = measure.offset + index;
        writer.bytes(names[index] as Uint8Array);
        writer.bytes(qid);
        writer.byte(9);
        if (integer) writer.long(values[slot] as number);
        else writer.fixed4(values[slot] as number, positiveNan?.[slot] === 1);
        writer.byte(10);
      }
    }
    return writer.end();
  }

  /** The summary lines, as bytes. */
  private summaryBytes(evaluated: readonly TopicEvaluation[], prefix: string): Uint8Array {
    const options = this.options;
    const numQueries = options.complete ? this.qrels.topics.length : evaluated.length;
    // Sums in topic order (the order trec_eval adds in), every topic's values read once.
    const sums = new Float64Array(this.valueCount);
    const nanSigns = new Uint8Array(this.valueCount);
    // One call per topic: a small function called thousands of times is optimized sooner than one long loop.
    for (const evaluation of evaluated) addToSums(sums, nanSigns, evaluation.values, evaluation.positiveNan);
    // Lines are binary strings (one character per byte): names in UTF-8, the run tag as it is in the file.
    let text = '';
    for (const measure of this.measures) {
      const definition = measure.definition;
      if (definition.summary === 'none') continue;
      if (definition.summary === 'runid') {
        text += `${padEnd('runid', 22)}\tall\t${this.reader.runid}\n`;
        continue;
      }
      if (definition.summary === 'count') {
        text += `${prefix}${padEnd('num_q', 22)}\tall\t${prefix === '' ? formatLong(numQueries) : formatFixed(numQueries, 4, 6)}\n`;
        continue;
      }
      measure.names.forEach((name, index) => {
        const slot = measure.offset + index;
        const sum = sums[slot] as number;
        const positiveNan = nanSigns[slot] === 1;
        let value = sum;
        if (definition.summary === 'mean') value = numQueries > 0 ? sum / numQueries : sum;
        else if (definition.summary === 'geometric') {
          value = numQueries > 0 ? cExp((sum + (numQueries - evaluated.length) * cLog(0.00001)) / numQueries) : sum;
        } else if (definition.name === 'num_rel' && options.complete && prefix === '') {
          value = this.qrels.topics.reduce((total, topic) => total + topic.positiveCount, 0);
        }
        text += `${textToBinaryString(`${prefix}${padEnd(name, 22)}`)}\tall\t${definition.integer && prefix === '' ? formatLong(value) : formatFixed(value, 4, 6, positiveNan)}\n`;
      });
    }
    const bytes = new Uint8Array(text.length);
    for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
    return bytes;
  }
}

/**
 * Checks `-R`: trec_eval names an unknown relevance format without opening the qrels file.
 *
 * @throws {TrecEvalError} exit code 2 with trec_eval's message.
 */
export function checkRelInfoFormat(options: TrecEvalOptions): void {
  const format = options.relInfoFormat ?? 'qrels';
  if (!['qrels', 'prefs', 'qrels_prefs', 'qrels_jg'].includes(format)) {
    throw new TrecEvalError({ message: `unknown relevance format "${format}" (-R): expected qrels, prefs, qrels_prefs or qrels_jg`, exitCode: 2, trecEvalMessage: `trec_eval: Illegal rel_format '${format}'\n` });
  }
}

/**
 * Runs a session over a run delivered by `feed` (called with the session to push chunks into): streaming first,
 * and when a topic's lines turn out not to be consecutive, a second time keeping every topic (trec_eval sorts
 * all lines, so any order is valid). Returns the ended session, ready for `finish`.
 */
export function runTrecEvalSession(create: (streaming: boolean) => TrecEvalSession, feed: (session: TrecEvalSession) => void): TrecEvalSession {
  const streaming = create(true);
  feed(streaming);
  streaming.end();
  if (!streaming.restartNeeded) return streaming;
  const retaining = create(false);
  feed(retaining);
  retaining.end();
  return retaining;
}

/** Adds a topic's values to the sums; notes, for a sum that turns NaN, whether the NaN prints as `nan` (positive) or `-nan`. */
function addToSums(sums: Float64Array, nanSigns: Uint8Array, values: Float64Array, signs: Uint8Array | undefined): void {
  for (let slot = 0; slot < sums.length; slot++) {
    const value = values[slot] as number;
    const sum = sums[slot] as number;
    if (sum === sum && value !== value) nanSigns[slot] = signs?.[slot] === 1 ? 1 : 0;
    sums[slot] = sum + value;
  }
}

/** The bytes of a binary string (one character per byte). */
function binaryStringBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/** Collects output bytes and hands them on in chunks of about 1 MiB. */
class ByteOutput {
  private parts: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly write: (bytes: Uint8Array) => void) {}
  add(bytes: Uint8Array): void {
    // Topics printed in the order they were formatted lie one after the other in the same chunk: one view then.
    const last = this.parts[this.parts.length - 1];
    if (last !== undefined && last.buffer === bytes.buffer && last.byteOffset + last.length === bytes.byteOffset) {
      this.parts[this.parts.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.length + bytes.length);
    } else this.parts.push(bytes);
    this.size += bytes.length;
    if (this.size >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length === 0) return;
    // Large parts (a run of topics formatted one after the other) go out as they are, the small ones between them
    // joined: no copy of most of the output.
    let first = 0;
    for (let index = 0; index < this.parts.length; index++) {
      const part = this.parts[index] as Uint8Array;
      if (part.length < largePartBytes) continue;
      if (index > first) this.write(joinParts(this.parts, first, index));
      this.write(part);
      first = index + 1;
    }
    if (first < this.parts.length) this.write(joinParts(this.parts, first, this.parts.length));
    this.parts = [];
    this.size = 0;
  }
  /** What is buffered and not yet written (an error's partial output); earlier chunks went to `write`. */
  take(): Uint8Array {
    const joined = joinParts(this.parts, 0, this.parts.length);
    this.parts = [];
    this.size = 0;
    return joined;
  }
}

/** Parts of at least this size are written without being joined to others. */
const largePartBytes = 1 << 16;

/** Parts [first, end) as one array (the part itself when there is one). */
function joinParts(parts: readonly Uint8Array[], first: number, end: number): Uint8Array {
  if (end - first === 1) return parts[first] as Uint8Array;
  let size = 0;
  for (let index = first; index < end; index++) size += (parts[index] as Uint8Array).length;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (let index = first; index < end; index++) {
    const part = parts[index] as Uint8Array;
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

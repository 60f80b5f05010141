import type { CorpusDocument, SearchQuery } from '../../datasets/corpus.js';
import { InvalidArgumentError } from '../../errors.js';
import type { Run, ScoredDocument } from '../../types.js';
import { codePointRanks } from '../ranking/code-point-order.js';
import { selectTopK } from '../ranking/top-k.js';
import { resolveAnalyzer } from '../text/analyzers.js';
import type { Analyzer, AnalyzerName } from '../text/analyzers.js';
import { absentTermScore, inverseDocumentFrequencies, resolveBm25Parameters, termScorer } from './bm25-variants.js';
import type { Bm25Parameters, Bm25Variant } from './bm25-variants.js';
import { buildFieldIndex } from './field-index.js';
import type { FieldIndex } from './field-index.js';

/** One indexed field: which text it holds, how it is analyzed, how much it counts. */
export interface Bm25Field {
  /**
   * Where the field's text comes from: document keys joined with a line break in the order given (`'title'`,
   * `'text'`, or a key of {@link CorpusDocument.extra} holding a string), or a function of the document.
   * Default `['title', 'text']`: Pyserini's "flat" BEIR indexing and the reference scores' `title + "\n" + text`.
   */
  readonly source?: string | readonly string[] | ((document: CorpusDocument) => string);
  /** The field's analyzer, for documents and queries alike; default the index's {@link Bm25Options.analyzer}. */
  readonly analyzer?: Analyzer | AnalyzerName;
  /** The field's score is multiplied by this (default 1), as Pyserini's multifield boosts. */
  readonly weight?: number;
}

/** Options of {@link bm25Index}. */
export interface Bm25Options {
  /** The formula (default `'lucene'`); see {@link Bm25Variant}. */
  readonly variant?: Bm25Variant;
  /** Term-frequency saturation (default 0.9, Anserini's). */
  readonly k1?: number;
  /** Length normalisation, 0 to 1 (default 0.4, Anserini's). */
  readonly b?: number;
  /** δ of BM25L and BM25+ (default 0.5, bm25s'). */
  readonly delta?: number;
  /** ε of `rank-bm25` (default 0.25). */
  readonly epsilon?: number;
  /** BM25L/BM25+: add idf·tf-component(0) for query terms absent from a document, as bm25s does (default `true`). */
  readonly scoreAbsentTerms?: boolean;
  /** Default analyzer of the fields (default `'english'`: lower-case, Lucene stopwords, Porter stemmer). */
  readonly analyzer?: Analyzer | AnalyzerName;
  /**
   * The indexed fields (default one field of `title + "\n" + text`). A document's score is the weighted sum of its
   * per-field BM25 scores, each field with its own vocabulary, document frequencies and average length.
   */
  readonly fields?: readonly Bm25Field[];
}

/** Options of {@link Bm25Index.search}. */
export interface Bm25SearchOptions {
  /** Documents kept per query (default 1000, as Anserini's and BEIR's runs). */
  readonly k?: number;
  /** The run's name (its TREC run tag); default `'bm25'`. */
  readonly name?: string;
  /**
   * Drop a document whose id equals the query id (Pyserini's `--remove-query`, BEIR's `ignore_identical_ids`:
   * matters on ArguAna and Quora, where queries are also corpus documents). Default `false`.
   */
  readonly removeQueryId?: boolean;
}

/** What an index was built with, to report next to its results. */
export interface Bm25Configuration extends Bm25Parameters {
  readonly documentCount: number;
  readonly fields: readonly {
    readonly source: string;
    readonly analyzer: string;
    readonly weight: number;
    readonly termCount: number;
    readonly averageLength: number;
  }[];
}

/** A BM25 index over a corpus. Build it with {@link bm25Index}. */
export interface Bm25Index {
  /** The indexed documents' ids, in corpus order (the order of {@link Bm25Index.scoreAll}'s scores). */
  readonly documentIds: readonly string[];
  readonly configuration: Bm25Configuration;
  /**
   * Ranks the corpus for every query.
   *
   * Only documents that contain at least one query term are returned (for BM25L/BM25+ with absent terms scored,
   * bm25s would list the others after them, all at the same constant score). Queries with no result are absent
   * from the run, as they would be from a TREC run file.
   *
   * @param queries - queries with distinct ids, or a map of query id → text.
   * @param options - depth `k`, run name, `removeQueryId`.
   * @returns a run whose result lists are in trec_eval order: score descending, ties by document id descending.
   * @throws {InvalidArgumentError} for a duplicate query id, a query without a string id and text, or a `k` that is
   *   not a positive integer.
   */
  search(queries: Iterable<SearchQuery> | ReadonlyMap<string, string>, options?: Bm25SearchOptions): Run;
  /**
   * Ranks the corpus for one query text.
   *
   * @param k - documents kept (default 1000).
   * @returns the best `k` documents containing a query term, best first (score descending, ties by id descending).
   */
  searchText(text: string, k?: number): ScoredDocument[];
  /**
   * The score of every document for one query text, including documents without any query term (0, or for
   * BM25L/BM25+ with absent terms scored, the sum of the absent terms' contributions).
   *
   * @returns one score per document, in {@link Bm25Index.documentIds} order.
   */
  scoreAll(text: string): Float64Array;
}

interface IndexedField {
  readonly analyzer: Analyzer;
  readonly weight: number;
  readonly index: FieldIndex;
  /** idf × tf-component of each posting, minus the term's absent-term score (query-independent, precomputed). */
  readonly postingScores: Float64Array;
  /** Score a document gets for each term when it does not contain it (0 except BM25L/BM25+ bm25s-style). */
  readonly absentScores: Float64Array | undefined;
  readonly sourceLabel: string;
  readonly averageLength: number;
}

type TextReader = (document: CorpusDocument) => string;

function fieldTextReader(source: Bm25Field['source']): { read: TextReader; label: string } {
  if (typeof source === 'function') return { read: source, label: 'custom' };
  const keys = source === undefined ? ['title', 'text'] : typeof source === 'string' ? [source] : source;
  if (keys.length === 0) throw new InvalidArgumentError('fields', 'a field needs at least one source key');
  const readKey = (document: CorpusDocument, key: string): string => {
    const value: unknown = key === 'text' ? document.text : key === 'title' ? document.title : document.extra?.[key];
    if (typeof value === 'string') return value;
    // A missing title or extra field is an empty one; a missing text is a mistake in the corpus.
    if ((value === undefined || value === null) && key !== 'text') return '';
    throw new InvalidArgumentError(
      key === 'text' ? 'corpus' : 'fields',
      `document ${JSON.stringify(document.id)}: field "${key}" must hold a string to be indexed, found ${value === null ? 'null' : typeof value}`,
    );
  };
  const read: TextReader =
    keys.length === 1 ? (document) => readKey(document, keys[0]!) : (document) => keys.map((key) => readKey(document, key)).join('\n');
  return { read, label: keys.join('+') };
}

function checkPositiveInteger(value: number, argument: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError(argument, `${argument} must be a positive integer, not ${String(value)}`);
  }
}

function indexField(
  documents: readonly CorpusDocument[],
  field: Bm25Field,
  context: { readonly parameters: Bm25Parameters; readonly defaultAnalyzer: Analyzer },
): IndexedField {
  const { parameters, defaultAnalyzer } = context;
  const weight = field.weight ?? 1;
  if (!Number.isFinite(weight) || weight < 0) {
    throw new InvalidArgumentError('fields', `a field weight must be a finite number ≥ 0, not ${String(weight)}`);
  }
  const analyzer = field.analyzer === undefined ? defaultAnalyzer : resolveAnalyzer(field.analyzer);
  const { read, label } = fieldTextReader(field.source);
  const index = buildFieldIndex(documents.length, (position) => read(documents[position]!), analyzer);
  const documentCount = documents.length;
  const averageLength = documentCount === 0 ? 0 : index.totalLength / documentCount;
  const termCount = index.vocabulary.size;
  const documentFrequencies = new Uint32Array(termCount);
  for (let term = 0; term < termCount; term++) {
    documentFrequencies[term] = index.postingStarts[term + 1]! - index.postingStarts[term]!;
  }
  const idf = inverseDocumentFrequencies(parameters, documentFrequencies, documentCount);
  const scoreTerm = termScorer(parameters, averageLength);
  let absentScores: Float64Array | undefined;
  if (absentTermScore(parameters, 1) !== 0) {
    absentScores = new Float64Array(termCount);
    for (let term = 0; term < termCount; term++) absentScores[term] = absentTermScore(parameters, idf[term]!);
  }
  const postingScores = new Float64Array(index.postingDocuments.length);
  const { postingStarts, postingDocuments, postingFrequencies, documentLengths } = index;
  for (let term = 0; term < termCount; term++) {
    const termIdf = idf[term]!;
    const absent = absentScores === undefined ? 0 : absentScores[term]!;
    for (let posting = postingStarts[term]!; posting < postingStarts[term + 1]!; posting++) {
      const score = scoreTerm(termIdf, postingFrequencies[posting]!, documentLengths[postingDocuments[posting]!]!);
      postingScores[posting] = absent === 0 ? score : score - absent;
    }
  }
  return { analyzer, weight, index, postingScores, absentScores, sourceLabel: label, averageLength };
}

/** Reusable per-index scratch space for accumulating one query's scores. */
class Accumulator {
  readonly scores: Float64Array;
  readonly touched: Uint32Array;
  readonly isTouched: Uint8Array;
  touchedCount = 0;
  /** The part of every document's score that does not depend on the document (absent-term scores). */
  baseScore = 0;

  constructor(documentCount: number) {
    this.scores = new Float64Array(documentCount);
    this.touched = new Uint32Array(documentCount);
    this.isTouched = new Uint8Array(documentCount);
  }

  reset(): void {
    for (let index = 0; index < this.touchedCount; index++) {
      const document = this.touched[index]!;
      this.scores[document] = 0;
      this.isTouched[document] = 0;
    }
    this.touchedCount = 0;
    this.baseScore = 0;
  }
}

function accumulate(fields: readonly IndexedField[], text: string, accumulator: Accumulator): void {
  const { scores, touched, isTouched } = accumulator;
  for (const field of fields) {
    const { vocabulary, postingStarts, postingDocuments } = field.index;
    const { postingScores, absentScores, weight } = field;
    // Repeated query terms count again, as in Lucene (a BooleanQuery of repeated clauses) and the reference scores.
    for (const term of field.analyzer.analyze(text)) {
      const termId = vocabulary.get(term);
      if (termId === undefined) continue;
      if (absentScores !== undefined) accumulator.baseScore += weight * absentScores[termId]!;
      const end = postingStarts[termId + 1]!;
      for (let posting = postingStarts[termId]!; posting < end; posting++) {
        const document = postingDocuments[posting]!;
        if (isTouched[document] === 0) {
          isTouched[document] = 1;
          touched[accumulator.touchedCount++] = document;
        }
        scores[document]! += weight * postingScores[posting]!;
      }
    }
  }
  if (accumulator.baseScore !== 0) {
    for (let index = 0; index < accumulator.touchedCount; index++) scores[touched[index]!]! += accumulator.baseScore;
  }
}

/**
 * Builds a BM25 index over a corpus: an inverted index in typed arrays (Uint32 postings, Uint16/Uint32 term
 * frequencies, exact document lengths) with every posting's score precomputed in double precision, so a query costs
 * one addition per posting of its terms plus a top-k heap.
 *
 * Defaults follow Anserini: Lucene's formula, k1 = 0.9, b = 0.4, exact document lengths (`-bm25.accurate`),
 * title and text indexed together, English analysis with Porter stemming. N and the average length count every
 * document of the corpus, empty ones included.
 *
 * @param corpus - documents with distinct ids; an empty corpus gives an index that finds nothing.
 * @param options - formula, parameters, analyzer and fields.
 * @returns the index.
 * @throws {InvalidArgumentError} for a duplicate or missing document id, a document whose text is not a string,
 *   an out-of-range parameter, an unknown analyzer or variant, or a field source naming a key that holds something
 *   other than a string.
 */
export function bm25Index(corpus: Iterable<CorpusDocument>, options: Bm25Options = {}): Bm25Index {
  const documents = Array.from(corpus);
  const parameters = resolveBm25Parameters(options);
  const documentIds = documents.map((document) => document.id);
  const positionOfId = new Map<string, number>();
  documentIds.forEach((id, position) => {
    if (typeof id !== 'string' || id.length === 0) {
      throw new InvalidArgumentError('corpus', `document ${String(position + 1)} has no id (expected a non-empty string)`);
    }
    const previous = positionOfId.get(id);
    if (previous !== undefined) {
      throw new InvalidArgumentError(
        'corpus',
        `document id ${JSON.stringify(id)} appears twice (documents ${String(previous + 1)} and ${String(position + 1)})`,
      );
    }
    positionOfId.set(id, position);
  });
  const defaultAnalyzer = resolveAnalyzer(options.analyzer ?? 'english');
  const fieldSpecs = options.fields ?? [{}];
  if (fieldSpecs.length === 0) throw new InvalidArgumentError('fields', 'at least one field must be indexed');
  const fields = fieldSpecs.map((field) => indexField(documents, field, { parameters, defaultAnalyzer }));
  const tieRanks = codePointRanks(documentIds);
  const accumulator = new Accumulator(documents.length);

  const configuration: Bm25Configuration = {
    ...parameters,
    documentCount: documents.length,
    fields: fields.map((field) => ({
      source: field.sourceLabel,
      analyzer: field.analyzer.name,
      weight: field.weight,
      termCount: field.index.vocabulary.size,
      averageLength: field.averageLength,
    })),
  };

  const rank = (text: string, k: number, excludedDocument: number | undefined): ScoredDocument[] => {
    accumulate(fields, text, accumulator);
    if (excludedDocument !== undefined && accumulator.isTouched[excludedDocument] === 1) {
      const { touched } = accumulator;
      const position = touched.subarray(0, accumulator.touchedCount).indexOf(excludedDocument);
      touched[position] = touched[accumulator.touchedCount - 1]!;
      touched[accumulator.touchedCount - 1] = excludedDocument;
      accumulator.touchedCount--;
      accumulator.scores[excludedDocument] = 0;
      accumulator.isTouched[excludedDocument] = 0;
    }
    const best = selectTopK(
      { candidates: accumulator.touched, count: accumulator.touchedCount, scores: accumulator.scores, tieRanks },
      k,
    );
    const results: ScoredDocument[] = new Array<ScoredDocument>(best.length);
    for (let position = 0; position < best.length; position++) {
      const document = best[position]!;
      results[position] = { docno: documentIds[document]!, score: accumulator.scores[document]! };
    }
    accumulator.reset();
    return results;
  };

  return {
    documentIds,
    configuration,
    search(queries, searchOptions = {}) {
      const k = searchOptions.k ?? 1000;
      checkPositiveInteger(k, 'k');
      const entries: Iterable<readonly [unknown, unknown]> =
        queries instanceof Map
          ? (queries as ReadonlyMap<string, string>).entries()
          : Array.from(queries as Iterable<SearchQuery>, (query) => [query?.id, query?.text] as const);
      const results = new Map<string, readonly ScoredDocument[]>();
      const seen = new Set<string>();
      let position = 0;
      for (const [id, text] of entries) {
        position++;
        if (typeof id !== 'string' || typeof text !== 'string') {
          throw new InvalidArgumentError(
            'queries',
            `query ${String(position)}: expected a string id and a string text, found ${typeof id === 'string' ? `id ${JSON.stringify(id)} with text of type ${text === null ? 'null' : typeof text}` : `id of type ${id === null ? 'null' : typeof id}`}`,
          );
        }
        if (seen.has(id)) throw new InvalidArgumentError('queries', `query id ${JSON.stringify(id)} appears twice`);
        seen.add(id);
        const ranking = rank(text, k, searchOptions.removeQueryId === true ? positionOfId.get(id) : undefined);
        if (ranking.length > 0) results.set(id, ranking);
      }
      return { name: searchOptions.name ?? 'bm25', results };
    },
    searchText(text, k = 1000) {
      checkPositiveInteger(k, 'k');
      return rank(text, k, undefined);
    },
    scoreAll(text) {
      accumulate(fields, text, accumulator);
      const scores = new Float64Array(documents.length).fill(accumulator.baseScore);
      for (let index = 0; index < accumulator.touchedCount; index++) {
        const document = accumulator.touched[index]!;
        scores[document] = accumulator.scores[document]!;
      }
      accumulator.reset();
      return scores;
    },
  };
}

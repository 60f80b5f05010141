export { InvalidArgumentError, MetricsError } from './errors.js';
export type { MetricsErrorCode } from './errors.js';
export { recallAtK, successAtK } from './measures/success-at-k.js';
export type { Qrels, Run, ScoredDocument } from './types.js';
export { bm25Index } from './baselines/bm25/bm25-index.js';
export type { Bm25Configuration, Bm25Field, Bm25Index, Bm25Options, Bm25SearchOptions } from './baselines/bm25/bm25-index.js';
export { bm25Variants } from './baselines/bm25/bm25-variants.js';
export type { Bm25Variant } from './baselines/bm25/bm25-variants.js';
export { cjkAnalyzer, englishAnalyzer, resolveAnalyzer, whitespaceAnalyzer } from './baselines/text/analyzers.js';
export type {
  Analyzer,
  AnalyzerName,
  CjkAnalyzerOptions,
  EnglishAnalyzerOptions,
  WhitespaceAnalyzerOptions,
} from './baselines/text/analyzers.js';
export { luceneEnglishStopwords } from './baselines/text/english-stopwords.js';
export { porterStem } from './baselines/text/porter-stemmer.js';
export { createBeirCorpusReader, createBeirQueriesReader, parseBeirCorpus, parseBeirQueries } from './datasets/beir.js';
export type { BeirLineReader } from './datasets/beir.js';
export type { CorpusDocument, SearchQuery } from './datasets/corpus.js';

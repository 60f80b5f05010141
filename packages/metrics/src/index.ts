export { InvalidArgumentError, MetricsError } from './errors.js';
export type { MetricsErrorCode } from './errors.js';
export { recallAtK, successAtK } from './measures/success-at-k.js';
export type { Qrels, Run, ScoredDocument } from './types.js';
export { bm25Index } from './baselines/bm25/bm25-index.js';
export type { Bm25Configuration, Bm25Field, Bm25Index, Bm25Options, Bm25SearchOptions } from './baselines/bm25/bm25-index.js';
export { bm25Variants } from './baselines/bm25/bm25-variants.js';
export type { Bm25Parameters, Bm25Variant } from './baselines/bm25/bm25-variants.js';
export { analyzerNames, cjkAnalyzer, englishAnalyzer, resolveAnalyzer, whitespaceAnalyzer } from './baselines/text/analyzers.js';
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
export { fuse, fusionMethods, scoreNormalizations } from './baselines/fusion/fuse.js';
export type { FuseOptions, FusionMethod, ScoreNormalization } from './baselines/fusion/fuse.js';
export { oracleRun } from './baselines/oracle-run.js';
export type { OracleRunOptions } from './baselines/oracle-run.js';
export { randomRun } from './baselines/random-run.js';
export type { RandomRunOptions } from './baselines/random-run.js';
export { pairedTTest } from './stats/paired-t-test.js';
export type { PairedTTestResult } from './stats/paired-t-test.js';
export { randomizationTest } from './stats/randomization-test.js';
export type { RandomizationMethod, RandomizationTestOptions, RandomizationTestResult } from './stats/randomization-test.js';
export { bootstrapTest } from './stats/bootstrap-test.js';
export type { BootstrapCentering, BootstrapTestOptions, BootstrapTestResult } from './stats/bootstrap-test.js';
export { wilcoxonSignedRank } from './stats/wilcoxon-signed-rank.js';
export type {
  WilcoxonMethod,
  WilcoxonSignedRankOptions,
  WilcoxonSignedRankResult,
  WilcoxonZeroMethod,
} from './stats/wilcoxon-signed-rank.js';
export { signTest } from './stats/sign-test.js';
export type { SignTestOptions, SignTestResult } from './stats/sign-test.js';
export { adjustPValues } from './stats/adjust-p-values.js';
export { pairedTukeyHsd, randomizedTukeyHsd, tukeyHsd } from './stats/tukey-hsd.js';
export type {
  PairedTukeyHsdResult,
  RandomizedTukeyHsdOptions,
  RandomizedTukeyHsdResult,
  ScoreMatrix,
  SimultaneousConfidenceIntervals,
  TukeyHsdOptions,
  TukeyHsdResult,
  TwoWayAnova,
  UnpairedTukeyHsdOptions,
} from './stats/tukey-hsd.js';
export { studentizedRangeCdf, studentizedRangeQuantile, studentizedRangeSurvival } from './stats/special/studentized-range-distribution.js';
export type { PValueAdjustment } from './stats/adjust-p-values.js';
export type {
  Alternative,
  ConfidenceInterval,
  PairedDifferenceSummary,
  PairedTestOptions,
  PairedTestResult,
  Scores,
} from './stats/types.js';
export { ParseError, TrecEvalError, UnknownMeasureError } from './errors.js';
export type { ParseErrorDetails } from './errors.js';
export { formatFixed, measureDefinitions, parseTrecEvalArguments, resolveTrecEvalOptions, trecEval, trecEvalUsage, trecEvalVersions, TrecEvalSession } from './trec-eval/index.js';
export type { RelInfoFormat, ResolvedTrecEvalOptions, TrecEvalArguments, TrecEvalInput, TrecEvalOptions, TrecEvalVersion } from './trec-eval/index.js';
export { evaluate } from './evaluate.js';
export type { EvaluateOptions, Evaluation } from './evaluate.js';
export { defaultMeasureNames, parseMeasure } from './measures/measure-names.js';
export type { MeasureSpec } from './measures/measure-names.js';
export { parseTrecQrels, parseTrecRun, formatTrecRun, formatTrecRunText, rankDocuments, parseScore } from './io/trec-files.js';
export type { FormatRunOptions, ParseOptions } from './io/trec-files.js';
export { parseBeirQrels } from './io/beir-qrels.js';
export { parseJsonQrels, parseJsonRun } from './io/json-files.js';
export { gunzip, isGzip } from './io/gzip.js';
export { parseQrels, parseRun } from './io/read-any.js';
export type { QrelsFormat, RunFormat } from './io/read-any.js';
export type { TextInput } from './io/text-lines.js';
export { nearestNeighbors } from './embedding/nearest-neighbors.js';
export type { NearestNeighbors, NearestNeighborsOptions, Similarity } from './embedding/nearest-neighbors.js';
export type { EmbeddingMatrix } from './embedding/embedding-matrix.js';
export { embeddingRetrieval } from './embedding/retrieval-measures.js';
export type {
  EmbeddingLabel,
  EmbeddingRetrievalOptions,
  EmbeddingRetrievalResult,
} from './embedding/retrieval-measures.js';
export { compareScores, queryPolicy } from './comparison/compare-scores.js';
export type { CompareScoresInput, ComparisonOptions, ScoredSystem } from './comparison/compare-scores.js';
export { compareRuns, defaultComparisonMeasures } from './comparison/compare-runs.js';
export type { CompareRunsInput } from './comparison/compare-runs.js';
export { comparisonCorrections, comparisonTests } from './comparison/comparison-report.js';
export type {
  AllPairsComparison,
  ComparisonMeasure,
  ComparisonOutcome,
  ComparisonReport,
  ComparisonSettings,
  ComparisonTest,
  MeasureComparison,
  SystemComparison,
  SystemScores,
} from './comparison/comparison-report.js';
export { ComparisonInputError } from './comparison/comparison-errors.js';
export type { ComparisonProblem } from './comparison/comparison-errors.js';
export { comparisonFormats, formatComparison } from './comparison/format-comparison.js';
export type { ComparisonFormat } from './comparison/format-comparison.js';
export { formatComparisonMarkdown, formatComparisonTable } from './comparison/format-text.js';
export { escapeLatex, formatComparisonLatex } from './comparison/format-latex.js';
export type { LatexOptions } from './comparison/format-latex.js';
export { comparisonCsvColumns, formatComparisonCsv, formatComparisonJson, parseComparisonJson } from './comparison/format-data.js';
export { differencePlotSvg, escapeHtml, formatComparisonHtml } from './comparison/format-html.js';
export { BenchmarkSpecError, formatBenchmarkSpec, parseBenchmarkSpec, validateBenchmarkSpec } from './benchmark/benchmark-spec.js';
export type {
  BenchmarkSpec,
  Bm25FieldDefinition,
  Bm25SystemDefinition,
  DatasetReference,
  FusionSystemDefinition,
  HostSystemDefinition,
  ParseBenchmarkSpecOptions,
  ReferenceRunDefinition,
  RunFileSystemDefinition,
  SystemDefinition,
} from './benchmark/benchmark-spec.js';
export { runBenchmark } from './benchmark/run-benchmark.js';
export type { BenchmarkDataset, BenchmarkResult, HostSystemContext, RunBenchmarkOptions } from './benchmark/run-benchmark.js';
export { beirDownloadBase, knownBeirDatasets } from './benchmark/beir-datasets.js';
export type { KnownBeirDataset } from './benchmark/beir-datasets.js';

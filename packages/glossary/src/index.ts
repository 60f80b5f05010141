export { beirFileNames, beirFiles, conceptSearchBenchmark, entryDocumentText, queryLanguage } from './benchmark/benchmark.js';
export type {
  BeirFileName,
  BenchmarkDocument,
  BenchmarkJudgment,
  BenchmarkQuery,
  ConceptSearchBenchmark,
  QueryLanguage,
} from './benchmark/benchmark.js';
export { queryKinds } from './benchmark/queries.js';
export type { QueryKind } from './benchmark/queries.js';
export type {
  Computation,
  ComputationKind,
  JudgedRanking,
  Judgments,
  MeasureName,
} from './computation.js';
export { entries } from './entries/index.js';
export { GlossaryError, InvalidArgumentError, UnknownTermError } from './errors.js';
export type { GlossaryErrorCode } from './errors.js';
export { createIndex, editDistance, matchKinds, normalizeTerm } from './lookup.js';
export type { GlossaryIndex, LookupMatch, MatchKind } from './lookup.js';
export { exampleText, fillTemplate, headword, latexToPlain, templatePlaceholders, valueAtPath, writtenDecimals } from './render.js';
export { aliasText, isDiscouraged, locales, notationTools, topics } from './schema.js';
export type {
  Alias,
  DiscouragedAlias,
  Formula,
  GlossaryEntry,
  Locale,
  Localized,
  Notation,
  NotationTool,
  Reference,
  Topic,
  ValueRange,
  WorkedExample,
} from './schema.js';
export { createSearcher, searchTokens } from './search.js';
export type { GlossarySearcher, SearchHit, SearchOptions } from './search.js';
export { validateEntries } from './validate.js';
export type { ValidationIssue } from './validate.js';

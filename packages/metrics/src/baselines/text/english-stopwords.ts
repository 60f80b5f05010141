/**
 * Lucene's default English stop set (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`, 33 words), which Anserini's and
 * Pyserini's English analyzer and the reference BM25 scores in `bm25_classic_baselines.json` remove.
 */
export const luceneEnglishStopwords: readonly string[] = Object.freeze([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not', 'of',
  'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was', 'will', 'with',
]);

/**
 * The built-in benchmark `benchline bench` runs with no arguments: the glossary's bilingual concept-search benchmark
 * (243 queries in English, Chinese or both, 70 entries, graded judgments), with Anserini's BM25 as the baseline.
 *
 * The systems: BM25 with the CJK bigram analyzer (Chinese queries need it); the fusion the issue suggested, RRF of
 * English BM25 over the English fields and CJK BM25 over the Chinese fields (it loses: English words inside the
 * Chinese text add noise, see the glossary's data/README.md); the glossary's own search (TF-IDF over names and
 * definitions with typo tolerance); and the stronger system, CombSUM of the glossary's search and CJK BM25.
 *
 * `Success@1` comes first: the share of queries whose first result is relevant, what retrieval papers call R@1
 * (here `R@1` is TREC recall, the fraction of a query's relevant entries in the top 1).
 */
export const builtinBenchmarkSpec = {
  name: 'Benchline concept search (built-in)',
  dataset: 'concept-search',
  split: 'test',
  measures: ['Success@1', 'nDCG@10', 'RR@10', 'R@10'],
  test: 't',
  correction: 'holm',
  alpha: 0.05,
  seed: 42,
  baseline: { name: 'bm25', type: 'bm25', variant: 'lucene', k1: 0.9, b: 0.4, analyzer: 'english', fields: ['title', 'text'] },
  systems: [
    { name: 'bm25-cjk', type: 'bm25', k1: 0.9, b: 0.4, analyzer: 'cjk', fields: ['title', 'text'] },
    {
      name: 'rrf-en-zh',
      type: 'fusion',
      method: 'rrf',
      runs: [
        { name: 'bm25-en-fields', type: 'bm25', fields: [{ source: ['title_en', 'text_en'], analyzer: 'english' }] },
        { name: 'bm25-zh-fields', type: 'bm25', fields: [{ source: ['title_zh', 'text_zh'], analyzer: 'cjk' }] },
      ],
    },
    { name: 'glossary-search', type: 'glossary-search' },
    { name: 'glossary+bm25-cjk', type: 'fusion', method: 'combsum', normalization: 'min-max', runs: ['glossary-search', 'bm25-cjk'] },
  ],
} as const;

/** The name of the built-in dataset. */
export const builtinDatasetName = 'concept-search';

import { entries } from '../entries/index.js';
import type { GlossaryEntry, Locale } from '../schema.js';
import { aliasText } from '../schema.js';
import type { QueryKind } from './queries.js';
import { querySources } from './queries.js';

/** A corpus document: one glossary entry, with its text in both languages and per language. */
export interface BenchmarkDocument {
  /** The entry id. */
  readonly id: string;
  /** `English term / 中文术语`. */
  readonly title: string;
  /** The English text, a blank line, then the Chinese text. */
  readonly text: string;
  readonly topic: string;
  /** Per-language fields, for fusing retrievers with language-specific analyzers. */
  readonly languages: { readonly [L in Locale]: { readonly title: string; readonly text: string } };
}

/** The language of a query's text: Chinese characters only, none, or both with Latin letters. */
export type QueryLanguage = 'en' | 'zh' | 'mixed';

export interface BenchmarkQuery {
  /** `q001`, `q002`... in the order of the source list. */
  readonly id: string;
  readonly text: string;
  readonly language: QueryLanguage;
  readonly kind: QueryKind;
}

/** One graded judgment: 2 = the entry answers the query, 1 = a related entry. */
export interface BenchmarkJudgment {
  readonly queryId: string;
  readonly documentId: string;
  readonly grade: 1 | 2;
}

/** The built-in concept-search benchmark: find the glossary entry a reader is asking for. */
export interface ConceptSearchBenchmark {
  readonly name: 'benchline-concept-search';
  readonly corpus: readonly BenchmarkDocument[];
  readonly queries: readonly BenchmarkQuery[];
  readonly judgments: readonly BenchmarkJudgment[];
}

const han = /\p{Script=Han}/u;
const latin = /[A-Za-z]/;

/** The language of a text as the benchmark labels it. */
export function queryLanguage(text: string): QueryLanguage {
  if (!han.test(text)) return 'en';
  return latin.test(text) ? 'mixed' : 'zh';
}

/**
 * The text of an entry in one language as the corpus indexes it: the headword's aliases and abbreviations (a glossary
 * search indexes the names people use), the one-line definition and the explanation. Worked examples and pitfalls
 * are left out, so the corpus describes each concept rather than quoting neighbouring ones.
 */
export function entryDocumentText(entry: GlossaryEntry, locale: Locale): { title: string; text: string } {
  const names = [...entry.aliases[locale].map(aliasText), ...(locale === 'en' ? entry.abbreviations : [])];
  const separator = locale === 'en' ? '; ' : '；';
  return {
    title: entry.term[locale],
    text: [names.join(separator), entry.definition[locale], entry.explanation[locale]].join('\n'),
  };
}

function buildBenchmark(): ConceptSearchBenchmark {
  const corpus = entries.map((entry): BenchmarkDocument => {
    const en = entryDocumentText(entry, 'en');
    const zh = entryDocumentText(entry, 'zh');
    return { id: entry.id, title: `${en.title} / ${zh.title}`, text: `${en.text}\n\n${zh.text}`, topic: entry.topic, languages: { en, zh } };
  });
  const queries: BenchmarkQuery[] = [];
  const judgments: BenchmarkJudgment[] = [];
  querySources.forEach((source, index) => {
    const id = `q${String(index + 1).padStart(3, '0')}`;
    queries.push({ id, text: source.text, language: queryLanguage(source.text), kind: source.kind });
    const judged = Object.entries(source.judgments).sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
    for (const [documentId, grade] of judged) judgments.push({ queryId: id, documentId, grade });
  });
  return { name: 'benchline-concept-search', corpus, queries, judgments };
}

/** The built-in concept-search benchmark, built from the glossary's entries and its hand-written queries. */
export const conceptSearchBenchmark: ConceptSearchBenchmark = buildBenchmark();

/** File names of the BEIR layout, relative to the benchmark's folder. */
export const beirFileNames = ['corpus.jsonl', 'queries.jsonl', 'qrels/test.tsv'] as const;
export type BeirFileName = (typeof beirFileNames)[number];

/**
 * The benchmark in BEIR layout, as file contents: `corpus.jsonl` (`_id`, `title`, `text`, and per-language
 * `title_en`, `text_en`, `title_zh`, `text_zh`, plus `metadata.topic`), `queries.jsonl` (`_id`, `text`,
 * `metadata.language`, `metadata.kind`) and `qrels/test.tsv` (header `query-id corpus-id score`). BEIR's loader
 * reads `_id`, `title` and `text` and ignores the other keys.
 */
export function beirFiles(benchmark: ConceptSearchBenchmark = conceptSearchBenchmark): Record<BeirFileName, string> {
  const corpus = benchmark.corpus.map((document) =>
    JSON.stringify({
      _id: document.id,
      title: document.title,
      text: document.text,
      title_en: document.languages.en.title,
      text_en: document.languages.en.text,
      title_zh: document.languages.zh.title,
      text_zh: document.languages.zh.text,
      metadata: { topic: document.topic },
    }),
  );
  const queries = benchmark.queries.map((query) => JSON.stringify({ _id: query.id, text: query.text, metadata: { language: query.language, kind: query.kind } }));
  const qrels = ['query-id\tcorpus-id\tscore', ...benchmark.judgments.map((judgment) => `${judgment.queryId}\t${judgment.documentId}\t${String(judgment.grade)}`)];
  return {
    'corpus.jsonl': `${corpus.join('\n')}\n`,
    'queries.jsonl': `${queries.join('\n')}\n`,
    'qrels/test.tsv': `${qrels.join('\n')}\n`,
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { bm25Index, cjkAnalyzer, parseBeirCorpus, parseBeirQueries } from '@benchline/metrics';
import { describe, expect, it } from 'vitest';
import { beirFileNames, beirFiles, conceptSearchBenchmark, entries, normalizeTerm, queryKinds } from '../src/index.js';
import { benchmarkDirectory, benchmarkFiles } from '../src/node/index.js';

const { corpus, queries, judgments } = conceptSearchBenchmark;

describe('the concept-search benchmark', () => {
  it('has one document per glossary entry and at least 150 queries with unique ids and texts', () => {
    expect(corpus.map((document) => document.id)).toEqual(entries.map((entry) => entry.id));
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(queries.map((query) => query.id)).size).toBe(queries.length);
    const texts = queries.map((query) => normalizeTerm(query.text));
    expect(texts.filter((text, index) => texts.indexOf(text) !== index)).toEqual([]);
  });

  it('judges only existing entries, and every query has an entry that answers it (grade 2)', () => {
    const ids = new Set(entries.map((entry) => entry.id));
    expect(judgments.filter((judgment) => !ids.has(judgment.documentId))).toEqual([]);
    const answered = new Set(judgments.filter((judgment) => judgment.grade === 2).map((judgment) => judgment.queryId));
    expect(queries.filter((query) => !answered.has(query.id)).map((query) => query.text)).toEqual([]);
  });

  it('mixes languages and kinds: English, Chinese and mixed; terms, abbreviations, paraphrases, questions and typos', () => {
    const count = (predicate: (query: (typeof queries)[number]) => boolean): number => queries.filter(predicate).length;
    expect(count((query) => query.language === 'en')).toBeGreaterThanOrEqual(50);
    expect(count((query) => query.language === 'zh')).toBeGreaterThanOrEqual(40);
    expect(count((query) => query.language === 'mixed')).toBeGreaterThanOrEqual(15);
    for (const kind of queryKinds) expect(count((query) => query.kind === kind), kind).toBeGreaterThanOrEqual(10);
  });

  it('labels languages from the text itself', () => {
    for (const query of queries) {
      const han = /\p{Script=Han}/u.test(query.text);
      const latin = /[A-Za-z]/.test(query.text);
      expect(query.language, query.text).toBe(han ? (latin ? 'mixed' : 'zh') : 'en');
    }
  });

  it('covers most entries as the answer of some query', () => {
    const answers = new Set(judgments.filter((judgment) => judgment.grade === 2).map((judgment) => judgment.documentId));
    expect(entries.filter((entry) => !answers.has(entry.id)).map((entry) => entry.id)).toEqual([]);
  });
});

describe('the BEIR files shipped in data/concept-search', () => {
  it('are in sync with the TypeScript data (run `pnpm --filter @benchline/glossary generate` after changing entries or queries)', () => {
    const expected = beirFiles();
    for (const name of beirFileNames) {
      const path = `${benchmarkDirectory()}${name}`;
      expect(existsSync(path), `${path} is missing`).toBe(true);
      expect(readFileSync(path, 'utf8') === expected[name], `${path} is out of date: run pnpm --filter @benchline/glossary generate`).toBe(true);
    }
  });

  it('are exposed through @benchline/glossary/node', () => {
    expect(Object.keys(benchmarkFiles()).sort()).toEqual([...beirFileNames].sort());
    for (const path of Object.values(benchmarkFiles())) expect(existsSync(path), path).toBe(true);
  });

  it('parse with the BEIR readers of @benchline/metrics, per-language fields included', () => {
    const files = beirFiles();
    const documents = parseBeirCorpus(files['corpus.jsonl']);
    expect(documents).toHaveLength(corpus.length);
    expect(documents[0]?.extra).toMatchObject({ title_en: 'benchmark', title_zh: '基准测试' });
    expect(parseBeirQueries(files['queries.jsonl'])).toHaveLength(queries.length);
    const lines = files['qrels/test.tsv'].trimEnd().split('\n');
    expect(lines[0]).toBe('query-id\tcorpus-id\tscore');
    expect(lines).toHaveLength(judgments.length + 1);
  });

  it('is hard enough that plain BM25 (CJK bigrams, title + text) does not put the answer first for every query', () => {
    const index = bm25Index(
      corpus.map((document) => ({ id: document.id, title: document.title, text: document.text })),
      { analyzer: cjkAnalyzer() },
    );
    const answers = new Map<string, Set<string>>();
    for (const judgment of judgments) {
      if (judgment.grade === 2) answers.set(judgment.queryId, (answers.get(judgment.queryId) ?? new Set()).add(judgment.documentId));
    }
    const hits = queries.filter((query) => {
      const top = index.searchText(query.text, 1)[0]?.docno;
      return top !== undefined && answers.get(query.id)?.has(top) === true;
    }).length;
    const successAt1 = hits / queries.length;
    // Not perfect (the typos and paraphrases defeat it), yet well above chance: every query has a defensible answer.
    expect(successAt1).toBeLessThan(0.95);
    expect(successAt1).toBeGreaterThan(0.6);
  });
});

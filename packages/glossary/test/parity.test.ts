import { describe, expect, it } from 'vitest';
import {
  aliasText,
  createIndex,
  entries,
  exampleText,
  headword,
  isDiscouraged,
  latexToPlain,
  locales,
  topics,
  UnknownTermError,
  validateEntries,
} from '../src/index.js';
import type { GlossaryEntry } from '../src/index.js';

describe('glossary parity (derived from the data)', () => {
  it('has no validation issue: every text in every locale, ids unique, related ids resolve, references well formed', () => {
    expect(validateEntries(entries)).toEqual([]);
  });

  it('has at least 60 entries, every topic used', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    for (const topic of topics.filter((name) => name !== 'general')) {
      expect(entries.some((entry) => entry.topic === topic), topic).toBe(true);
    }
  });

  for (const entry of entries) {
    it(`${entry.id}: both languages everywhere, aliases in both, a rendered example, at least one arXiv id or DOI-free reference that is well formed`, () => {
      for (const locale of locales) {
        expect(entry.term[locale].trim()).not.toBe('');
        expect(entry.aliases[locale].length, `${entry.id}: no ${locale} alias`).toBeGreaterThan(0);
        const rendered = exampleText(entry, locale);
        expect(rendered, `${entry.id}: unfilled placeholder in the ${locale} example`).not.toMatch(/\{\{|\}\}/);
      }
      expect(entry.pitfalls.length).toBeGreaterThan(0);
      expect(entry.references.length).toBeGreaterThan(0);
      if (entry.formula !== undefined) {
        expect(latexToPlain(entry.formula.latex), `${entry.id}: a LaTeX command the plain renderer does not know`).not.toContain('\\');
      }
    });
  }

  it('relates entries both ways often enough to browse: every entry is reachable from another', () => {
    const reachable = new Set(entries.flatMap((entry) => [...entry.related, ...entry.compareWith]));
    const unreachable = entries.filter((entry) => !reachable.has(entry.id)).map((entry) => entry.id);
    expect(unreachable).toEqual([]);
  });

  it('reports a missing translation, an English-only Chinese text, an unresolved related id, a malformed arXiv id and a bad placeholder', () => {
    const [first] = entries;
    if (first === undefined) throw new Error('the glossary is empty');
    const broken: GlossaryEntry = {
      ...first,
      id: 'broken',
      definition: { en: first.definition.en, zh: ' ' },
      explanation: { en: first.explanation.en, zh: 'English only' },
      example: { ...first.example, text: { en: 'See {{expect.nothing}}.', zh: first.example.text.zh } },
      related: ['no-such-entry'],
      references: [{ title: 'T', authors: 'A', year: 2020, arxiv: '12345' }],
    };
    const issues = validateEntries([...entries, broken]);
    expect(issues).toEqual([
      { entryId: 'broken', field: 'definition.zh', message: 'missing definition in locale "zh"' },
      { entryId: 'broken', field: 'explanation.zh', message: 'the Chinese explanation has no Chinese character: "English only"' },
      { entryId: 'broken', field: 'example.text.en', message: 'placeholder {{expect.nothing}} does not name a number of the computation' },
      { entryId: 'broken', field: 'references[0]', message: 'malformed arXiv id "12345"' },
      { entryId: 'broken', field: 'related', message: 'related id "no-such-entry" does not resolve' },
    ]);
  });

  it('rejects a reference whose year precedes its arXiv id', () => {
    const [first] = entries;
    if (first === undefined) throw new Error('the glossary is empty');
    const changed = { ...first, references: [{ title: 'LoRA', authors: 'Hu et al.', year: 2020, arxiv: '2106.09685' }] };
    const issues = validateEntries(entries.map((entry) => (entry === first ? changed : entry)));
    expect(issues).toEqual([{ entryId: first.id, field: 'references[0]', message: "year 2020 is before the arXiv id's year 2021" }]);
  });

  it('finds every entry by its id, each headword, abbreviation and alias in every locale', () => {
    const index = createIndex(entries);
    for (const entry of entries) {
      expect(index.find(entry.id)?.id).toBe(entry.id);
      for (const locale of locales) {
        expect(index.find(entry.term[locale])?.id).toBe(entry.id);
        for (const alias of entry.aliases[locale]) {
          expect(index.findAll(aliasText(alias)).map((match) => match.entry.id), `${entry.id}: alias "${aliasText(alias)}"`).toContain(entry.id);
        }
      }
    }
  });
});

describe('lookup', () => {
  const index = createIndex(entries);
  it('ignores case, full-width forms and spacing', () => {
    expect(index.find('BASELINE')?.id).toBe('baseline');
    expect(index.find('ｂａｓｅｌｉｎｅ  ｍｏｄｅｌ')?.id).toBe('baseline');
    expect(index.find('基线 模型')?.id).toBe('baseline');
    expect(index.find('ｒ＠１')?.id).toBe('r-at-1');
  });

  it('resolves 基线模型 to baseline and 基准测试 to benchmark; 基准 is ambiguous and lists baseline as a discouraged rendering', () => {
    expect(index.find('基线模型')?.id).toBe('baseline');
    expect(index.find('基准测试')?.id).toBe('benchmark');
    const matches = index.findAll('基准');
    expect(matches.map((match) => [match.entry.id, match.matchedBy])).toEqual([
      ['benchmark', 'alias'],
      ['baseline', 'discouraged-alias'],
    ]);
    const discouraged = index.find('基线模型')?.aliases.zh.find((alias) => aliasText(alias) === '基准');
    expect(discouraged !== undefined && isDiscouraged(discouraged)).toBe(true);
  });

  it('finds R@1 (the seed note\'s sense) by r@1 and Recall@K (TREC) by R@K', () => {
    expect(index.find('r@1')?.id).toBe('r-at-1');
    expect(index.find('R@K')?.id).toBe('recall-at-k');
    expect(index.find('查全率')?.id).toBe('recall');
    expect(index.find('查准率')?.id).toBe('precision');
  });

  it('returns undefined for an unknown term, and get() throws with suggestions', () => {
    expect(index.find('no such concept')).toBeUndefined();
    expect(() => index.get('basline')).toThrow(UnknownTermError);
    try {
      index.get('basline');
    } catch (error) {
      expect((error as UnknownTermError).suggestions[0]).toBe('baseline');
      expect((error as UnknownTermError).message).toMatch(/^no glossary entry for "basline"; did you mean "baseline"/);
    }
  });

  it('suggests by edit distance over ids, terms and aliases', () => {
    expect(index.suggest('precission')[0]).toBe('precision');
    expect(index.suggest('ndgc')).toContain('ndcg');
    expect(index.suggest('召回律')).toContain('recall');
  });

  it('lists by topic in glossary order', () => {
    const benchmarking = index.byTopic('benchmarking').map((entry) => entry.id);
    expect(benchmarking.slice(0, 2)).toEqual(['benchmark', 'baseline']);
    expect(benchmarking.every((id) => entries.find((entry) => entry.id === id)?.topic === 'benchmarking')).toBe(true);
  });
});

describe('rendering', () => {
  it('prints the headword as 中文（English, ABBR） in Chinese and English (ABBR; 中文) in English', () => {
    const index = createIndex(entries);
    const ndcg = index.get('ndcg');
    expect(headword(ndcg, 'zh')).toBe('归一化折损累计增益（normalized discounted cumulative gain, nDCG, NDCG）');
    expect(headword(index.get('baseline'), 'en')).toBe('baseline (基线模型)');
  });

  it('renders LaTeX as plain text', () => {
    expect(latexToPlain('\\frac{TP}{TP + FP}')).toBe('TP/(TP + FP)');
    expect(latexToPlain('\\mathrm{nDCG@}K = \\sum_{i=1}^{K} \\frac{g_i}{\\log_2(i + 1)}')).toBe('nDCG@K = Σᵢ₌₁ᴷ gᵢ/(log₂(i + 1))'.replace('ᴷ', '^K'));
    expect(latexToPlain('h = W_0 x + \\frac{\\alpha}{r} B A x')).toBe('h = W₀ x + α/r B A x');
    expect(latexToPlain('\\unknowncommand')).toContain('\\unknowncommand');
  });
});

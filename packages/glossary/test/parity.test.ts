import { describe, expect, it } from 'vitest';
import { createIndex, entries, locales, validateEntries } from '../src/index.js';
import type { GlossaryEntry } from '../src/index.js';

describe('glossary parity', () => {
  it('has no validation issue: every text in every locale, ids unique, related ids resolve, references well formed', () => {
    expect(validateEntries(entries)).toEqual([]);
  });

  it('reports a missing translation, an unresolved related id and a malformed arXiv id', () => {
    const [first] = entries;
    if (first === undefined) throw new Error('the glossary is empty');
    const broken: GlossaryEntry = {
      ...first,
      id: 'broken',
      definition: { en: first.definition.en, zh: ' ' },
      related: ['no-such-entry'],
      references: [{ title: 'T', authors: 'A', year: 2020, arxiv: '12345' }],
    };
    const issues = validateEntries([...entries, broken]);
    expect(issues).toEqual([
      { entryId: 'broken', field: 'definition.zh', message: 'missing definition in locale "zh"' },
      { entryId: 'broken', field: 'references[0]', message: 'malformed arXiv id "12345"' },
      { entryId: 'broken', field: 'related', message: 'related id "no-such-entry" does not resolve' },
    ]);
  });

  it('finds every entry by its id and by each headword and alias in every locale', () => {
    const index = createIndex(entries);
    for (const entry of entries) {
      expect(index.find(entry.id)?.id).toBe(entry.id);
      for (const locale of locales) {
        expect(index.find(entry.term[locale])?.id).toBe(entry.id);
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
  });
  it('returns undefined for an unknown term', () => {
    expect(index.find('no such concept')).toBeUndefined();
  });
  it('lists by topic', () => {
    expect(index.byTopic('benchmarking').map((entry) => entry.id)).toEqual(['benchmark', 'baseline']);
  });
});

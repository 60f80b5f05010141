import type { GlossaryEntry, Topic } from './schema.js';
import { locales } from './schema.js';

/**
 * Folds a term for lookup: Unicode compatibility form (full-width Ｒ@１ → R@1), lower case, and no spacing,
 * hyphens or underscores, so "Recall @ K", "recall@k" and "ＲＥＣＡＬＬ＠Ｋ" are one key.
 */
export function normalizeTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-_‐-―・·]+/gu, '');
}

/** An index of entries by id and by every alias in every locale. */
export interface GlossaryIndex {
  readonly entries: readonly GlossaryEntry[];
  /** The entry whose id, term or alias (any locale) matches `text` after {@link normalizeTerm}. */
  find(text: string): GlossaryEntry | undefined;
  /** Entries of one topic, in glossary order. */
  byTopic(topic: Topic): GlossaryEntry[];
}

/** Builds a {@link GlossaryIndex}. An alias shared by two entries resolves to the first. */
export function createIndex(entries: readonly GlossaryEntry[]): GlossaryIndex {
  const keys = new Map<string, GlossaryEntry>();
  const add = (text: string, entry: GlossaryEntry): void => {
    const key = normalizeTerm(text);
    if (key !== '' && !keys.has(key)) keys.set(key, entry);
  };
  // Ids and headwords first, so an alias never shadows another entry's own name.
  for (const entry of entries) {
    add(entry.id, entry);
    for (const locale of locales) add(entry.term[locale], entry);
  }
  for (const entry of entries) {
    for (const locale of locales) for (const alias of entry.aliases[locale]) add(alias, entry);
  }
  return {
    entries,
    find: (text) => keys.get(normalizeTerm(text)),
    byTopic: (topic) => entries.filter((entry) => entry.topic === topic),
  };
}

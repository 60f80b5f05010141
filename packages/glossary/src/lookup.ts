import { InvalidArgumentError, UnknownTermError } from './errors.js';
import type { GlossaryEntry, Topic } from './schema.js';
import { aliasText, isDiscouraged, locales } from './schema.js';

/**
 * Folds a term for lookup: Unicode compatibility form (full-width Ｒ@１ → R@1), lower case, and no spacing,
 * hyphens, underscores or middle dots, so "Recall @ K", "recall@k" and "ＲＥＣＡＬＬ＠Ｋ" are one key.
 */
export function normalizeTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\-_‐-―・·]+/gu, '');
}

/** How a lookup key matched an entry, strongest first. */
export const matchKinds = ['id', 'term', 'abbreviation', 'alias', 'discouraged-alias', 'notation'] as const;
export type MatchKind = (typeof matchKinds)[number];

/** One entry a key matched, and how. */
export interface LookupMatch {
  readonly entry: GlossaryEntry;
  readonly matchedBy: MatchKind;
  /** The name as written in the entry. */
  readonly matchedText: string;
}

/** An index of entries by id, headword, abbreviation, alias and tool notation, in every locale. */
export interface GlossaryIndex {
  readonly entries: readonly GlossaryEntry[];
  /**
   * The best entry for `text` after {@link normalizeTerm}: an id or headword beats an abbreviation, which beats an
   * alias, a discouraged alias, then a tool's notation; equal matches go to the entry listed first.
   */
  find(text: string): GlossaryEntry | undefined;
  /** Every entry `text` names, best match first (基准 names the benchmark and, as a discouraged rendering, the baseline). */
  findAll(text: string): LookupMatch[];
  /**
   * The entry for `text`, or a typed error with the closest names' entries.
   * @throws {UnknownTermError} when nothing matches; its `suggestions` hold up to `limit` (default 5) entry ids.
   */
  get(text: string): GlossaryEntry;
  /** Entry ids whose names are closest to `text` by edit distance, best first, at most `limit` (default 5). */
  suggest(text: string, limit?: number): string[];
  /** Entries of one topic, in glossary order. */
  byTopic(topic: Topic): GlossaryEntry[];
}

interface Keyed {
  readonly entry: GlossaryEntry;
  readonly matchedBy: MatchKind;
  readonly matchedText: string;
  readonly order: number;
}

/** Builds a {@link GlossaryIndex}. */
export function createIndex(entries: readonly GlossaryEntry[]): GlossaryIndex {
  const keys = new Map<string, Keyed[]>();
  entries.forEach((entry, order) => {
    const add = (text: string, matchedBy: MatchKind): void => {
      const key = normalizeTerm(text);
      if (key === '') return;
      const list = keys.get(key) ?? [];
      if (!list.some((keyed) => keyed.entry === entry && matchKinds.indexOf(keyed.matchedBy) <= matchKinds.indexOf(matchedBy))) {
        list.push({ entry, matchedBy, matchedText: text, order });
      }
      keys.set(key, list);
    };
    add(entry.id, 'id');
    for (const locale of locales) add(entry.term[locale], 'term');
    for (const abbreviation of entry.abbreviations) add(abbreviation, 'abbreviation');
    for (const locale of locales) {
      for (const alias of entry.aliases[locale]) add(aliasText(alias), isDiscouraged(alias) ? 'discouraged-alias' : 'alias');
    }
    for (const notation of entry.notation) add(notation.name, 'notation');
  });

  const findAll = (text: string): LookupMatch[] => {
    const list = keys.get(normalizeTerm(text)) ?? [];
    const best = new Map<GlossaryEntry, Keyed>();
    for (const keyed of list) {
      const previous = best.get(keyed.entry);
      if (previous === undefined || matchKinds.indexOf(keyed.matchedBy) < matchKinds.indexOf(previous.matchedBy)) best.set(keyed.entry, keyed);
    }
    return [...best.values()]
      .sort((left, right) => matchKinds.indexOf(left.matchedBy) - matchKinds.indexOf(right.matchedBy) || left.order - right.order)
      .map(({ entry, matchedBy, matchedText }) => ({ entry, matchedBy, matchedText }));
  };

  const suggest = (text: string, limit = 5): string[] => {
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError('limit', `limit must be a positive integer, got ${String(limit)}`);
    const query = normalizeTerm(text);
    if (query === '') return [];
    const distances = new Map<GlossaryEntry, number>();
    for (const [key, list] of keys) {
      let distance = editDistance(query, key);
      // A query that is the start of a longer name ("wilcox" for "wilcoxon") is as good as one edit.
      if (key.length > query.length && query.length >= 3 && key.startsWith(query)) distance = Math.min(distance, 1);
      for (const keyed of list) {
        const previous = distances.get(keyed.entry);
        if (previous === undefined || distance < previous) distances.set(keyed.entry, distance);
      }
    }
    const threshold = Math.max(2, Math.ceil([...query].length / 3));
    return [...distances.entries()]
      .filter(([, distance]) => distance <= threshold)
      .sort((left, right) => left[1] - right[1] || entries.indexOf(left[0]) - entries.indexOf(right[0]))
      .slice(0, limit)
      .map(([entry]) => entry.id);
  };

  return {
    entries,
    find: (text) => findAll(text)[0]?.entry,
    findAll,
    get(text) {
      const match = findAll(text)[0];
      if (match === undefined) throw new UnknownTermError(text, suggest(text));
      return match.entry;
    },
    suggest,
    byTopic: (topic) => entries.filter((entry) => entry.topic === topic),
  };
}

/**
 * Optimal-string-alignment distance over code points: insertions, deletions, substitutions and transpositions of
 * neighbours each cost 1 ("recal" → "recall" is 1, "wilcoxen" → "wilcoxon" is 1, "bm52" → "bm25" is 1).
 */
export function editDistance(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (previousPrevious[j - 2] as number) + 1);
      current.push(value);
    }
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

import { InvalidArgumentError } from './errors.js';
import { createIndex, editDistance } from './lookup.js';
import type { GlossaryEntry } from './schema.js';
import { aliasText, locales } from './schema.js';

/** One search result. */
export interface SearchHit {
  readonly entry: GlossaryEntry;
  readonly score: number;
}

export interface SearchOptions {
  /** Most results to return; default 10. */
  readonly limit?: number;
}

/** A searcher over a fixed list of entries; build it once, query it many times. */
export interface GlossarySearcher {
  search(text: string, options?: SearchOptions): SearchHit[];
}

const hanRun = /[\p{Script=Han}]+/gu;
const wordRun = /[\p{L}\p{N}][\p{L}\p{N}@._+'-]*/gu;

/**
 * Splits text into search tokens: lower-cased NFKC words (a compound such as `ndcg@10` also yields its parts
 * `ndcg` and `10`), and Chinese runs as overlapping character bigrams (a single character stands alone), the
 * usual way to index Chinese without a dictionary.
 */
export function searchTokens(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const tokens: string[] = [];
  for (const run of folded.match(hanRun) ?? []) {
    const characters = [...run];
    if (characters.length === 1) tokens.push(run);
    for (let index = 0; index + 1 < characters.length; index++) tokens.push(`${characters[index] as string}${characters[index + 1] as string}`);
  }
  const latin = folded.replace(hanRun, ' ');
  for (const word of latin.match(wordRun) ?? []) {
    const trimmed = word.replace(/[._'+-]+$/u, '');
    if (trimmed === '') continue;
    tokens.push(trimmed);
    const parts = trimmed.split(/[@._'+-]+/u).filter((part) => part !== '');
    if (parts.length > 1) tokens.push(...parts);
  }
  return tokens;
}

interface Field {
  readonly weight: number;
  readonly counts: ReadonlyMap<string, number>;
}

/**
 * A small TF-IDF scorer over an entry's names (weight 3), definition (2) and explanation and pitfalls (1), with
 * typo tolerance (a word absent from the glossary matches its nearest words at one or two edits, at 0.7 of the
 * weight) and an exact-name bonus (a query that is an id, headword or alias puts that entry first). It is the
 * glossary's own search, for the browser and as a fallback; the CLI ranks with `@benchline/metrics`' BM25 when that
 * is available.
 */
export function createSearcher(entries: readonly GlossaryEntry[]): GlossarySearcher {
  const index = createIndex(entries);
  const documents = entries.map((entry) => entryFields(entry));
  const documentFrequency = new Map<string, number>();
  for (const fields of documents) {
    const seen = new Set<string>();
    for (const field of fields) for (const token of field.counts.keys()) seen.add(token);
    for (const token of seen) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
  }
  const vocabulary = [...documentFrequency.keys()].filter((token) => /^[a-z0-9]/.test(token));
  const inverseFrequency = (token: string): number => Math.log(1 + entries.length / (documentFrequency.get(token) ?? entries.length));

  const expand = (token: string): { token: string; factor: number }[] => {
    if (documentFrequency.has(token) || !/^[a-z]{4,}$/.test(token)) return [{ token, factor: 1 }];
    const allowed = token.length >= 8 ? 2 : 1;
    return vocabulary
      .filter((candidate) => Math.abs(candidate.length - token.length) <= allowed && editDistance(candidate, token) <= allowed)
      .map((candidate) => ({ token: candidate, factor: 0.7 }));
  };

  return {
    search(text, options = {}) {
      const limit = options.limit ?? 10;
      if (!Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError('limit', `limit must be a positive integer, got ${String(limit)}`);
      const queryTokens = [...new Set(searchTokens(text))].flatMap(expand);
      const exact = new Set(index.findAll(text).map((match) => match.entry));
      const hits: SearchHit[] = [];
      entries.forEach((entry, position) => {
        const fields = documents[position] as readonly Field[];
        let score = exact.has(entry) ? 100 : 0;
        for (const { token, factor } of queryTokens) {
          let best = 0;
          for (const field of fields) {
            const count = field.counts.get(token) ?? 0;
            if (count > 0) best = Math.max(best, (field.weight * count) / (count + 1));
          }
          score += best * factor * inverseFrequency(token);
        }
        if (score > 0) hits.push({ entry, score });
      });
      hits.sort((left, right) => right.score - left.score || left.entry.id.localeCompare(right.entry.id));
      return hits.slice(0, limit);
    },
  };
}

function entryFields(entry: GlossaryEntry): Field[] {
  const names = [entry.id.replace(/-/g, ' '), ...entry.abbreviations, ...locales.flatMap((locale) => [entry.term[locale], ...entry.aliases[locale].map(aliasText)])];
  return [
    { weight: 3, counts: countTokens(names.join(' \n ')) },
    { weight: 2, counts: countTokens(locales.map((locale) => entry.definition[locale]).join('\n')) },
    {
      weight: 1,
      counts: countTokens(
        locales.flatMap((locale) => [entry.explanation[locale], ...entry.pitfalls.map((pitfall) => pitfall[locale])]).join('\n'),
      ),
    },
  ];
}

function countTokens(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of searchTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

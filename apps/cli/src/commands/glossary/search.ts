import { conceptSearchBenchmark, createIndex, entries } from '@benchline/glossary';
import type { GlossaryEntry, Locale } from '@benchline/glossary';
import { bm25Index, cjkAnalyzer } from '@benchline/metrics';
import type { CliIo } from '../../io.js';
import { formatWideTable } from '../../output/format.js';
import { labels, outputLocale } from './labels.js';

export interface GlossarySearchOptions {
  readonly text: string;
  readonly lang?: Locale | undefined;
  readonly limit: number;
  readonly json: boolean;
}

interface Hit {
  readonly entry: GlossaryEntry;
  /** `name` for an exact id/term/alias match, `bm25` for a ranked match, `suggestion` for an edit-distance neighbour. */
  readonly matchedBy: 'name' | 'bm25' | 'suggestion';
  readonly score: number;
}

const ranker = 'exact names first, then BM25 (Lucene, k1 = 0.9, b = 0.4, CJK bigram analyzer) over the concept-search corpus, then the closest names by edit distance';

/**
 * `benchline glossary search <text>`: entries ranked for a free-text query in English, Chinese or both. An exact
 * id, term or alias comes first; then `@benchline/metrics`' BM25 over the glossary corpus (the built-in benchmark's
 * documents: names, definitions and explanations in both languages, Chinese as character bigrams); when BM25 finds
 * nothing (a typo), the entries whose names are closest by edit distance.
 */
export function glossarySearch(options: GlossarySearchOptions, io: CliIo): Promise<void> {
  const hits = rank(options.text, options.limit);
  if (options.json) {
    const results = hits.map((hit, position) => ({ rank: position + 1, id: hit.entry.id, term: hit.entry.term, matchedBy: hit.matchedBy, score: hit.score }));
    io.stdout.write(`${JSON.stringify({ query: options.text, ranker, results }, null, 2)}\n`);
    return Promise.resolve();
  }
  const locale = outputLocale(options.lang, options.text);
  if (hits.length === 0) {
    io.stderr.write(`no glossary entry matches "${options.text}"\n`);
    return Promise.resolve();
  }
  const text = labels[locale];
  const other: Locale = locale === 'en' ? 'zh' : 'en';
  const rows = hits.map((hit, position) => [
    String(position + 1),
    hit.entry.id,
    hit.entry.term[locale],
    hit.entry.term[other],
    hit.matchedBy === 'bm25' ? hit.score.toFixed(3) : hit.matchedBy,
  ]);
  io.stdout.write(formatWideTable(rows, { header: ['#', text.id, text.term, text.otherTerm, text.score], rightAligned: [0, 4] }));
  return Promise.resolve();
}

function rank(query: string, limit: number): Hit[] {
  const index = createIndex(entries);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const add = (hit: Hit): void => {
    if (seen.has(hit.entry.id) || hits.length >= limit) return;
    seen.add(hit.entry.id);
    hits.push(hit);
  };
  for (const match of index.findAll(query)) add({ entry: match.entry, matchedBy: 'name', score: 0 });
  const bm25 = bm25Index(
    conceptSearchBenchmark.corpus.map((document) => ({ id: document.id, title: document.title, text: document.text })),
    { analyzer: cjkAnalyzer() },
  );
  const ranked = bm25.searchText(query, limit);
  for (const document of ranked) {
    const entry = byId.get(document.docno);
    if (entry !== undefined) add({ entry, matchedBy: 'bm25', score: document.score });
  }
  if (ranked.length === 0) {
    for (const id of index.suggest(query, limit)) {
      const entry = byId.get(id);
      if (entry !== undefined) add({ entry, matchedBy: 'suggestion', score: 0 });
    }
  }
  return hits;
}

import { createIndex, entries, topics } from '@benchline/glossary';
import type { Locale, Topic } from '@benchline/glossary';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { formatWideTable } from '../../output/format.js';
import { labels } from './labels.js';

export interface GlossaryListOptions {
  readonly topic?: string | undefined;
  readonly lang: Locale;
  readonly json: boolean;
}

/** `benchline glossary list [--topic T] [--lang en|zh]`: the entries as a table (or JSON). */
export function glossaryList(options: GlossaryListOptions, io: CliIo): Promise<void> {
  if (options.topic !== undefined && !(topics as readonly string[]).includes(options.topic)) {
    throw usageError(`--topic expects one of ${topics.join(', ')}, got "${options.topic}"`);
  }
  const index = createIndex(entries);
  const selected = options.topic === undefined ? entries : index.byTopic(options.topic as Topic);
  if (options.json) {
    const rows = selected.map((entry) => ({ id: entry.id, topic: entry.topic, term: entry.term, abbreviations: entry.abbreviations }));
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return Promise.resolve();
  }
  const text = labels[options.lang];
  const other: Locale = options.lang === 'en' ? 'zh' : 'en';
  const rows = selected.map((entry) => {
    const abbreviations = entry.abbreviations.filter((abbreviation) => abbreviation !== entry.term.en);
    const headword = abbreviations.length === 0 ? entry.term[options.lang] : `${entry.term[options.lang]} (${abbreviations.join(', ')})`;
    return [entry.id, headword, entry.term[other], entry.topic];
  });
  io.stdout.write(formatWideTable(rows, { header: [text.id, text.term, text.otherTerm, text.topic] }));
  io.stderr.write(`${String(selected.length)} ${options.lang === 'en' ? 'entries' : text.entries}\n`);
  return Promise.resolve();
}

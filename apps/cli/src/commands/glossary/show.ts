import { aliasText, createIndex, entries, exampleText, headword, isDiscouraged, latexToPlain } from '@benchline/glossary';
import type { GlossaryEntry, Locale, Reference } from '@benchline/glossary';
import type { CliIo } from '../../io.js';
import { colorsFor } from '../../output/colors.js';
import { wrapToWidth } from '../../output/format.js';
import { labels, outputLocale } from './labels.js';

export interface GlossaryShowOptions {
  readonly term: string;
  readonly lang?: Locale | undefined;
  readonly json: boolean;
}

/**
 * `benchline glossary show <term>`: one entry, formatted for the terminal in the chosen language (or JSON).
 *
 * @throws {UnknownTermError} (exit 2) when no id, term or alias matches; the message lists the closest entries.
 */
export function glossaryShow(options: GlossaryShowOptions, io: CliIo): Promise<void> {
  const index = createIndex(entries);
  const entry = index.get(options.term);
  const others = index
    .findAll(options.term)
    .map((match) => match.entry)
    .filter((other) => other !== entry);
  if (options.json) {
    const json = {
      ...entry,
      example: { text: { en: exampleText(entry, 'en'), zh: exampleText(entry, 'zh') }, computation: entry.example.computation },
      ...(entry.formula === undefined ? {} : { formula: { ...entry.formula, plain: latexToPlain(entry.formula.latex) } }),
      alsoMatches: others.map((other) => other.id),
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return Promise.resolve();
  }
  io.stdout.write(renderEntry(entry, outputLocale(options.lang, options.term), { io, others }));
  return Promise.resolve();
}

function renderEntry(entry: GlossaryEntry, locale: Locale, context: { io: CliIo; others: readonly GlossaryEntry[] }): string {
  const colors = colorsFor(context.io.stdout, context.io.env);
  const text = labels[locale];
  const width = Math.min(context.io.stdout.columns ?? 100, 100);
  const colon = locale === 'zh' ? '：' : ': ';
  const lines: string[] = [];
  const section = (title: string): void => {
    lines.push('', colors.bold(title));
  };
  const paragraph = (body: string, indent = '  '): void => {
    lines.push(wrapToWidth(body, width, indent));
  };
  const byId = new Map(entries.map((other) => [other.id, other]));
  const name = (id: string): string => {
    const other = byId.get(id);
    return other === undefined ? id : `${other.term[locale]} (${id})`;
  };

  lines.push(colors.bold(headword(entry, locale)));
  const facts = [`${text.topic}${colon}${entry.topic}`];
  if (entry.range !== undefined) {
    const max = entry.range.max === null ? text.unbounded : String(entry.range.max);
    facts.push(`${text.range}${colon}[${String(entry.range.min)}, ${max}], ${text[entry.range.better]}`);
  }
  lines.push(colors.dim(facts.join(' · ')));
  if (context.others.length > 0) lines.push(colors.dim(`${text.alsoMatches}${colon}${context.others.map((other) => name(other.id)).join(', ')}`));

  section(text.definition);
  paragraph(entry.definition[locale]);
  section(text.explanation);
  paragraph(entry.explanation[locale]);
  if (entry.formula !== undefined) {
    section(text.formula);
    lines.push(`  ${latexToPlain(entry.formula.latex)}`);
    lines.push(colors.dim(`  ${text.latex}${colon}${entry.formula.latex}`));
    paragraph(`${text.where}${colon}${entry.formula.symbols[locale]}`);
  }
  section(text.example);
  paragraph(exampleText(entry, locale));
  section(text.pitfalls);
  for (const pitfall of entry.pitfalls) paragraph(`- ${pitfall[locale]}`);
  if (entry.compareWith.length > 0) {
    section(text.compareWith);
    paragraph(entry.compareWith.map(name).join(', '));
  }
  if (entry.related.length > 0) {
    section(text.related);
    paragraph(entry.related.map(name).join(', '));
  }
  section(text.aliases);
  const other: Locale = locale === 'en' ? 'zh' : 'en';
  const aliases = [...entry.aliases[locale], ...entry.aliases[other]].map((alias) =>
    isDiscouraged(alias)
      ? locale === 'zh'
        ? `${alias.text}（${text.discouraged}：${alias.reason}）`
        : `${alias.text} (${text.discouraged}: ${alias.reason})`
      : aliasText(alias),
  );
  paragraph(aliases.join(locale === 'zh' ? '、' : ', '));
  if (entry.notation.length > 0) {
    section(text.notation);
    for (const notation of entry.notation) lines.push(`  ${notation.tool}${colon}${notation.name}`);
  }
  section(text.references);
  for (const reference of entry.references) paragraph(`- ${formatReference(reference)}`);
  return `${lines.join('\n')}\n`;
}

/** "Authors (year). Title. Venue. arXiv:id / doi:… / url". */
export function formatReference(reference: Reference): string {
  const parts = [`${reference.authors} (${String(reference.year)}). ${reference.title}.`];
  if (reference.venue !== undefined) parts.push(`${reference.venue}.`);
  if (reference.arxiv !== undefined) parts.push(`arXiv:${reference.arxiv}`);
  if (reference.doi !== undefined) parts.push(`doi:${reference.doi}`);
  if (reference.url !== undefined) parts.push(reference.url);
  return parts.join(' ');
}

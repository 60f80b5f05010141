import { templatePlaceholders, valueAtPath } from './render.js';
import type { GlossaryEntry, Localized, Reference } from './schema.js';
import { aliasText, isDiscouraged, locales, notationTools, topics } from './schema.js';

/** A problem found by {@link validateEntries}, as data so callers can format it. */
export interface ValidationIssue {
  readonly entryId: string;
  readonly field: string;
  readonly message: string;
}

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const newArxivPattern = /^(\d{2})(\d{2})\.\d{4,5}(?:v\d+)?$/;
const oldArxivPattern = /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?$/;
const doiPattern = /^10\.\d{4,9}\/\S+$/;
const hanPattern = /\p{Script=Han}/u;
const placeholderFormats = new Set([undefined, 'percent', 'plain']);

/**
 * Checks a list of entries for everything the schema's types cannot express: ids are unique kebab-case slugs,
 * every text exists and is non-empty in every locale (and the Chinese texts are Chinese), related and contrasted
 * ids resolve, a discouraged alias says why, the worked example's placeholders name numbers of its computation,
 * references are well formed (an arXiv id's year is not after the reference's year).
 *
 * @returns the problems found, in entry order; empty when the entries are valid.
 */
export function validateEntries(entries: readonly GlossaryEntry[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    const report = (field: string, message: string): void => {
      issues.push({ entryId: entry.id, field, message });
    };
    if (!idPattern.test(entry.id)) report('id', `id must be a kebab-case slug, got "${entry.id}"`);
    if (ids.has(entry.id)) report('id', `duplicate id "${entry.id}"`);
    ids.add(entry.id);
    if (!(topics as readonly string[]).includes(entry.topic)) report('topic', `unknown topic "${entry.topic}"`);
    checkLocalized(entry.term, 'term', report);
    checkLocalized(entry.definition, 'definition', report);
    checkLocalized(entry.explanation, 'explanation', report);
    checkLocalized(entry.example.text, 'example.text', report);
    if (entry.pitfalls.length === 0) report('pitfalls', 'at least one pitfall is required');
    entry.pitfalls.forEach((pitfall, index) => {
      checkLocalized(pitfall, `pitfalls[${String(index)}]`, report);
    });
    checkAliases(entry, report);
    entry.abbreviations.forEach((abbreviation, index) => {
      if (abbreviation.trim() === '') report(`abbreviations[${String(index)}]`, 'empty abbreviation');
    });
    entry.notation.forEach((notation, index) => {
      if (!(notationTools as readonly string[]).includes(notation.tool)) report(`notation[${String(index)}]`, `unknown tool "${notation.tool}"`);
      if (notation.name.trim() === '') report(`notation[${String(index)}]`, 'empty notation name');
    });
    if (entry.formula !== undefined) {
      if (entry.formula.latex.trim() === '') report('formula.latex', 'formula is present but empty');
      checkLocalized(entry.formula.symbols, 'formula.symbols', report);
    }
    if (entry.range !== undefined && entry.range.max !== null && !(entry.range.min < entry.range.max)) {
      report('range', `range minimum ${String(entry.range.min)} is not below its maximum ${String(entry.range.max)}`);
    }
    checkExample(entry, report);
    if (entry.references.length === 0) report('references', 'at least one reference is required');
    entry.references.forEach((reference, index) => {
      checkReference(reference, `references[${String(index)}]`, report);
    });
  }
  for (const entry of entries) {
    for (const field of ['related', 'compareWith'] as const) {
      const seen = new Set<string>();
      for (const otherId of entry[field]) {
        if (!ids.has(otherId)) issues.push({ entryId: entry.id, field, message: `${field} id "${otherId}" does not resolve` });
        if (otherId === entry.id) issues.push({ entryId: entry.id, field, message: 'an entry refers to itself' });
        if (seen.has(otherId)) issues.push({ entryId: entry.id, field, message: `"${otherId}" is listed twice` });
        seen.add(otherId);
      }
    }
  }
  return issues;
}

type Report = (field: string, message: string) => void;

function checkLocalized(value: Localized | undefined, field: string, report: Report): void {
  for (const locale of locales) {
    const text = value?.[locale];
    if (typeof text !== 'string' || text.trim() === '') {
      report(`${field}.${locale}`, `missing ${field} in locale "${locale}"`);
    } else if (locale === 'zh' && !hanPattern.test(text)) {
      report(`${field}.zh`, `the Chinese ${field} has no Chinese character: "${text.slice(0, 40)}"`);
    }
  }
}

function checkAliases(entry: GlossaryEntry, report: Report): void {
  for (const locale of locales) {
    const aliases: unknown = entry.aliases[locale];
    if (!Array.isArray(aliases)) {
      report(`aliases.${locale}`, `missing aliases list for locale "${locale}"`);
      continue;
    }
    const seen = new Set<string>();
    entry.aliases[locale].forEach((alias, index) => {
      const field = `aliases.${locale}[${String(index)}]`;
      const text = aliasText(alias);
      if (text.trim() === '') report(field, 'empty alias');
      if (seen.has(text)) report(field, `alias "${text}" is listed twice`);
      seen.add(text);
      if (isDiscouraged(alias) && alias.reason.trim() === '') report(field, `discouraged alias "${text}" needs a reason`);
    });
  }
}

function checkExample(entry: GlossaryEntry, report: Report): void {
  for (const locale of locales) {
    const template = entry.example.text[locale];
    for (const placeholder of templatePlaceholders(template)) {
      const value = valueAtPath(entry.example.computation, placeholder.path);
      if (typeof value !== 'number') {
        report(`example.text.${locale}`, `placeholder {{${placeholder.path}}} does not name a number of the computation`);
      }
      if (!placeholderFormats.has(placeholder.format)) {
        report(`example.text.${locale}`, `placeholder {{${placeholder.path}|${String(placeholder.format)}}} has an unknown format`);
      }
    }
    const unclosed = template.replace(/\{\{[A-Za-z0-9_.@]+(?:\|[a-z]+)?\}\}/g, '');
    if (unclosed.includes('{{') || unclosed.includes('}}')) report(`example.text.${locale}`, 'malformed placeholder');
  }
}

function checkReference(reference: Reference, field: string, report: Report): void {
  if (reference.title.trim() === '') report(field, 'reference without a title');
  if (reference.authors.trim() === '') report(field, 'reference without authors');
  if (!Number.isInteger(reference.year) || reference.year < 1800 || reference.year > 2100) {
    report(field, `implausible year ${String(reference.year)}`);
  }
  if (reference.arxiv === undefined && reference.doi === undefined && reference.url === undefined && reference.venue === undefined) {
    report(field, 'a reference needs an arXiv id, a DOI, a URL or a venue');
  }
  if (reference.arxiv !== undefined) {
    const modern = newArxivPattern.exec(reference.arxiv);
    if (modern === null && !oldArxivPattern.test(reference.arxiv)) report(field, `malformed arXiv id "${reference.arxiv}"`);
    if (modern !== null) {
      const arxivYear = 2000 + Number(modern[1]);
      const month = Number(modern[2]);
      if (month < 1 || month > 12) report(field, `arXiv id "${reference.arxiv}" has no month ${String(month)}`);
      if (reference.year < arxivYear) report(field, `year ${String(reference.year)} is before the arXiv id's year ${String(arxivYear)}`);
    }
  }
  if (reference.doi !== undefined && !doiPattern.test(reference.doi)) report(field, `malformed DOI "${reference.doi}"`);
  if (reference.url !== undefined && !/^https:\/\/\S+$/.test(reference.url)) report(field, `malformed URL "${reference.url}"`);
}

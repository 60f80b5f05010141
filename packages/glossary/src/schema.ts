/** The glossary's languages. Every text field carries both. */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

/** A text in every locale. */
export type Localized<T = string> = { readonly [L in Locale]: T };

/** Topics group entries for listing (`benchline glossary list --topic ...`). */
export const topics = ['benchmarking', 'retrieval-metric', 'statistics', 'retrieval-method', 'fine-tuning', 'general'] as const;
export type Topic = (typeof topics)[number];

/** A published work that introduced or defines the concept. At least one of `arxiv`, `doi` or `url` identifies it. */
export interface Reference {
  readonly title: string;
  readonly authors: string;
  readonly year: number;
  readonly venue?: string;
  /** arXiv identifier without the `arXiv:` prefix, e.g. `2106.09685`. */
  readonly arxiv?: string;
  /** DOI without a resolver, e.g. `10.1145/1571941.1572114`. */
  readonly doi?: string;
  readonly url?: string;
}

/** One glossary entry. */
export interface GlossaryEntry {
  /** Stable kebab-case slug, e.g. `recall-at-k`. */
  readonly id: string;
  readonly topic: Topic;
  /** Preferred headword in each language. */
  readonly term: Localized;
  /** Other names, abbreviations and discouraged renderings, per language. */
  readonly aliases: Localized<readonly string[]>;
  /** One self-contained sentence. */
  readonly definition: Localized;
  /** The full explanation: what it is, how it is used, how to read it. */
  readonly explanation: Localized;
  /** The defining formula in LaTeX, when the concept has one. */
  readonly formula?: string;
  /** A worked example with numbers, in each language. */
  readonly example: Localized;
  /** Mistakes people make with this concept. */
  readonly pitfalls: readonly Localized[];
  /** Ids of related entries. */
  readonly related: readonly string[];
  readonly references: readonly Reference[];
}

/** A problem found by {@link validateEntries}, as data so callers can format it. */
export interface ValidationIssue {
  readonly entryId: string;
  readonly field: string;
  readonly message: string;
}

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const arxivPattern = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;
const doiPattern = /^10\.\d{4,9}\/\S+$/;

/**
 * Checks a list of entries for everything the schema's types cannot express: ids are unique kebab-case slugs,
 * every text exists and is non-empty in every locale, related ids resolve, references are well formed.
 *
 * @returns the problems found, empty when the entries are valid.
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
    for (const field of ['term', 'definition', 'explanation', 'example'] as const) {
      checkLocalized(entry[field], field, report);
    }
    entry.pitfalls.forEach((pitfall, index) => {
      checkLocalized(pitfall, `pitfalls[${String(index)}]`, report);
    });
    for (const locale of locales) {
      const aliases: unknown = entry.aliases[locale];
      if (!Array.isArray(aliases)) report(`aliases.${locale}`, `missing aliases list for locale "${locale}"`);
      else if (aliases.some((alias) => typeof alias !== 'string' || alias.trim() === '')) report(`aliases.${locale}`, 'empty alias');
    }
    if (entry.formula?.trim() === '') report('formula', 'formula is present but empty');
    if (entry.references.length === 0) report('references', 'at least one reference is required');
    entry.references.forEach((reference, index) => {
      checkReference(reference, `references[${String(index)}]`, report);
    });
  }
  for (const entry of entries) {
    for (const relatedId of entry.related) {
      if (!ids.has(relatedId)) {
        issues.push({ entryId: entry.id, field: 'related', message: `related id "${relatedId}" does not resolve` });
      }
      if (relatedId === entry.id) issues.push({ entryId: entry.id, field: 'related', message: 'an entry relates to itself' });
    }
  }
  return issues;
}

function checkLocalized(value: Localized | undefined, field: string, report: (field: string, message: string) => void): void {
  for (const locale of locales) {
    const text = value?.[locale];
    if (typeof text !== 'string' || text.trim() === '') report(`${field}.${locale}`, `missing ${field} in locale "${locale}"`);
  }
}

function checkReference(reference: Reference, field: string, report: (field: string, message: string) => void): void {
  if (reference.title.trim() === '') report(field, 'reference without a title');
  if (reference.authors.trim() === '') report(field, 'reference without authors');
  if (!Number.isInteger(reference.year) || reference.year < 1800 || reference.year > 2100) {
    report(field, `implausible year ${String(reference.year)}`);
  }
  if (reference.arxiv === undefined && reference.doi === undefined && reference.url === undefined && reference.venue === undefined) {
    report(field, 'a reference needs an arXiv id, a DOI, a URL or a venue');
  }
  if (reference.arxiv !== undefined && !arxivPattern.test(reference.arxiv)) report(field, `malformed arXiv id "${reference.arxiv}"`);
  if (reference.doi !== undefined && !doiPattern.test(reference.doi)) report(field, `malformed DOI "${reference.doi}"`);
  if (reference.url !== undefined && !/^https:\/\/\S+$/.test(reference.url)) report(field, `malformed URL "${reference.url}"`);
}

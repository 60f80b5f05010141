import type { Computation } from './computation.js';

/** The glossary's languages. Every text field carries both. */
export const locales = ['en', 'zh'] as const;
export type Locale = (typeof locales)[number];

/** A text in every locale. */
export type Localized<T = string> = { readonly [L in Locale]: T };

/** Topics group entries for listing (`benchline glossary list --topic ...`). */
export const topics = ['benchmarking', 'retrieval-metric', 'statistics', 'retrieval-method', 'fine-tuning', 'general'] as const;
export type Topic = (typeof topics)[number];

/**
 * Another name for the concept. A plain string is an accepted synonym or abbreviation; the object form marks a
 * rendering the glossary advises against (基准 for *baseline*, which collides with 基准测试 for *benchmark*).
 * Lookup finds an entry by a discouraged alias too, so a reader who meets it in a book still lands on the entry.
 */
export type Alias = string | DiscouragedAlias;

export interface DiscouragedAlias {
  readonly text: string;
  readonly discouraged: true;
  /** Why it is discouraged, in the alias's own language. */
  readonly reason: string;
}

/** Tools whose names for a measure or setting the glossary records. */
export const notationTools = ['trec_eval', 'ir_measures', 'ranx', 'pytrec_eval', 'beir', 'scipy', 'peft', 'benchline'] as const;
export type NotationTool = (typeof notationTools)[number];

/** How one tool writes the concept: `{ tool: 'trec_eval', name: 'recall.10' }`. */
export interface Notation {
  readonly tool: NotationTool;
  readonly name: string;
}

/** The values a measure or statistic can take and which direction is better. */
export interface ValueRange {
  readonly min: number;
  /** `null` for no upper bound. */
  readonly max: number | null;
  readonly better: 'higher' | 'lower' | 'neither';
}

/** The defining formula. */
export interface Formula {
  /** LaTeX, as a paper would typeset it. */
  readonly latex: string;
  /** What each symbol means. */
  readonly symbols: Localized;
}

/**
 * A worked example. `text` may hold placeholders `{path}` or `{path|format}` naming a number of `computation`
 * (`{expect.lora}`, `{input.rows}`, `{expect.fraction|percent}`); they are filled in from the data, so the
 * prose always shows the numbers the tests recompute. Formats: none (the number as written, integers of five or
 * more digits grouped: 240,000), `percent` (0.0012 → 0.12%), `plain` (no grouping).
 */
export interface WorkedExample {
  readonly text: Localized;
  readonly computation: Computation;
}

/** A published work that introduced or defines the concept. At least one of `arxiv`, `doi`, `url` or `venue` locates it. */
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
  /** Abbreviations that read the same in both languages (`R@K`, `MRR`); shown in the headword. */
  readonly abbreviations: readonly string[];
  /** Other names and discouraged renderings, per language. */
  readonly aliases: Localized<readonly Alias[]>;
  /** How evaluation tools and libraries write it. */
  readonly notation: readonly Notation[];
  /** One self-contained sentence. */
  readonly definition: Localized;
  /** The full explanation: what it is, how it is used, how to read it. */
  readonly explanation: Localized;
  /** The defining formula, when the concept has one. */
  readonly formula?: Formula;
  /** For measures and statistics: the value range and which direction is better. */
  readonly range?: ValueRange;
  /** A worked example with numbers, computed from data. */
  readonly example: WorkedExample;
  /** Mistakes people make with this concept. */
  readonly pitfalls: readonly Localized[];
  /** Ids of entries readers should contrast this one with ("compare and contrast"). */
  readonly compareWith: readonly string[];
  /** Ids of related entries. */
  readonly related: readonly string[];
  readonly references: readonly Reference[];
}

/** The text of an alias, whichever form it has. */
export function aliasText(alias: Alias): string {
  return typeof alias === 'string' ? alias : alias.text;
}

/** Whether the glossary advises against this alias. */
export function isDiscouraged(alias: Alias): alias is DiscouragedAlias {
  return typeof alias !== 'string';
}

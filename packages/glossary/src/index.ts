export { entries } from './entries/index.js';
export { createIndex, normalizeTerm } from './lookup.js';
export type { GlossaryIndex } from './lookup.js';
export { locales, topics, validateEntries } from './schema.js';
export type { GlossaryEntry, Locale, Localized, Reference, Topic, ValidationIssue } from './schema.js';

import { parseBeirQrels } from './beir-qrels.js';
import { parseJsonQrels, parseJsonRun } from './json-files.js';
import { inputText } from './text-lines.js';
import type { TextInput } from './text-lines.js';
import { parseTrecQrels, parseTrecRun } from './trec-files.js';
import type { ParseOptions } from './trec-files.js';
import type { Qrels, Run } from '../types.js';

/** Qrels formats {@link parseQrels} reads. */
export type QrelsFormat = 'auto' | 'trec' | 'beir' | 'json';
/** Run formats {@link parseRun} reads. */
export type RunFormat = 'auto' | 'trec' | 'json';

/**
 * Parses judgments in any supported format. `'auto'` (default) decides by the file name (`.json`, `.jsonl`,
 * `.tsv`) and otherwise by the content: JSON when it starts with `{`, BEIR when the first line is the BEIR
 * header or has three tab-separated columns, TREC otherwise.
 */
export function parseQrels(input: TextInput, options: ParseOptions & { format?: QrelsFormat } = {}): Qrels {
  const format = options.format ?? 'auto';
  const text = inputText(input);
  const chosen = format === 'auto' ? detectQrelsFormat(text, options.source) : format;
  if (chosen === 'json') return parseJsonQrels(text, options);
  if (chosen === 'beir') return parseBeirQrels(text, options);
  return parseTrecQrels(text, options);
}

/** Parses a run: TREC run lines, or JSON / JSON Lines (`'auto'` decides by name and content). */
export function parseRun(input: TextInput, options: ParseOptions & { format?: RunFormat } = {}): Run {
  const format = options.format ?? 'auto';
  const text = inputText(input);
  const chosen = format === 'auto' ? (/\.jsonl?(\.gz)?$/i.test(options.source ?? '') || startsWithBrace(text) ? 'json' : 'trec') : format;
  return chosen === 'json' ? parseJsonRun(text, options) : parseTrecRun(text, options);
}

function detectQrelsFormat(text: string, source: string | undefined): 'trec' | 'beir' | 'json' {
  const name = source ?? '';
  if (/\.jsonl?(\.gz)?$/i.test(name) || startsWithBrace(text)) return 'json';
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (/\.tsv(\.gz)?$/i.test(name) || firstLine.startsWith('query-id') || firstLine.replace(/\r$/, '').split('\t').length === 3) return 'beir';
  return 'trec';
}

/** Whether the first non-blank character is `{` (without copying a large text as `trimStart` would). */
function startsWithBrace(text: string): boolean {
  const match = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  if (match !== null) return match[0] === '{';
  return text.length > 4096 && text.trimStart().startsWith('{');
}

import { relative, sep } from 'node:path';
import { aliasText, entries, exampleText, headword, isDiscouraged, topics } from '@benchline/glossary';
import type { GlossaryEntry, Locale, Reference } from '@benchline/glossary';
import type { DefaultTheme } from 'vitepress';
import { escapeHtml } from './html.js';
import { renderFormula } from './math.js';

/** Topic names as the glossary's index pages print them; a topic added to the schema later shows its id. */
const topicLabels: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  benchmarking: { en: 'Benchmarking', zh: '基准测试与实验' },
  'retrieval-metric': { en: 'Retrieval measures', zh: '检索评测指标' },
  statistics: { en: 'Statistics', zh: '统计检验' },
  'retrieval-method': { en: 'Retrieval methods', zh: '检索方法' },
  'fine-tuning': { en: 'Fine-tuning', zh: '微调' },
  general: { en: 'General', zh: '通用' },
};

/** The live tool that lets a reader play with an entry's topic. */
const topicTools: Readonly<Record<string, { link: string; name: Readonly<Record<Locale, string>> }>> = {
  'retrieval-metric': { link: '/tools/recall-playground', name: { en: 'the Recall@K / R@1 playground', zh: 'Recall@K / R@1 演示（英文页面）' } },
  statistics: { link: '/tools/significance', name: { en: 'the significance explorer', zh: '显著性检验浏览器（英文页面）' } },
  'fine-tuning': { link: '/tools/lora-calculator', name: { en: 'the LoRA calculator', zh: 'LoRA 参数计算器（英文页面）' } },
};

/** The fixed words of an entry page, per language. */
const labels = {
  en: {
    glossary: 'Glossary',
    otherLanguage: '阅读中文版',
    aliases: 'Also called',
    discouraged: 'avoid',
    notation: 'How tools write it',
    tool: 'tool',
    name: 'name',
    explanation: 'Explanation',
    formula: 'Formula',
    range: 'Range',
    better: { higher: 'higher is better', lower: 'lower is better', neither: 'neither direction is better' },
    unbounded: 'no upper bound',
    example: 'Worked example',
    exampleNote: 'The numbers are computed by the Benchline packages and checked by the glossary’s tests.',
    tryIt: 'Try it in',
    pitfalls: 'Pitfalls',
    compareWith: 'Compare and contrast',
    related: 'Related entries',
    references: 'References',
  },
  zh: {
    glossary: '术语表',
    otherLanguage: 'Read in English',
    aliases: '又称',
    discouraged: '不推荐',
    notation: '各工具中的写法',
    tool: '工具',
    name: '名称',
    explanation: '解释',
    formula: '公式',
    range: '取值范围',
    better: { higher: '越高越好', lower: '越低越好', neither: '无优劣方向' },
    unbounded: '无上界',
    example: '计算示例',
    exampleNote: '示例中的数字由 Benchline 的软件包计算，并由术语表的测试核对。',
    tryIt: '动手试试：',
    pitfalls: '常见误区',
    compareWith: '对比辨析',
    related: '相关条目',
    references: '参考文献',
  },
} as const;

/** The site path of an entry in a language: `/glossary/recall` or `/zh/glossary/recall`. */
export function entryLink(id: string, locale: Locale): string {
  return locale === 'en' ? `/glossary/${id}` : `/zh/glossary/${id}`;
}

/** The name of a topic in a language. */
export function topicLabel(topic: string, locale: Locale): string {
  return topicLabels[topic]?.[locale] ?? topic;
}

/** Entries grouped by topic in the schema's topic order, each group sorted by headword in that language. */
export function entriesByTopic(locale: Locale): { topic: string; label: string; entries: { id: string; term: string; link: string; definition: string; abbreviations: string }[] }[] {
  const known = new Set<string>(topics);
  const order = [...topics, ...new Set(entries.map((entry) => entry.topic).filter((topic) => !known.has(topic)))];
  const collator = new Intl.Collator(locale === 'en' ? 'en' : 'zh-Hans-CN');
  return order
    .map((topic) => ({
      topic,
      label: topicLabel(topic, locale),
      entries: entries
        .filter((entry) => entry.topic === topic)
        .sort((left, right) => collator.compare(left.term[locale], right.term[locale]))
        .map((entry) => ({
          id: entry.id,
          term: entry.term[locale],
          link: entryLink(entry.id, locale),
          definition: entry.definition[locale],
          abbreviations: entry.abbreviations.filter((abbreviation) => abbreviation !== entry.term.en).join(', '),
        })),
    }))
    .filter((group) => group.entries.length > 0);
}

/** The glossary sidebar of a language: the index, then every entry under its topic. */
export function glossaryIndexSidebar(locale: Locale): DefaultTheme.SidebarItem[] {
  const index = locale === 'en' ? '/glossary/' : '/zh/glossary/';
  return [
    { text: labels[locale].glossary, link: index },
    ...entriesByTopic(locale).map((group) => ({
      text: group.label,
      collapsed: false,
      items: group.entries.map((entry) => ({ text: entry.abbreviations === '' ? entry.term : `${entry.term} (${entry.abbreviations})`, link: entry.link })),
    })),
  ];
}

function paragraph(text: string, className?: string): string {
  const attribute = className === undefined ? '' : ` class="${className}"`;
  return `<p${attribute}>${escapeHtml(text)}</p>`;
}

function referenceHtml(reference: Reference): string {
  const parts = [`${escapeHtml(reference.authors)} (${String(reference.year)}). <cite>${escapeHtml(reference.title)}</cite>.`];
  if (reference.venue !== undefined) parts.push(`${escapeHtml(reference.venue)}.`);
  if (reference.arxiv !== undefined) parts.push(`<a href="https://arxiv.org/abs/${encodeURIComponent(reference.arxiv)}">arXiv:${escapeHtml(reference.arxiv)}</a>`);
  if (reference.doi !== undefined) parts.push(`<a href="https://doi.org/${escapeHtml(reference.doi)}">doi:${escapeHtml(reference.doi)}</a>`);
  if (reference.url !== undefined && reference.arxiv === undefined && reference.doi === undefined) {
    parts.push(`<a href="${escapeHtml(reference.url)}">${escapeHtml(reference.url)}</a>`);
  }
  return parts.join(' ');
}

function entryLinks(ids: readonly string[], locale: Locale, byId: ReadonlyMap<string, GlossaryEntry>): string {
  const items = ids.map((id) => {
    const target = byId.get(id);
    // An id the glossary does not have (yet) stays text: a link to a missing page would be a broken link.
    if (target === undefined) return `<li>${escapeHtml(id)}</li>`;
    return `<li><a href="${entryLink(id, locale)}">${escapeHtml(target.term[locale])}</a> — ${escapeHtml(target.definition[locale])}</li>`;
  });
  return `<ul class="glossary-links">${items.join('')}</ul>`;
}

/**
 * The markdown of one entry's page. Prose goes out as escaped HTML blocks (so `*`, `_` and `{{` in the glossary's
 * text are shown as written), formulas as KaTeX HTML typeset here, at build time.
 */
export function renderEntryPage(entry: GlossaryEntry, locale: Locale): string {
  const words = labels[locale];
  const other: Locale = locale === 'en' ? 'zh' : 'en';
  const byId = new Map(entries.map((candidate) => [candidate.id, candidate]));
  const lines: string[] = [`# ${escapeHtml(headword(entry, locale))}`, ''];
  lines.push(
    `<p class="glossary-meta"><a href="${locale === 'en' ? '/glossary/' : '/zh/glossary/'}">${words.glossary}</a> · ${escapeHtml(topicLabel(entry.topic, locale))} · <a href="${entryLink(entry.id, other)}" lang="${other === 'zh' ? 'zh-CN' : 'en'}" class="glossary-translation">${words.otherLanguage}</a></p>`,
    '',
    paragraph(entry.definition[locale], 'glossary-definition'),
    '',
  );
  const aliases = entry.aliases[locale];
  if (aliases.length > 0) {
    const items = aliases.map((alias) =>
      isDiscouraged(alias)
        ? `<li><s>${escapeHtml(aliasText(alias))}</s> <span class="glossary-discouraged">${words.discouraged}</span>: ${escapeHtml(alias.reason)}</li>`
        : `<li>${escapeHtml(aliasText(alias))}</li>`,
    );
    lines.push(`<div class="glossary-aliases"><strong>${words.aliases}</strong><ul>${items.join('')}</ul></div>`, '');
  }
  if (entry.notation.length > 0) {
    const rows = entry.notation.map((notation) => `<tr><td>${escapeHtml(notation.tool)}</td><td><code>${escapeHtml(notation.name)}</code></td></tr>`);
    lines.push(`## ${words.notation} {#notation}`, '', `<table><thead><tr><th>${words.tool}</th><th>${words.name}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`, '');
  }
  lines.push(`## ${words.explanation} {#explanation}`, '', paragraph(entry.explanation[locale]), '');
  if (entry.formula !== undefined) {
    const formulaHtml = renderFormula(entry.formula.latex, `glossary entry "${entry.id}"`);
    lines.push(`## ${words.formula} {#formula}`, '', `<div class="glossary-formula" v-pre>${formulaHtml}</div>`, '', paragraph(entry.formula.symbols[locale]), '');
  }
  if (entry.range !== undefined) {
    const upper = entry.range.max === null ? words.unbounded : String(entry.range.max);
    const interval = entry.range.max === null ? `[${String(entry.range.min)}, ∞)` : `[${String(entry.range.min)}, ${upper}]`;
    lines.push(`## ${words.range} {#range}`, '', paragraph(`${interval}; ${words.better[entry.range.better]}.`), '');
  }
  lines.push(`## ${words.example} {#example}`, '', paragraph(exampleText(entry, locale), 'glossary-example'), '', paragraph(words.exampleNote, 'glossary-note'), '');
  const tool = topicTools[entry.topic];
  if (tool !== undefined) lines.push(`<p class="glossary-tool">${words.tryIt} <a href="${tool.link}">${escapeHtml(tool.name[locale])}</a>.</p>`, '');
  if (entry.pitfalls.length > 0) {
    lines.push(`## ${words.pitfalls} {#pitfalls}`, '', `<ul>${entry.pitfalls.map((pitfall) => `<li>${escapeHtml(pitfall[locale])}</li>`).join('')}</ul>`, '');
  }
  if (entry.compareWith.length > 0) lines.push(`## ${words.compareWith} {#compare}`, '', entryLinks(entry.compareWith, locale, byId), '');
  if (entry.related.length > 0) lines.push(`## ${words.related} {#related}`, '', entryLinks(entry.related, locale, byId), '');
  if (entry.references.length > 0) {
    lines.push(`## ${words.references} {#references}`, '', `<ul>${entry.references.map((reference) => `<li>${referenceHtml(reference)}</li>`).join('')}</ul>`, '');
  }
  return lines.join('\n');
}

/** Route parameters and page content of every entry in a language, for `[id].paths.ts`. */
export function glossaryRoutes(locale: Locale): { params: { id: string }; content: string }[] {
  return entries.map((entry) => ({ params: { id: entry.id }, content: renderEntryPage(entry, locale) }));
}

interface SearchSection {
  anchor?: string;
  titles: string[];
  text: string;
}

/**
 * Search sections of a generated glossary page (VitePress 1.6's local search reads only pages that exist as
 * files, and gives them an empty `html`), or `undefined` for any other file so that VitePress splits it itself.
 */
export function glossarySearchSections(docsRoot: string, file: string, html: string): SearchSection[] {
  const path = relative(docsRoot, file).split(sep).join('/');
  const match = html === '' ? /^(zh\/)?glossary\/([^/]+)\.md$/.exec(path) : null;
  const entry = match === null ? undefined : entries.find((candidate) => candidate.id === match[2]);
  // VitePress falls back to its own splitter on `undefined` (it uses `??`), which its type does not show.
  if (match === null || entry === undefined) return undefined as unknown as SearchSection[];
  const locale: Locale = match[1] === undefined ? 'en' : 'zh';
  const words = labels[locale];
  const title = headword(entry, locale);
  const aliases = [...entry.aliases[locale].map(aliasText), ...entry.abbreviations, ...entry.notation.map((notation) => notation.name)].join(' ');
  return [
    { titles: [title], text: `${entry.definition[locale]} ${aliases}` },
    { anchor: 'explanation', titles: [title, words.explanation], text: entry.explanation[locale] },
    { anchor: 'example', titles: [title, words.example], text: exampleText(entry, locale) },
    ...(entry.pitfalls.length === 0 ? [] : [{ anchor: 'pitfalls', titles: [title, words.pitfalls], text: entry.pitfalls.map((pitfall) => pitfall[locale]).join(' ') }]),
  ];
}

import type { Locale } from '@benchline/glossary';

/** Section labels of the terminal output, per language. */
export const labels = {
  en: {
    topic: 'topic',
    range: 'range',
    higher: 'higher is better',
    lower: 'lower is better',
    neither: 'no better direction',
    unbounded: '∞',
    definition: 'Definition',
    explanation: 'Explanation',
    formula: 'Formula',
    plain: 'plain',
    latex: 'LaTeX',
    where: 'where',
    example: 'Worked example',
    pitfalls: 'Pitfalls',
    compareWith: 'Compare with',
    related: 'Related',
    aliases: 'Also called',
    discouraged: 'discouraged',
    notation: 'Notation',
    references: 'References',
    alsoMatches: 'also matches',
    id: 'id',
    term: 'term',
    otherTerm: '中文',
    entries: 'entries',
    score: 'score',
  },
  zh: {
    topic: '主题',
    range: '取值范围',
    higher: '越高越好',
    lower: '越低越好',
    neither: '无优劣方向',
    unbounded: '∞',
    definition: '定义',
    explanation: '解释',
    formula: '公式',
    plain: '纯文本',
    latex: 'LaTeX',
    where: '符号',
    example: '例子',
    pitfalls: '常见错误',
    compareWith: '对比',
    related: '相关条目',
    aliases: '别名',
    discouraged: '不推荐',
    notation: '记法',
    references: '参考文献',
    alsoMatches: '也匹配',
    id: 'id',
    term: '术语',
    otherTerm: 'English',
    entries: '个条目',
    score: '分数',
  },
} as const satisfies Record<Locale, Record<string, string>>;

/** The output language: the flag, or Chinese when the asked-for text contains Chinese characters. */
export function outputLocale(flag: Locale | undefined, text: string): Locale {
  if (flag !== undefined) return flag;
  return /\p{Script=Han}/u.test(text) ? 'zh' : 'en';
}

import { entries } from '@benchline/glossary';
import { entriesByTopic } from './glossary-pages.js';

export type GlossaryIndexData = { count: number; en: ReturnType<typeof entriesByTopic>; zh: ReturnType<typeof entriesByTopic> };

declare const data: GlossaryIndexData;
export { data };

/** The glossary's index pages, by topic, in both languages. */
export default {
  load(): GlossaryIndexData {
    return { count: entries.length, en: entriesByTopic('en'), zh: entriesByTopic('zh') };
  },
};

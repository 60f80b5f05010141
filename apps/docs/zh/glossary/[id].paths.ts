import { glossaryRoutes } from '../../.vitepress/lib/glossary-pages.js';

/** 每个术语条目一页中文页面，构建时由 `@benchline/glossary` 生成。 */
export default {
  paths: () => glossaryRoutes('zh'),
};

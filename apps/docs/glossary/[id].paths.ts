import { glossaryRoutes } from '../.vitepress/lib/glossary-pages.js';

/** One English page per glossary entry, generated from `@benchline/glossary` at build time. */
export default {
  paths: () => glossaryRoutes('en'),
};

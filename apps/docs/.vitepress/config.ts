import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitepress';
import type { DefaultTheme } from 'vitepress';
import { generateApiReference } from './generate/api-reference.js';
import { generateCliReference } from './generate/cli-reference.js';
import { glossaryIndexSidebar, glossarySearchSections } from './lib/glossary-pages.js';

const docsRoot = fileURLToPath(new URL('..', import.meta.url));

// The reference pages are build outputs: written into the source tree (git-ignored) before VitePress scans it, so
// they are ordinary pages with a search index, an outline and links checked by the build.
const [cliPages, apiPages] = await Promise.all([generateCliReference(docsRoot), generateApiReference(docsRoot)]);

const guideSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [
      { text: 'Getting started', link: '/guide/getting-started' },
      { text: 'Evaluate a run like trec_eval', link: '/guide/evaluate' },
      { text: 'Compare against a baseline', link: '/guide/compare' },
      { text: 'LoRA: from one matrix to a PEFT adapter', link: '/guide/lora' },
    ],
  },
  {
    text: 'Tools',
    items: [
      { text: 'LoRA calculator', link: '/tools/lora-calculator' },
      { text: 'Recall@K / R@1 playground', link: '/tools/recall-playground' },
      { text: 'Significance explorer', link: '/tools/significance' },
    ],
  },
];

const referenceSidebar: DefaultTheme.SidebarItem[] = [
  { text: 'Command line', link: '/reference/cli/', items: cliPages.map((page) => ({ text: page.title, link: page.link })) },
  {
    text: 'API',
    link: '/reference/api/',
    items: apiPages.map((page) => ({
      text: page.title,
      link: page.link,
      ...(page.items === undefined || page.items.length === 0 ? {} : { collapsed: true, items: page.items.map((item) => ({ text: item.title, link: item.link })) }),
    })),
  },
];

export default defineConfig({
  title: 'Benchline',
  description: 'Retrieval evaluation exactly as trec_eval computes it, benchmarks against baselines with honest statistics, and LoRA, in TypeScript.',
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  srcExclude: ['README.md', 'e2e/**', 'test-results/**'],
  locales: {
    root: {
      label: 'English',
      lang: 'en-US',
      themeConfig: {
        nav: [
          { text: 'Guide', link: '/guide/getting-started', activeMatch: '^/guide/' },
          { text: 'Tools', link: '/tools/lora-calculator', activeMatch: '^/tools/' },
          { text: 'Reference', link: '/reference/cli/', activeMatch: '^/reference/' },
          { text: 'Glossary', link: '/glossary/', activeMatch: '^/glossary/' },
        ],
        sidebar: {
          '/guide/': guideSidebar,
          '/tools/': guideSidebar,
          '/reference/': referenceSidebar,
          '/glossary/': glossaryIndexSidebar('en'),
        },
      },
    },
    zh: {
      label: '简体中文',
      lang: 'zh-CN',
      link: '/zh/',
      title: 'Benchline',
      description: '与 trec_eval 完全一致的检索评测、以恰当统计方法对比基线模型，以及 LoRA，使用 TypeScript。',
      themeConfig: {
        nav: [
          { text: '术语表', link: '/zh/glossary/', activeMatch: '^/zh/glossary/' },
          { text: '指南（英文）', link: '/guide/getting-started' },
        ],
        sidebar: { '/zh/glossary/': glossaryIndexSidebar('zh') },
        outline: { label: '本页目录' },
        docFooter: { prev: '上一页', next: '下一页' },
        langMenuLabel: '切换语言',
        returnToTopLabel: '回到顶部',
        sidebarMenuLabel: '菜单',
        darkModeSwitchLabel: '外观',
      },
    },
  },
  themeConfig: {
    // Only the glossary exists in both languages; each entry links to its translation itself, so the language menu
    // goes to the other locale's home rather than to a page that may not exist there.
    i18nRouting: false,
    search: {
      provider: 'local',
      options: {
        miniSearch: {
          // VitePress 1.6 indexes only pages that exist as files; the glossary's generated entries are added here.
          _splitIntoSections: (file: string, html: string) => glossarySearchSections(docsRoot, file, html),
        },
      },
    },
    socialLinks: [{ icon: 'github', link: 'https://github.com/benchline/benchline' }],
    footer: { message: 'Released under the MIT License.' },
  },
  vite: {
    resolve: { conditions: ['@benchline/source'] },
  },
});

import { defineConfig } from 'vitepress';

export default defineConfig({
  title: 'Benchline',
  description: 'Retrieval evaluation exactly as trec_eval computes it, benchmarks against baselines with honest statistics, and LoRA, in TypeScript.',
  lang: 'en-US',
  cleanUrls: true,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  srcExclude: ['README.md', 'e2e/**'],
  themeConfig: {
    nav: [
      { text: 'Home', link: '/' },
    ],
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: 'https://github.com/benchline/benchline' }],
    footer: { message: 'Released under the MIT License.' },
  },
  vite: {
    resolve: { conditions: ['@benchline/source'] },
  },
});

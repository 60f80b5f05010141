import { defineConfig } from 'vitest/config';

/** Unit tests of the site's own code (help parsing, formatting, the tools' models); the browser tests are e2e/. */
export default defineConfig({
  resolve: { conditions: ['@benchline/source'] },
  ssr: { resolve: { conditions: ['@benchline/source'] } },
  test: {
    include: ['.vitepress/**/*.test.ts'],
  },
});

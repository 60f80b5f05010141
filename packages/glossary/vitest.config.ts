import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@benchline/source'] },
  ssr: { resolve: { conditions: ['@benchline/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});

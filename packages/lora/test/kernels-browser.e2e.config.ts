// `pnpm --filter @benchline/lora e2e`: the WebAssembly kernels in Debian's Chromium, on the built package (turbo
// builds it first). Kept apart from `pnpm test`, which needs no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// One self-contained executable: workspace packages and third-party libraries are inlined, and dynamic imports
// stay lazy inside the single file, so `npx benchline` installs nothing else and `--help` loads little.
export default defineConfig({
  entry: { cli: 'src/bin.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  fixedExtension: true,
  dts: false,
  sourcemap: false,
  clean: true,
  define: { BENCHLINE_VERSION: JSON.stringify(version) },
  deps: {
    alwaysBundle: [/^@benchline\//],
    // Everything the bundle may inline; anything else fails the build instead of slipping in unnoticed.
    onlyBundle: [/^@benchline\//, 'commander', 'picocolors', 'cli-progress', 'string-width', 'strip-ansi', 'ansi-regex', 'emoji-regex', 'is-fullwidth-code-point', 'yauzl', 'pend'],
  },
  failOnWarn: true,
  outputOptions: { codeSplitting: false },
});

// One flat config for the whole workspace. Type-aware rules from typescript-eslint, plus the layering rules
// that keep the packages independent: no package reaches into another's src, libraries stay isomorphic.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const workspaceSourceImports = {
  group: ['@benchline/*/src', '@benchline/*/src/**', '**/packages/*/src/**', '**/apps/*/src/**'],
  message: 'Import the package by its public entry point (e.g. @benchline/metrics or @benchline/metrics/node), never its src.',
};

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.vitepress/cache/**', '**/.vitepress/dist/**', '**/coverage/**', '**/.turbo/**', '**/test-results/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'max-params': ['error', 4],
      'no-restricted-imports': ['error', { patterns: [workspaceSourceImports] }],
    },
  },
  {
    // Library cores run in the browser too: Node built-ins and globals only behind the ./node entry point.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['packages/*/src/node/**', 'packages/*/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            workspaceSourceImports,
            { group: ['node:*', 'fs', 'path', 'os', 'zlib', 'stream', 'worker_threads'], message: 'Node-only code belongs under src/node/ (exported as ./node).' },
            { group: ['@benchline/*'], message: 'The libraries do not depend on each other; compose them in the CLI.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array; Buffer does not exist in the browser.' },
        { name: 'process', message: 'Libraries take options, not process state.' },
        { name: '__dirname', message: 'Not available in ES modules or the browser.' },
        { name: 'require', message: 'ES modules only.' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: {
      // Tests assert on thrown values and parse fixtures; these rules add noise there.
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Scripts (benchmarks, checks) run in Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
);

// The workspace's rules, plus Vue single-file components for the site's live tools. Kept here, beside the only
// package with .vue files, so the root config stays free of Vue. ESLint 10 uses the config nearest to each file.
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import workspace from '../../eslint.config.js';

export default tseslint.config(
  ...workspace,
  { ignores: ['reference/cli/**', 'reference/api/**'] },
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
  },
  {
    // Templates are checked by vue-tsc (pnpm typecheck); type-aware lint rules need a TS program, which .vue
    // files do not have here.
    files: ['**/*.vue'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.vue'],
    rules: {
      // vue-tsc checks names in .vue files, as tsc does in .ts files (typescript-eslint's advice for no-undef).
      'no-undef': 'off',
      // One-line tables and labels read better than one attribute per line.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
);

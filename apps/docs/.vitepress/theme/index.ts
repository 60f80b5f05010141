import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import 'katex/dist/katex.min.css';
import './custom.css';

export default {
  extends: DefaultTheme,
} satisfies Theme;

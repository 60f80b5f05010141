import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import 'katex/dist/katex.min.css';
import './custom.css';
import CommandOutput from './components/CommandOutput.vue';
import LoraCalculator from './components/LoraCalculator.vue';
import ModelLoraCalculator from './components/ModelLoraCalculator.vue';
import RecallPlayground from './components/RecallPlayground.vue';
import SignificanceExplorer from './components/SignificanceExplorer.vue';

/** The default theme, plus the live tools that run the Benchline packages in the page. */
export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('CommandOutput', CommandOutput);
    app.component('LoraCalculator', LoraCalculator);
    app.component('ModelLoraCalculator', ModelLoraCalculator);
    app.component('RecallPlayground', RecallPlayground);
    app.component('SignificanceExplorer', SignificanceExplorer);
  },
} satisfies Theme;

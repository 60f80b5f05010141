import { onBeforeUnmount, onMounted, watch } from 'vue';
import type { Ref } from 'vue';
import type * as PlotModule from '@observablehq/plot';

/** What a plot draws: a function from Observable Plot's module to a chart element. */
export type PlotSpec = (plot: typeof PlotModule) => SVGSVGElement | HTMLElement;

/**
 * Draws an Observable Plot chart into `container` in the browser only (the library needs a DOM), and redraws it
 * whenever `spec` changes. Plot is loaded on demand, so pages without a chart never download it, and the
 * server-rendered page keeps its table of the same numbers for readers without JavaScript.
 */
export function usePlot(container: Ref<HTMLElement | null>, spec: () => PlotSpec | undefined): void {
  let library: typeof PlotModule | undefined;
  let disposed = false;
  const draw = (): void => {
    const target = container.value;
    if (library === undefined || target === null) return;
    const make = spec();
    target.replaceChildren();
    if (make !== undefined) target.append(make(library));
  };
  onMounted(async () => {
    library = await import('@observablehq/plot');
    if (!disposed) draw();
  });
  onBeforeUnmount(() => {
    disposed = true;
  });
  // After the DOM update: the container may have just been (re)created by a v-if.
  watch([spec, container], draw, { flush: 'post' });
}

import type { GlossaryEntry } from '../schema.js';
import { benchmarkingEntries } from './benchmarking.js';
import { retrievalMetricEntries } from './retrieval-metrics.js';

/** Every entry, grouped by topic file, in display order. */
export const entries: readonly GlossaryEntry[] = [...benchmarkingEntries, ...retrievalMetricEntries];

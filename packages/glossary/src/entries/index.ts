import type { GlossaryEntry } from '../schema.js';
import { benchmarkingEntries } from './benchmarking.js';
import { fineTuningEntries } from './fine-tuning.js';
import { retrievalMethodEntries } from './retrieval-methods.js';
import { retrievalMetricEntries } from './retrieval-metrics.js';
import { statisticsEntries } from './statistics.js';

/** Every entry, grouped by topic file, in display order. */
export const entries: readonly GlossaryEntry[] = [
  ...benchmarkingEntries,
  ...retrievalMetricEntries,
  ...statisticsEntries,
  ...retrievalMethodEntries,
  ...fineTuningEntries,
];

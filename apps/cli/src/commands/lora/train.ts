import { runShiftedTaskDemo } from '@benchline/lora';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { formatInteger, formatTable } from '../../output/format.js';
import { createProgress } from '../../output/progress.js';
import { formatBytes } from './memory.js';

export interface LoraTrainOptions {
  readonly demo: boolean;
  readonly seed: number;
  readonly ranks?: readonly string[];
  readonly json: boolean;
}

/** `benchline lora train --demo`: full fine-tuning against LoRA at several ranks on a small network. */
export function loraTrain(options: LoraTrainOptions, io: CliIo): Promise<void> {
  if (!options.demo) throw usageError('lora train needs --demo: training your own model from the command line is not available yet');
  const ranks = options.ranks?.map((text) => {
    const rank = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(rank) || rank < 1) throw usageError(`--ranks expects positive integers, got "${text}"`);
    return rank;
  });
  let progress: ReturnType<typeof createProgress> | undefined;
  const result = runShiftedTaskDemo({
    seed: options.seed,
    ...(ranks === undefined || ranks.length === 0 ? {} : { ranks }),
    onProgress: ({ completedSteps, totalSteps }) => {
      progress ??= createProgress(io, { total: totalSteps, label: 'training' });
      if (completedSteps % 25 === 0 || completedSteps === totalSteps) progress.update(completedSteps);
    },
  });
  progress?.stop();
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return Promise.resolve();
  }
  io.stdout.write(
    `A ${String(result.inputSize)} → ${String(result.hiddenSize)} → ${String(result.hiddenSize)} → ${String(result.classes)} network (${formatInteger(result.networkParameters)} parameters) pre-trained to ${percent(result.pretrainedAccuracy)} on the original task, adapted to a shifted task (seed ${String(result.seed)}):\n\n`,
  );
  io.stdout.write(
    formatTable(
      result.results.map((method) => [
        method.method,
        formatInteger(method.trainableParameters),
        formatBytes(method.optimizerStateBytes),
        percent(method.accuracyBefore),
        percent(method.accuracyAfter),
        percent(method.originalTaskAccuracyAfter),
        `${method.milliseconds.toFixed(0)} ms`,
      ]),
      { header: ['method', 'trainable', 'AdamW state', 'before', 'after', 'original task after', 'time'] },
    ),
  );
  return Promise.resolve();
}

function percent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

import { matrixParameterCount } from '@benchline/lora';
import type { CliIo } from '../../io.js';
import { formatInteger, formatPercent, formatTable } from '../../output/format.js';

export interface LoraParamsOptions {
  readonly rows: number;
  readonly cols: number;
  readonly rank: number;
  readonly json: boolean;
}

/** `benchline lora params --rows R --cols C --rank r`: LoRA's trainable parameters for one weight matrix. */
export function loraParams(options: LoraParamsOptions, io: CliIo): Promise<void> {
  const count = matrixParameterCount(options);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ rows: options.rows, cols: options.cols, rank: options.rank, ...count }, null, 2)}\n`);
    return Promise.resolve();
  }
  io.stdout.write(
    formatTable([
      [`full update ΔW (${formatInteger(options.rows)} × ${formatInteger(options.cols)})`, formatInteger(count.full)],
      [`LoRA B·A (rank ${String(options.rank)})`, formatInteger(count.lora)],
      ['trainable fraction', formatPercent(count.fraction)],
      ['fewer parameters', `${count.reduction.toFixed(1)}×`],
    ]),
  );
  return Promise.resolve();
}

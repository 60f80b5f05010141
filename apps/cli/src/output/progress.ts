import cliProgress from 'cli-progress';
import type { CliIo } from '../io.js';
import { colorEnabled } from '../io.js';

/** A progress report a command updates as it works. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

const showAfterMilliseconds = 1000;

/**
 * A progress bar on stderr that appears only when the work has lasted about a second and stderr is a terminal;
 * otherwise every call is free. Commands call it unconditionally.
 */
export function createProgress(io: CliIo, options: { total: number; label: string; now?: () => number }): Progress {
  const stream = io.stderr;
  if (stream.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const now = options.now ?? (() => Date.now());
  const started = now();
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done) {
      if (bar === undefined) {
        if (now() - started < showAfterMilliseconds) return;
        bar = new cliProgress.SingleBar(
          {
            stream: stream as unknown as NodeJS.WritableStream,
            format: `${options.label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            noTTYOutput: false,
            barCompleteChar: colorEnabled(stream, io.env) ? '\u2588' : '#',
            barIncompleteChar: colorEnabled(stream, io.env) ? '\u2591' : '-',
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(options.total, done);
      } else {
        bar.update(done);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

import type { CliIo, OutputStream } from '../src/io.js';

/** An in-memory stream that records everything written to it. */
export interface RecordingStream extends OutputStream {
  readonly text: () => string;
}

export function recordingStream(options: { isTTY?: boolean } = {}): RecordingStream {
  const chunks: string[] = [];
  return {
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    isTTY: options.isTTY ?? false,
    columns: 100,
    text: () => chunks.join(''),
  };
}

/** A CliIo backed by recording streams, for running commands in-process. */
export function memoryIo(options: { env?: Record<string, string>; cwd?: string; tty?: boolean } = {}): CliIo & {
  stdout: RecordingStream;
  stderr: RecordingStream;
} {
  const tty = options.tty ?? false;
  return {
    stdout: recordingStream({ isTTY: tty }),
    stderr: recordingStream({ isTTY: tty }),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
}

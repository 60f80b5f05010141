/** Where a command writes. Tests pass in-memory streams; the bin passes the process's. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Everything a command may touch outside its arguments, so it can run in-process under test. */
export interface CliIo {
  /** Results: tables, JSON, files' contents. */
  readonly stdout: OutputStream;
  /** Human messages: progress, warnings, errors. */
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths in arguments resolve against this folder. */
  readonly cwd: string;
}

/** Colours only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org). */
export function colorEnabled(stream: OutputStream, env: CliIo['env']): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

/** Exit codes every command follows. trec-eval compatibility may add its own (trec_eval 10.0 exits 4). */
export const ExitCode = {
  success: 0,
  /** The work was attempted and failed (a test that cannot run, a download that broke). */
  workFailed: 1,
  /** The user asked for something impossible: bad flags, unreadable or malformed input. */
  usage: 2,
} as const;

/**
 * An error the CLI reports as one line on stderr, without a stack trace, and turns into `exitCode`.
 * Commands throw it for user mistakes; anything else that escapes a command is a bug.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode: number = ExitCode.usage, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/** A flag or argument the command cannot use. */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

import { CommanderError } from 'commander';
import { CliError, ExitCode } from './errors.js';
import type { CliIo } from './io.js';
import { colorsFor } from './output/colors.js';
import { createProgram } from './program.js';

/**
 * Runs one command line and returns its exit code. This is the only place that turns errors into exit codes
 * and messages: user mistakes become one line on stderr; anything unexpected is a bug and keeps its stack.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return ExitCode.success;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  const colors = colorsFor(io.stderr, io.env);
  if (error instanceof CommanderError) {
    // Commander has already printed its own one-line message (or the help/version text).
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return ExitCode.success;
    }
    return error.exitCode === 0 ? ExitCode.success : ExitCode.usage;
  }
  if (error instanceof CliError) {
    io.stderr.write(`${colors.red('error:')} ${error.message}\n`);
    return error.exitCode;
  }
  const userMistake = describeUserMistake(error);
  if (userMistake !== undefined) {
    io.stderr.write(`${colors.red('error:')} ${userMistake}\n`);
    return ExitCode.usage;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`${colors.red('internal error:')} ${detail}\nThis is a bug in benchline; please report it with the command line that caused it.\n`);
  return ExitCode.workFailed;
}

/** Library errors and file-system errors are caused by the user's input: a message, no stack. */
function describeUserMistake(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (isLibraryError(error)) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const path = (error as NodeJS.ErrnoException).path;
  if (path === undefined) return undefined;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path}: is a directory, expected a file`;
    case 'ENOTDIR':
      return `${path}: not a directory`;
    default:
      return undefined;
  }
}

const libraryErrorMarkers = ['benchline.metrics.error', 'benchline.lora.error', 'benchline.glossary.error'].map((key) => Symbol.for(key));

function isLibraryError(error: Error): boolean {
  return libraryErrorMarkers.some((marker) => marker in error);
}

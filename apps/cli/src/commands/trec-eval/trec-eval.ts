import { parseTrecEvalArguments, TrecEvalError, trecEvalVersions } from '@benchline/metrics';
import type { TrecEvalVersion } from '@benchline/metrics';
import { isTrecEvalPartWorker, serveTrecEvalPart, trecEvalFiles } from '@benchline/metrics/node';
import { CliError } from '../../errors.js';
import type { CliIo } from '../../io.js';

const versionFlag = '--trec-eval-version';
/** Internal: the bundled CLI started as a worker thread to evaluate half of a large run. */
const partWorkerFlag = '--benchline-part-worker';

/**
 * `benchline trec-eval [flags] <qrels> <run>`: trec_eval's command line, output and exit codes. trec_eval's own
 * error text goes to stderr first, then one benchline line naming the file, line and problem.
 */
export async function trecEvalCommand(rawArguments: readonly string[], io: CliIo, hooks: { showHelp: () => void; stdin?: AsyncIterable<Uint8Array> }): Promise<void> {
  if (rawArguments[0] === partWorkerFlag && isTrecEvalPartWorker()) {
    serveTrecEvalPart();
    return;
  }
  const { version, rest } = splitBenchlineFlags(rawArguments);
  try {
    const parsed = parseTrecEvalArguments(rest, { version });
    if (parsed.help) {
      hooks.showHelp();
      return;
    }
    if (parsed.printVersion) {
      io.stderr.write(`trec_eval version ${version === '9.0.8' ? '9.0.7' : '10.0-rc3'}\n`);
      return;
    }
    await trecEvalFiles({ qrelsPath: parsed.qrelsPath, runPath: parsed.runPath, zscoresPath: parsed.zscoresPath }, parsed.options, (text) => io.stdout.write(text), {
      cwd: io.cwd,
      // The process's stdout takes bytes: trec_eval's output as it is, without making strings of 25 MB of -q lines.
      ...(io.stdout === process.stdout ? { writeBytes: (bytes: Uint8Array) => process.stdout.write(bytes) } : {}),
      stdin: hooks.stdin ?? (process.stdin as AsyncIterable<Uint8Array>),
      // The bundled CLI is one file: a worker thread runs that same file, routed back here by the flag.
      ...(import.meta.url.endsWith('.mjs') ? { worker: { script: new URL(import.meta.url), argv: ['trec-eval', partWorkerFlag] } } : {}),
      // Tests set this to exercise the two-thread path on small files (whatever the machine's load).
      ...(io.env.BENCHLINE_TREC_EVAL_PARALLEL_MIN_BYTES === undefined ? {} : { parallelMinBytes: Number(io.env.BENCHLINE_TREC_EVAL_PARALLEL_MIN_BYTES), threads: 2 }),
    });
  } catch (error) {
    if (error instanceof TrecEvalError) {
      io.stdout.write(error.partialOutput);
      io.stderr.write(error.trecEvalMessage);
      throw new CliError(error.message, error.exitCode);
    }
    throw error;
  }
}

function splitBenchlineFlags(rawArguments: readonly string[]): { version: TrecEvalVersion; rest: string[] } {
  let version: TrecEvalVersion = '9.0.8';
  const rest: string[] = [];
  for (let index = 0; index < rawArguments.length; index++) {
    const argument = rawArguments[index] as string;
    let value: string | undefined;
    if (argument === versionFlag) {
      value = rawArguments[++index];
      if (value === undefined) throw new CliError(`${versionFlag} needs a value: ${trecEvalVersions.join(' or ')}`);
    } else if (argument.startsWith(`${versionFlag}=`)) {
      value = argument.slice(versionFlag.length + 1);
    } else {
      rest.push(argument);
      continue;
    }
    if (!(trecEvalVersions as readonly string[]).includes(value)) throw new CliError(`${versionFlag} must be ${trecEvalVersions.join(' or ')}, got "${value}"`);
    version = value as TrecEvalVersion;
  }
  return { version, rest };
}

import { resolve } from 'node:path';
import { formatTrecRun, fuse } from '@benchline/metrics';
import type { FusionMethod, Run, ScoreNormalization } from '@benchline/metrics';
import { readRunFile } from '@benchline/metrics/node';
import { usageError } from '../../errors.js';
import type { CliIo } from '../../io.js';
import { parsePositiveInteger } from '../../options.js';
import { uniqueLabels, writeTextAtomically } from '../compare/write-output.js';
import type { FuseFlags } from './register.js';

/** `benchline fuse run... --method M`: reads the runs, fuses them, writes one TREC run. */
export async function fuseCommand(paths: readonly string[], flags: FuseFlags, io: CliIo): Promise<void> {
  if (paths.length < 2) throw usageError('fuse needs at least two runs');
  const rrfK = Number(flags.rrfK);
  if (flags.rrfK.trim() === '' || !Number.isFinite(rrfK) || rrfK < 0) throw usageError(`--rrf-k expects a number ≥ 0, got "${flags.rrfK}"`);
  const weights = flags.weights?.map((text) => {
    const weight = Number(text);
    if (text.trim() === '' || !Number.isFinite(weight) || weight < 0) throw usageError(`--weights expects numbers ≥ 0, got "${text}"`);
    return weight;
  });
  if (weights !== undefined && weights.length !== paths.length) {
    throw usageError(`--weights has ${String(weights.length)} weight${weights.length === 1 ? '' : 's'} for ${String(paths.length)} runs; give one weight per run, in the order of the runs`);
  }
  const top = flags.top === undefined ? undefined : parsePositiveInteger('--top', flags.top);
  const name = flags.name ?? flags.method;
  if (/\s/.test(name) || name === '') throw usageError(`--name expects a run tag without spaces, got "${name}"`);
  const labels = uniqueLabels(paths);
  const runs: Run[] = [];
  for (const [index, path] of paths.entries()) {
    const run = await readRunFile(resolve(io.cwd, path));
    runs.push({ name: labels[index] as string, results: run.results });
  }
  const fused = fuse(runs, {
    method: flags.method as FusionMethod,
    ...(flags.norm === undefined ? {} : { normalization: flags.norm as ScoreNormalization }),
    rrfK,
    ...(weights === undefined ? {} : { weights }),
    ...(top === undefined ? {} : { k: top }),
    name,
  });
  const lines = formatTrecRun(fused);
  if (flags.out === undefined) {
    for (const chunk of lines) io.stdout.write(chunk);
    return;
  }
  const path = resolve(io.cwd, flags.out);
  await writeTextAtomically(path, lines);
  io.stderr.write(`${name}: fused ${String(runs.length)} runs over ${String(fused.results.size)} queries into ${path}\n`);
}

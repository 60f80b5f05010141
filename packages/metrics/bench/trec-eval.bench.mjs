#!/usr/bin/env node
// Speed of `benchline trec-eval` on an MS MARCO dev-sized run (6,980 topics × 1,000 documents, 269 MB), against
// `cat` of the same file (the I/O floor) and trec_eval itself ($TREC_EVAL, else on PATH), measured in the same run,
// the two programs in turns.
// Reports wall time, CPU time and peak RSS (medians), ratios, and checks the numbers against the expected values
// in ../shared/bench/README.md. Data is generated once into bench-data/ (git-ignored) by ../shared/bench/gen_synth.py.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const packageFolder = fileURLToPath(new URL('..', import.meta.url));
const sharedBench = fileURLToPath(new URL('../../../../shared/bench/', import.meta.url));
const dataFolder = `${packageFolder}bench-data/`;
const cli = fileURLToPath(new URL('../../../apps/cli/dist/cli.mjs', import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

function fail(message) {
  console.error(`trec-eval.bench: ${message}`);
  process.exit(1);
}

if (!existsSync(`${sharedBench}gen_synth.py`)) fail(`${sharedBench}gen_synth.py not found (../shared is needed for this benchmark)`);
if (!existsSync(cli)) fail(`${cli} not found: build the CLI first with \`pnpm --filter benchline... build\``);
mkdirSync(dataFolder, { recursive: true });
const qrels = `${dataFolder}big.qrels`;
const run = `${dataFolder}big.run`;
if (!existsSync(run) || !existsSync(qrels)) {
  console.log('generating the MS MARCO dev-sized run (about 10 s, 269 MB, cached in bench-data/)...');
  const generated = spawnSync('python3', [`${sharedBench}gen_synth.py`, '--queries', '6980', '--depth', '1000', '--seed', '42', '--out', `${dataFolder}big`], { stdio: 'inherit' });
  if (generated.status !== 0) fail('gen_synth.py failed (it needs python3 with numpy)');
}

const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// trec_eval: $TREC_EVAL, else `trec_eval` on PATH, else the reference build of this workspace's tools folder.
const trecEvalBinary = [process.env.TREC_EVAL, ...(process.env.PATH ?? '').split(':').map((folder) => `${folder}/trec_eval`), '/work/tools/bin/trec_eval'].find((path) => path !== undefined && path !== '' && existsSync(path));

const outputFile = `${tmpdir()}/benchline-trec-eval-bench-${String(process.pid)}.out`;

/**
 * Runs a command once with stdout to a file (as a user redirecting it would), or to /dev/null when `discard`;
 * returns wall and CPU seconds, peak RSS in MiB, and the output.
 */
function measure(command, args, discard = false) {
  const output = openSync(discard ? '/dev/null' : outputFile, 'w');
  const wrapped = timeBinary === undefined ? [command, args] : [timeBinary, ['-f', '%e %U %S %M', command, ...args]];
  const started = performance.now();
  const result = spawnSync(wrapped[0], wrapped[1], { stdio: ['ignore', output, 'pipe'], encoding: 'buffer' });
  const wall = (performance.now() - started) / 1000;
  closeSync(output);
  const stderr = result.stderr.toString();
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited ${String(result.status)}: ${stderr}`);
  const stdout = discard ? Buffer.alloc(0) : readFileSync(outputFile);
  if (timeBinary === undefined) return { wall, cpu: Number.NaN, rss: Number.NaN, stdout };
  const timing = stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: timing[1] + timing[2], rss: timing[3] / 1024, stdout };
}

function median(values) {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)];
}

function summarize(runs) {
  return { wall: median(runs.map((entry) => entry.wall)), cpu: median(runs.map((entry) => entry.cpu)), rss: median(runs.map((entry) => entry.rss)), stdout: runs[0].stdout };
}

function measureMedian(command, args, discard = false) {
  const runs = [];
  for (let index = 0; index < repeats; index++) runs.push(measure(command, args, discard));
  return summarize(runs);
}

/** Medians of programs run in turns (A, B, A, B, ...), so that a change in the machine's load hits both alike. */
function measureInterleaved(programs) {
  const runs = programs.map(() => []);
  for (let index = 0; index < repeats; index++) programs.forEach(([command, args], which) => runs[which].push(measure(command, args)));
  return runs.map(summarize);
}

const measureSets = [
  { label: '`-m map -m recip_rank -m ndcg_cut.10 -m recall.1,10,100,1000 -m P.10`', flags: ['-m', 'map', '-m', 'recip_rank', '-m', 'ndcg_cut.10', '-m', 'recall.1,10,100,1000', '-m', 'P.10'] },
  { label: '`-q -m all_trec`', flags: ['-q', '-m', 'all_trec'] },
];

// Expected values from ../shared/bench/README.md ("Expected values on `big` ...").
const readme = readFileSync(`${sharedBench}README.md`, 'utf8');
const expectedValues = new Map([...readme.matchAll(/\b(map|recip_rank|P_10|recall_1|recall_10|recall_100|recall_1000|ndcg_cut_10) (\d\.\d{4})\b/g)].map((match) => [match[1], match[2]]));

const { loadavg, availableParallelism } = await import('node:os');
const loadAtStart = loadavg()[0];
const cat = measureMedian('cat', [run], true);
const rows = [];
let problems = 0;
for (const set of measureSets) {
  const programs = [[process.execPath, [cli, 'trec-eval', ...set.flags, qrels, run]]];
  if (trecEvalBinary !== undefined) programs.push([trecEvalBinary, [...set.flags, qrels, run]]);
  const [ours, reference] = measureInterleaved(programs);
  const summary = new Map(
    ours.stdout
      .toString()
      .split('\n')
      .filter((line) => line.includes('\tall\t'))
      .map((line) => line.split('\t'))
      .map(([name, , value]) => [name.trim(), value]),
  );
  for (const [name, value] of expectedValues) {
    if (summary.has(name) && summary.get(name) !== value) {
      console.error(`MISMATCH ${name}: benchline ${summary.get(name)}, expected ${value}`);
      problems++;
    }
  }
  if (reference !== undefined) {
    const same = createHash('sha256').update(reference.stdout).digest('hex') === createHash('sha256').update(ours.stdout).digest('hex');
    if (!same) {
      console.error(`MISMATCH: benchline trec-eval ${set.flags.join(' ')} differs from ${trecEvalBinary}`);
      problems++;
    }
  }
  rows.push({ set, ours, reference });
}

const format = (value, digits = 2) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits));
console.log(`data: ${run} (${(readFileSync(qrels).length / 1024).toFixed(0)} KiB qrels), medians of ${String(repeats)} runs, ${timeBinary === undefined ? 'no /usr/bin/time: CPU and RSS not measured' : 'measured with /usr/bin/time'}`);
console.log(`trec_eval: ${trecEvalBinary ?? 'not found (set TREC_EVAL or put trec_eval on PATH; ratios against it are omitted; ../shared/bench/README.md gives 10.5 s, 526 MiB on this kind of machine)'}\n`);
// Wall time is the goal; CPU time is shown too because a shared machine's load inflates wall times unevenly.
console.log('| measure set | program | wall s | CPU s | peak RSS MiB | wall ÷ cat | trec_eval wall ÷ ours | trec_eval CPU ÷ ours | RSS ÷ trec_eval |');
console.log('|---|---|--:|--:|--:|--:|--:|--:|--:|');
console.log(`| (I/O floor) | \`cat big.run\` | ${format(cat.wall, 3)} | ${format(cat.cpu)} | ${format(cat.rss, 1)} | 1 | | | |`);
for (const { set, ours, reference } of rows) {
  const ratio = (theirs, mine) => (reference === undefined ? 'n/a' : `${format(theirs / mine, 1)}×`);
  console.log(
    `| ${set.label} | benchline trec-eval | ${format(ours.wall)} | ${format(ours.cpu)} | ${format(ours.rss, 0)} | ${format(ours.wall / cat.wall, 1)} | ${ratio(reference?.wall, ours.wall)} | ${ratio(reference?.cpu, ours.cpu)} | ${reference === undefined ? 'n/a' : format(ours.rss / reference.rss)} |`,
  );
  if (reference !== undefined) console.log(`| ${set.label} | trec_eval | ${format(reference.wall)} | ${format(reference.cpu)} | ${format(reference.rss, 0)} | ${format(reference.wall / cat.wall, 1)} | 1 | 1 | 1 |`);
}
console.log(`\nmachine load (1-minute average): ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end, on ${String(availableParallelism())} cores`);
console.log(problems === 0 ? '\nvalues: all summary values equal the expected values' + (trecEvalBinary === undefined ? '' : ' and trec_eval’s output') : `\n${String(problems)} mismatches`);
rmSync(outputFile, { force: true });
process.exit(problems === 0 ? 0 : 1);

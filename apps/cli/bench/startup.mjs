#!/usr/bin/env node
// Start-up cost of the bundled CLI: `benchline --help` against `node -e 0`, medians of repeated runs in this
// process's run. Goal: within 100 ms of bare Node as commands are added.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error(`${bundle} is missing: run \`pnpm --filter benchline build\` first`);
  process.exit(1);
}
const runs = 15;

function medianMilliseconds(args) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(result.status)}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const bare = medianMilliseconds(['-e', '0']);
const help = medianMilliseconds([bundle, '--help']);
const rows = [
  ['node -e 0', bare],
  ['benchline --help', help],
];
console.log('| command | median ms |\n|---|---|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
console.log(`\nbenchline --help costs ${(help - bare).toFixed(1)} ms over bare Node (goal: under 100 ms); bundle ${String(Math.round((await import('node:fs')).statSync(bundle).size / 1024))} KiB`);

#!/usr/bin/env node
// Packs every published workspace package the way `pnpm publish` would, then checks each tarball with
// publint --strict and @arethetypeswrong/cli (ESM-only profile). Exits 1 when any check fails.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const published = ['packages/metrics', 'packages/lora', 'packages/glossary', 'apps/cli'];
const packDir = mkdtempSync(join(tmpdir(), 'benchline-pack-'));
let failures = 0;

try {
  for (const folder of published) {
    const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'));
    if (manifest.private === true) continue;
    const before = new Set(readdirSync(packDir));
    execFileSync('pnpm', ['pack', '--pack-destination', packDir], { cwd: join(root, folder), stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(packDir).find((name) => !before.has(name));
    if (tarball === undefined) throw new Error(`pnpm pack produced no tarball for ${folder}`);
    const path = join(packDir, tarball);
    console.log(`\n=== ${manifest.name}@${manifest.version} (${tarball})`);
    const checks = [
      ['publint', ['exec', 'publint', 'run', path, '--strict']],
      // The CLI has no importable entry point (it is a bin), so only its manifest is checked by attw.
      ['attw', ['exec', 'attw', path, '--profile', 'esm-only', '--format', 'table-flipped', ...(manifest.exports?.['.'] === undefined ? ['--entrypoints', './package.json'] : [])]],
    ];
    for (const [name, args] of checks) {
      const result = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
      if (result.status !== 0) {
        failures++;
        console.error(`${name} failed for ${manifest.name}`);
      }
    }
  }
} finally {
  rmSync(packDir, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`\n${failures} package check(s) failed`);
  process.exit(1);
}
console.log('\nall package checks passed');

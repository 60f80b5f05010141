import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const changesetBin = join(repository, 'node_modules', '@changesets', 'cli', 'bin.js');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}

async function manifest(folder: string, relative: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(folder, relative, 'package.json'), 'utf8')) as Manifest;
}

// A release is `changeset version` (the Version PR) then `changeset publish`. This runs the first half on a
// copy of the repository's manifests and changesets, so the real tree is never touched.
describe('changeset version on a copy of the workspace', () => {
  let copy = '';
  const published = ['packages/metrics', 'packages/lora', 'packages/glossary', 'apps/cli'];
  const before = new Map<string, string>();

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'benchline-release-'));
    for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) {
      await cp(join(repository, file), join(copy, file), { recursive: true });
    }
    for (const folder of [...published, 'apps/docs', 'tooling/tsconfig', 'tooling/release-check']) {
      await cp(join(repository, folder, 'package.json'), join(copy, folder, 'package.json'));
    }
    await symlink(join(repository, 'node_modules'), join(copy, 'node_modules'), 'dir');
    for (const folder of published) before.set(folder, (await manifest(copy, folder)).version);
    await writeFile(
      join(copy, '.changeset', 'release-check.md'),
      '---\n"@benchline/metrics": minor\n"benchline": patch\n---\n\nAdds a measure; the CLI bundles it.\n',
    );
    execFileSync(process.execPath, [changesetBin, 'version'], { cwd: copy, stdio: 'pipe', env: { ...process.env, CI: '1' } });
  });
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  it('bumps the versions the changeset names, by the kind it names', async () => {
    const bump = (version: string, part: 'minor' | 'patch'): string => {
      const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
      return part === 'minor' ? `${String(major)}.${String(minor + 1)}.0` : `${String(major)}.${String(minor)}.${String(patch + 1)}`;
    };
    expect((await manifest(copy, 'packages/metrics')).version).toBe(bump(before.get('packages/metrics') ?? '', 'minor'));
    expect((await manifest(copy, 'apps/cli')).version).toBe(bump(before.get('apps/cli') ?? '', 'patch'));
  });

  it('writes a CHANGELOG with the summary', async () => {
    const changelog = await readFile(join(copy, 'packages/metrics/CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('# @benchline/metrics');
    expect(changelog).toContain('Adds a measure; the CLI bundles it.');
  });

  it('leaves the private docs site unversioned', async () => {
    expect((await manifest(copy, 'apps/docs')).version).toBe((await manifest(repository, 'apps/docs')).version);
  });
});

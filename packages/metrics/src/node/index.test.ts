import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTextFile } from './index.js';

describe('readTextFile', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'benchline-metrics-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('drops a UTF-8 byte-order mark and keeps the rest', async () => {
    const path = join(folder, 'bom.txt');
    await writeFile(path, '\uFEFF1 0 d1 1\n');
    expect(await readTextFile(path)).toBe('1 0 d1 1\n');
  });
});

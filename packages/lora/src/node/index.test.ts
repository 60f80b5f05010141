import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonConfig } from './index.js';

describe('readJsonConfig', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'benchline-lora-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('reads a JSON object', async () => {
    const path = join(folder, 'config.json');
    await writeFile(path, '{"hidden_size": 4096, "num_hidden_layers": 32}');
    expect(await readJsonConfig(path)).toEqual({ hidden_size: 4096, num_hidden_layers: 32 });
  });

  it('names the file when the JSON is invalid or not an object', async () => {
    const broken = join(folder, 'broken.json');
    await writeFile(broken, '{"hidden_size": ');
    await expect(readJsonConfig(broken)).rejects.toThrow(`${broken}: invalid JSON`);
    const list = join(folder, 'list.json');
    await writeFile(list, '[1, 2]');
    await expect(readJsonConfig(list)).rejects.toThrow(`${list}: expected a JSON object, found an array`);
  });
});

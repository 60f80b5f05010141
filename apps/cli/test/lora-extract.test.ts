import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32ToTensor, serializeSafetensors, tensorToFloat32 } from '@benchline/lora';
import type { Tensor } from '@benchline/lora';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-cli-extract-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let state = 777;
function values(count: number): Float32Array {
  const result = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    result[index] = state / 2 ** 32 - 0.5;
  }
  return result;
}

/** base + u·vᵀ (rank 1) for a `rows × cols` F32 weight. */
function rankOneUpdate(base: Tensor): Tensor {
  const [rows, cols] = base.shape as [number, number];
  const u = values(rows);
  const v = values(cols);
  const updated = tensorToFloat32(base, { copy: true });
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) updated[i * cols + j] = updated[i * cols + j]! + u[i]! * v[j]!;
  return float32ToTensor(updated, 'F32', base.shape);
}

async function models(name: string): Promise<{ base: string; tuned: string }> {
  const baseTensors: Record<string, Tensor> = {
    'model.layers.0.self_attn.q_proj.weight': float32ToTensor(values(48), 'F32', [8, 6]),
    'model.layers.0.self_attn.v_proj.weight': float32ToTensor(values(48), 'F32', [8, 6]),
    'model.layers.0.mlp.up_proj.weight': float32ToTensor(values(60), 'F32', [10, 6]),
  };
  const tunedTensors = {
    ...baseTensors,
    'model.layers.0.self_attn.q_proj.weight': rankOneUpdate(baseTensors['model.layers.0.self_attn.q_proj.weight']!),
    'model.layers.0.mlp.up_proj.weight': rankOneUpdate(rankOneUpdate(baseTensors['model.layers.0.mlp.up_proj.weight']!)),
  };
  const base = join(folder, `${name}-base.safetensors`);
  const tuned = join(folder, `${name}-tuned.safetensors`);
  await writeFile(base, serializeSafetensors(baseTensors));
  await writeFile(tuned, serializeSafetensors(tunedTensors));
  return { base, tuned };
}

describe('benchline lora extract', () => {
  it('writes a PEFT adapter folder and reports the energy each module captures', async () => {
    const { base, tuned } = await models('table');
    const out = join(folder, 'table-adapter');
    const io = memoryIo();
    expect(await runCli(['lora', 'extract', '--base', base, '--tuned', tuned, '--rank', '1', '--out', out], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toMatch(/module\s+ΔW\s+r\s+‖ΔW‖_F\s+energy captured\s+relative error/);
    expect(text).toMatch(/^model\.layers\.0\.self_attn\.q_proj\s+8×6\s+1\s+\S+\s+100\.00%/m);
    // A rank-2 update seen through rank 1: part of its energy.
    expect(text).toMatch(/^model\.layers\.0\.mlp\.up_proj\s+10×6\s+1\s+\S+\s+(\d\d\.\d\d)%/m);
    expect(text).toContain(`wrote ${out} (r = lora_alpha = 1, scaling 1): 2 module(s); 1 weight(s) unchanged`);
    const config = JSON.parse(readFileSync(join(out, 'adapter_config.json'), 'utf8')) as { r: number; lora_alpha: number; target_modules: string[]; peft_type: string };
    expect(config).toMatchObject({ peft_type: 'LORA', r: 1, lora_alpha: 1, target_modules: ['model.layers.0.mlp.up_proj', 'model.layers.0.self_attn.q_proj'] });
    const inspect = memoryIo();
    expect(await runCli(['lora', 'inspect', out, '--json'], inspect)).toBe(0);
    expect((JSON.parse(inspect.stdout.text()) as { modules: unknown[] }).modules).toHaveLength(2);
  });

  it('filters with --target and reports as JSON', async () => {
    const { base, tuned } = await models('json');
    const out = join(folder, 'json-adapter');
    const io = memoryIo();
    expect(await runCli(['lora', 'extract', '--base', base, '--tuned', tuned, '--rank', '2', '--out', out, '--target', '.*q_proj', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.text()) as { modules: { module: string; energyCaptured: number; rank: number }[]; skipped: { name: string; reason: string }[] };
    expect(report.modules.map((module) => module.module)).toEqual(['model.layers.0.self_attn.q_proj']);
    expect(report.modules[0]!.energyCaptured).toBeGreaterThan(0.999999);
    expect(report.skipped.filter((entry) => entry.reason === 'outside --target').map((entry) => entry.name).sort()).toEqual(['model.layers.0.mlp.up_proj.weight', 'model.layers.0.self_attn.v_proj.weight']);
  });

  it('rejects with exit 2 and writes nothing: identical models, a malformed file, a bad rank', async () => {
    const { base } = await models('same');
    const out = join(folder, 'same-adapter');
    const same = memoryIo();
    expect(await runCli(['lora', 'extract', '--base', base, '--tuned', base, '--rank', '2', '--out', out], same)).toBe(2);
    expect(same.stderr.text()).toBe('error: no weight differs between the base and the tuned model (among the weights selected): there is nothing to extract\n');
    const broken = join(folder, 'broken.safetensors');
    await writeFile(broken, new Uint8Array([8, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x22]));
    const malformed = memoryIo();
    expect(await runCli(['lora', 'extract', '--base', base, '--tuned', broken, '--rank', '2', '--out', out], malformed)).toBe(2);
    expect(malformed.stderr.text()).toMatch(/^error: .*broken.safetensors: header length says the header ends at byte 16, but the file has only 10 bytes/);
    const zero = memoryIo();
    expect(await runCli(['lora', 'extract', '--base', base, '--tuned', base, '--rank', '0', '--out', out], zero)).toBe(2);
    expect(zero.stderr.text()).toBe('error: --rank expects a positive integer, got "0"\n');
    expect(existsSync(out)).toBe(false);
  });
});

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSafetensors, tensorFromTypedArray } from '@benchline/lora';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const adaptersFolder = fileURLToPath(new URL('../../../../shared/reference/lora/adapters/', import.meta.url));
const referenceAvailable = existsSync(adaptersFolder);
if (!referenceAvailable && process.env.CI !== undefined) throw new Error(`CI: ${adaptersFolder} is missing; the lora inspect tests need it`);
if (!referenceAvailable) console.warn(`skipping lora inspect tests on real adapters: ${adaptersFolder} is absent`);

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-cli-inspect-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe.skipIf(!referenceAvailable)('benchline lora inspect on real PEFT adapters', () => {
  it('gpt2-peft-lora: rank, alpha, scaling, targets, trainable parameters, per-module ‖ΔW‖ and effective rank', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'inspect', join(adaptersFolder, 'gpt2-peft-lora')], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toMatch(/^rank r\s+8$/m);
    expect(text).toMatch(/^lora_alpha\s+8$/m);
    expect(text).toMatch(/^scaling\s+1 \(alpha \/ r\)$/m);
    expect(text).toMatch(/^fan_in_fan_out\s+yes/m);
    expect(text).toMatch(/^modules with LoRA\s+12 \(c_attn\)$/m);
    // 12 × 8 × (768 + 2304) LoRA parameters, plus score.weight (6 × 768) saved in full.
    expect(text).toMatch(/^LoRA parameters\s+294,912$/m);
    expect(text).toMatch(/^trainable parameters\s+299,520$/m);
    // ‖ΔW‖_F of layer 0 is 41.2659 in MANIFEST.json (torch, float64).
    expect(text).toMatch(/^transformer\.h\.0\.attn\.c_attn\s+8\s+1\s+8×768\s+2304×8\s+768×2304\s+24,576\s+41\.27\s+\d\.\d\d\s+8$/m);
    expect(io.stderr.text()).toBe('');
  });

  it('gives the whole summary as JSON', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'inspect', join(adaptersFolder, 'distilbert-emotion-lora'), '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout.text()) as { rank: number; alpha: number; scaling: number; targetedNames: string[]; modules: { modulePath: string; deltaNorm: number; effectiveRank: number }[]; modulesToSave: string[] };
    expect(summary).toMatchObject({ rank: 8, alpha: 16, scaling: 2, targetedNames: ['q_lin', 'v_lin'], modulesToSave: ['pre_classifier', 'classifier', 'score'] });
    const first = summary.modules.find((module) => module.modulePath === 'distilbert.transformer.layer.0.attention.q_lin')!;
    expect(first.deltaNorm).toBeCloseTo(3.7235512940002296, 5);
    expect(first.effectiveRank).toBeGreaterThan(1);
    expect(first.effectiveRank).toBeLessThanOrEqual(8);
  });
});

describe('benchline lora inspect refuses broken adapters with exit 2 and one line', () => {
  async function adapterFolder(name: string, config: unknown, tensors: Record<string, ReturnType<typeof tensorFromTypedArray>>): Promise<string> {
    const path = join(folder, name);
    await mkdir(path);
    await writeFile(join(path, 'adapter_config.json'), JSON.stringify(config));
    await writeFile(join(path, 'adapter_model.safetensors'), serializeSafetensors(tensors, { metadata: { format: 'pt' } }));
    return path;
  }
  const a = tensorFromTypedArray('F32', [2, 4], new Float32Array(8).fill(0.5));
  const b3 = tensorFromTypedArray('F32', [4, 3], new Float32Array(12).fill(0.5));

  it.each([
    ['A and B ranks differ', { peft_type: 'LORA', r: 2, target_modules: ['q_proj'] }, { 'base_model.model.layers.0.q_proj.lora_A.weight': a, 'base_model.model.layers.0.q_proj.lora_B.weight': b3 }, /lora_A \[2, 4\] has rank 2 but lora_B \[4, 3\] has rank 3/],
    ['r = 0', { peft_type: 'LORA', r: 0, target_modules: ['q_proj'] }, {}, /adapter_config.json: r: expected a positive integer \(the LoRA rank\), found number 0/],
    ['not a LoRA adapter', { peft_type: 'PREFIX_TUNING' }, {}, /peft_type: expected "LORA", found the string "PREFIX_TUNING"/],
  ])('%s', async (label, config, tensors, message) => {
    const path = await adapterFolder(label.replace(/\W+/g, '-'), config, tensors);
    const io = memoryIo();
    expect(await runCli(['lora', 'inspect', path], io)).toBe(2);
    expect(io.stderr.text()).toMatch(message);
    expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
    expect(io.stdout.text()).toBe('');
  });

  it('a folder that does not exist', async () => {
    const io = memoryIo({ cwd: folder });
    expect(await runCli(['lora', 'inspect', 'nowhere'], io)).toBe(2);
    expect(io.stderr.text()).toBe(`error: ${join(folder, 'nowhere')}: no such adapter folder\n`);
  });
});

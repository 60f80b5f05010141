import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

const configs = fileURLToPath(new URL('../../../packages/lora/test/fixtures/configs/', import.meta.url));

describe('benchline lora params --config', () => {
  it('counts a whole model per module: Llama-2-7B, q_proj,v_proj at r = 8', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'llama-2-7b-hf.json', '--target', 'q_proj,v_proj', '--rank', '8'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toContain('LlamaForCausalLM (llama-2-7b-hf.json): 6,738,415,616 parameters');
    expect(text).toMatch(/model\.layers\.\*\.self_attn\.q_proj\s+32\s+4,096 → 4,096\s+8\s+2,097,152/);
    expect(text).toContain('4,194,304');
    expect(text).toContain('0.062%');
  });

  it('uses PEFT’s default targets for the model type and gives JSON with --json', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'gpt2.json', '--rank', '8', '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.text()) as { totalParameters: number; targetModules: string[]; trainableParameters: number; modules: { module: string; count: number }[] };
    expect(result.totalParameters).toBe(124_439_808);
    expect(result.targetModules).toEqual(['c_attn']);
    expect(result.trainableParameters).toBe(12 * 8 * (768 + 2304));
    expect(result.modules).toEqual([expect.objectContaining({ module: 'transformer.h.*.attn.c_attn', count: 12 })]);
  });

  it('applies --rank-pattern', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'qwen2-0.5b.json', '--target', 'q_proj,v_proj', '--rank', '8', '--rank-pattern', 'v_proj=16', '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.text()) as { trainableParameters: number };
    expect(result.trainableParameters).toBe(24 * (8 * (896 + 896) + 16 * (896 + 128)));
  });

  it('exits 2 with one line for a target the model lacks, a missing file, and a missing --rank', async () => {
    const missingTarget = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'gpt2.json', '--target', 'q_proj', '--rank', '8'], missingTarget)).toBe(2);
    expect(missingTarget.stderr.text()).toMatch(/^error: target modules \["q_proj"\] not found in the gpt2 model; its modules are named wte, c_attn, c_proj, c_fc, lm_head\n$/);
    const missingFile = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'nope.json', '--rank', '8'], missingFile)).toBe(2);
    expect(missingFile.stderr.text()).toContain('nope.json: no such file or directory');
    const noRank = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'params', '--config', 'gpt2.json'], noRank)).toBe(2);
    expect(noRank.stderr.text()).toBe("error: required option '--rank <r>' not specified\n");
  });
});

describe('benchline lora memory', () => {
  it('compares full fine-tuning, LoRA and QLoRA for Llama-2-7B', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'memory', '--config', 'llama-2-7b-hf.json'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toMatch(/full fine-tuning\s+LoRA\s+QLoRA \(4-bit base\)/);
    // 16 bytes per parameter for full fine-tuning: 6,738,415,616 × 16 B = 100.4 GiB.
    expect(text).toMatch(/^total\s+100 GiB\s+12\.6 GiB\s+3\.\d+ GiB$/m);
    expect(text).toContain('Activations are not included');
  });

  it('gives one method as JSON, with activations when --batch and --seq are given', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'memory', '--config', 'mistral-7b-v0.1.json', '--method', 'qlora', '--rank', '16', '--batch', '1', '--seq', '1024', '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.text()) as { estimates: { method: string; includesActivations: boolean; trainableParameters: number }[] };
    expect(result.estimates).toHaveLength(1);
    expect(result.estimates[0]).toMatchObject({ method: 'qlora', includesActivations: true, trainableParameters: 32 * 16 * (4096 + 4096 + 4096 + 1024) });
  });

  it('rejects an unknown method and --batch without --seq with exit 2', async () => {
    const io = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'memory', '--config', 'gpt2.json', '--method', 'half'], io)).toBe(2);
    expect(io.stderr.text()).toContain("argument 'half' is invalid");
    const lonely = memoryIo({ cwd: configs });
    expect(await runCli(['lora', 'memory', '--config', 'gpt2.json', '--batch', '4'], lonely)).toBe(2);
    expect(lonely.stderr.text()).toBe('error: --batch and --seq go together (activations are estimated only with both)\n');
  });
});

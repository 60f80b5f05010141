import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

describe('benchline lora train --demo', () => {
  it('prints a results table with full fine-tuning and each LoRA rank', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'train', '--demo', '--ranks', '1,4'], io)).toBe(0);
    const text = io.stdout.text();
    expect(text).toMatch(/method\s+trainable\s+AdamW state\s+before\s+after\s+original task after\s+time/);
    expect(text).toMatch(/^full fine-tuning\s+1,732\s+13\.5 KiB/m);
    expect(text).toMatch(/^LoRA r=1\s+148\s+1\.16 KiB/m);
    expect(text).toMatch(/^LoRA r=4\s+592\s+4\.63 KiB/m);
    expect(io.stderr.text()).toBe('');
  }, 30_000);

  it('gives the results as JSON and needs --demo', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'train', '--demo', '--ranks', '2', '--seed', '3', '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout.text()) as { seed: number; results: { method: string; accuracyAfter: number; accuracyBefore: number }[] };
    expect(result.seed).toBe(3);
    expect(result.results.map(({ method }) => method)).toEqual(['full fine-tuning', 'LoRA r=2']);
    for (const method of result.results) expect(method.accuracyAfter).toBeGreaterThan(method.accuracyBefore);
    const missing = memoryIo();
    expect(await runCli(['lora', 'train'], missing)).toBe(2);
    expect(missing.stderr.text()).toContain('lora train needs --demo');
  }, 30_000);
});

import { describe, expect, it } from 'vitest';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

describe('benchline (in-process)', () => {
  it('prints help with examples on stdout and exits 0', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout.text()).toContain('Usage: benchline');
    expect(io.stdout.text()).toContain('Examples:');
    expect(io.stderr.text()).toBe('');
  });

  it('prints its version', async () => {
    const io = memoryIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 with a one-line message for an unknown command', async () => {
    const io = memoryIo();
    expect(await runCli(['evaluate-everything'], io)).toBe(2);
    expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
    expect(io.stderr.text()).toContain("unknown command 'evaluate-everything'");
    expect(io.stdout.text()).toBe('');
  });
});

describe('benchline lora params', () => {
  it("prints the seed note's example: 200,000,000 / 240,000 / 0.12% / 833.3×", async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'params', '--rows', '10000', '--cols', '20000', '--rank', '8'], io)).toBe(0);
    const text = io.stdout.text();
    for (const expected of ['200,000,000', '240,000', '0.12%', '833.3×']) expect(text).toContain(expected);
  });

  it('gives the numbers as JSON with --json', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'params', '--rows', '10,000', '--cols', '20000', '--rank', '8', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout.text())).toMatchObject({ rows: 10000, cols: 20000, rank: 8, full: 200_000_000, lora: 240_000 });
  });

  it('rejects a non-numeric rank with exit 2, naming the flag, with no stack trace', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'params', '--rows', '10', '--cols', '20', '--rank', 'eight'], io)).toBe(2);
    expect(io.stderr.text()).toBe('error: --rank expects a positive integer, got "eight"\n');
  });

  it('turns a library error into exit 2 and one line', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'params', '--rows', '10', '--cols', '20', '--rank', '11'], io)).toBe(2);
    expect(io.stderr.text()).toBe('error: rank must be at most min(rows, cols) = 10, got 11\n');
  });

  it('exits 2 when a required flag is missing', async () => {
    const io = memoryIo();
    expect(await runCli(['lora', 'params', '--rows', '10'], io)).toBe(2);
    expect(io.stderr.text()).toContain("required option '--cols <n>' not specified");
  });

  it('colours errors only on a terminal without NO_COLOR', async () => {
    const plain = memoryIo({ tty: true, env: { NO_COLOR: '1' } });
    await runCli(['lora', 'params', '--rows', '10', '--cols', '20', '--rank', '11'], plain);
    expect(plain.stderr.text()).not.toContain('\u001b[');
    const coloured = memoryIo({ tty: true });
    await runCli(['lora', 'params', '--rows', '10', '--cols', '20', '--rank', '11'], coloured);
    expect(coloured.stderr.text()).toContain('\u001b[31m');
  });
});

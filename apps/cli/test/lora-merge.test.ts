import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float32ToTensor, parseSafetensors, serializeSafetensors, tensorToFloat32 } from '@benchline/lora';
import type { Tensor } from '@benchline/lora';
import { runCli } from '../src/main.js';
import { memoryIo } from './memory-io.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-cli-merge-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

let state = 12345;
function values(count: number): Float32Array {
  const result = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    result[index] = state / 2 ** 32 - 0.5;
  }
  return result;
}
const f32 = (rows: number, cols: number): Tensor => float32ToTensor(values(rows * cols), 'F32', [rows, cols]);

/** A tiny LLaMA-shaped BF16 base model and an adapter folder for q_proj/v_proj (r = 2, alpha = 4: scaling 2). */
async function fixture(name: string, adapterTensors?: Record<string, Tensor>, config: Record<string, unknown> = {}): Promise<{ base: string; adapter: string; baseTensors: Record<string, Tensor>; loras: Record<string, Tensor> }> {
  const baseTensors: Record<string, Tensor> = {
    'model.embed_tokens.weight': float32ToTensor(values(64), 'BF16', [16, 4]),
    'model.layers.0.self_attn.q_proj.weight': float32ToTensor(values(16), 'BF16', [4, 4]),
    'model.layers.0.self_attn.v_proj.weight': float32ToTensor(values(16), 'BF16', [4, 4]),
    'model.layers.0.mlp.up_proj.weight': float32ToTensor(values(24), 'BF16', [6, 4]),
    'model.norm.weight': float32ToTensor(values(4), 'BF16', [4]),
  };
  const loras = adapterTensors ?? {
    'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight': f32(2, 4),
    'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight': f32(4, 2),
    'base_model.model.model.layers.0.self_attn.v_proj.lora_A.weight': f32(2, 4),
    'base_model.model.model.layers.0.self_attn.v_proj.lora_B.weight': f32(4, 2),
  };
  const base = join(folder, `${name}.safetensors`);
  await writeFile(base, serializeSafetensors(baseTensors));
  const adapter = join(folder, `${name}-adapter`);
  await mkdir(adapter);
  await writeFile(join(adapter, 'adapter_config.json'), JSON.stringify({ peft_type: 'LORA', r: 2, lora_alpha: 4, target_modules: ['q_proj', 'v_proj'], ...config }));
  await writeFile(join(adapter, 'adapter_model.safetensors'), serializeSafetensors(loras, { metadata: { format: 'pt' } }));
  return { base, adapter, baseTensors, loras };
}

async function leftovers(): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.tmp'));
}

describe('benchline lora merge', () => {
  it('merges W + 2·B·A into the BF16 targets and leaves every other tensor byte for byte', async () => {
    const { base, adapter, baseTensors, loras } = await fixture('good');
    const out = join(folder, 'good-merged.safetensors');
    const io = memoryIo();
    expect(await runCli(['lora', 'merge', '--base', base, '--adapter', adapter, '--out', out], io)).toBe(0);
    expect(io.stdout.text()).toMatch(/^merged 2 LoRA module\(s\) into 2 tensor\(s\); 3 tensor\(s\) copied unchanged$/m);
    expect(io.stderr.text()).toBe('');
    const merged = parseSafetensors(new Uint8Array(readFileSync(out)));
    for (const projection of ['q_proj', 'v_proj']) {
      const name = `model.layers.0.self_attn.${projection}.weight`;
      const weight = tensorToFloat32(baseTensors[name]!);
      const a = tensorToFloat32(loras[`base_model.model.model.layers.0.self_attn.${projection}.lora_A.weight`]!);
      const b = tensorToFloat32(loras[`base_model.model.model.layers.0.self_attn.${projection}.lora_B.weight`]!);
      const found = tensorToFloat32(merged.tensor(name));
      expect(merged.tensor(name).dtype).toBe('BF16');
      for (let row = 0; row < 4; row++) {
        for (let column = 0; column < 4; column++) {
          const expected = weight[row * 4 + column]! + 2 * (b[row * 2]! * a[column]! + b[row * 2 + 1]! * a[4 + column]!);
          expect(Math.abs(found[row * 4 + column]! - expected)).toBeLessThanOrEqual(Math.abs(expected) * 2 ** -8 + 1e-7);
        }
      }
    }
    for (const name of ['model.embed_tokens.weight', 'model.layers.0.mlp.up_proj.weight', 'model.norm.weight']) {
      expect([...merged.tensor(name).data]).toEqual([...baseTensors[name]!.data]);
    }
  });

  it('reports as JSON', async () => {
    const { base, adapter } = await fixture('json');
    const io = memoryIo({ cwd: folder });
    expect(await runCli(['lora', 'merge', '--base', 'json.safetensors', '--adapter', 'json-adapter', '--out', 'json-merged.safetensors', '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout.text()) as { base: string; adapter: string; mergedTensors: string[]; copiedTensors: number; keyMapping: unknown };
    expect(report).toMatchObject({ base, adapter, mergedTensors: ['model.layers.0.self_attn.q_proj.weight', 'model.layers.0.self_attn.v_proj.weight'], copiedTensors: 3, keyMapping: { stripPrefix: '', addPrefix: '' } });
  });

  describe('rejects, with exit 2, one line and no output file', () => {
    /** Byte surgery on a valid base file: the header is rewritten, the data kept. */
    async function brokenBase(name: string, edit: (header: string) => string, dataEdit: (data: Uint8Array) => Uint8Array = (data) => data): Promise<string> {
      const { base } = await fixture(`${name}-source`);
      const bytes = new Uint8Array(readFileSync(base));
      const file = parseSafetensors(bytes);
      const header = new TextEncoder().encode(edit(new TextDecoder().decode(bytes.subarray(8, file.header.dataStart))));
      const data = dataEdit(bytes.subarray(file.header.dataStart));
      const output = new Uint8Array(8 + header.length + data.length);
      new DataView(output.buffer).setBigUint64(0, BigInt(header.length), true);
      output.set(header, 8);
      output.set(data, 8 + header.length);
      await writeFile(base, output);
      return base;
    }

    const cases: [string, () => Promise<string>, RegExp][] = [
      [
        'a header longer than the file',
        async () => {
          const { base } = await fixture('too-long');
          const bytes = new Uint8Array(readFileSync(base));
          new DataView(bytes.buffer).setBigUint64(0, BigInt(bytes.length), true);
          await writeFile(base, bytes);
          return base;
        },
        /header length says the header ends at byte \d+, but the file has only \d+ bytes .*\[InvalidHeaderLength\]/,
      ],
      ['overlapping offsets', () => brokenBase('overlap', (header) => header.replace(/"data_offsets":\[(\d+),(\d+)\]\}\}/, (_match, begin: string, end: string) => `"data_offsets":[${String(Number(begin) - 2)},${String(Number(end) - 2)}]}}`), (data) => data.subarray(0, data.length - 2)), /overlap the previous tensor.*\[InvalidOffset\]/],
      ['gapped offsets', () => brokenBase('gap', (header) => header.replace(/"data_offsets":\[(\d+),(\d+)\]\}\}/, (_match, begin: string, end: string) => `"data_offsets":[${String(Number(begin) + 2)},${String(Number(end) + 2)}]}}`), (data) => Uint8Array.from([...data, 0, 0])), /leave a gap: expected the tensor to begin at \d+.*\[InvalidOffset\]/],
      ['a byte size that is not shape × dtype', () => brokenBase('size', (header) => header.replace('"shape":[4]', '"shape":[3]')), /tensor "model.norm.weight": BF16 of shape \[3\] takes 6 bytes, but data_offsets \[\d+, \d+\] span 8 \[TensorInvalidInfo\]/],
      ['an unknown dtype', () => brokenBase('dtype', (header) => header.replace('"dtype":"BF16"', '"dtype":"BF17"')), /unknown dtype "BF17".*\[InvalidHeaderDeserialization\]/],
      ['invalid JSON', () => brokenBase('json-broken', (header) => header.replace('{"model', '{model')), /header is not valid JSON: expected a string key in an object at character 1 .*\[InvalidHeaderDeserialization\]/],
    ];

    it.each(cases)('a malformed base: %s', async (label, makeBase, message) => {
      const base = await makeBase();
      const { adapter } = await fixture(`${label.replace(/\W+/g, '-')}-for-adapter`);
      const out = join(folder, `${label.replace(/\W+/g, '-')}-merged.safetensors`);
      const io = memoryIo();
      expect(await runCli(['lora', 'merge', '--base', base, '--adapter', adapter, '--out', out], io)).toBe(2);
      expect(io.stderr.text()).toMatch(new RegExp(`^error: ${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(io.stderr.text()).toMatch(message);
      expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expect(await leftovers()).toEqual([]);
    });

    it.each([
      [
        'A and B ranks differ',
        { 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight': f32(2, 4), 'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight': f32(4, 3) },
        {},
        /module model.layers.0.self_attn.q_proj: lora_A \[2, 4\] has rank 2 but lora_B \[4, 3\] has rank 3/,
      ],
      [
        'a target missing from the base',
        { 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight': f32(2, 4), 'base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight': f32(4, 2), 'base_model.model.model.layers.3.self_attn.v_proj.lora_A.weight': f32(2, 4), 'base_model.model.model.layers.3.self_attn.v_proj.lora_B.weight': f32(4, 2) },
        {},
        /1 of the adapter's 2 target module\(s\) are not in the base model: model.layers.3.self_attn.v_proj \(looked for model.layers.3.self_attn.v_proj.weight\)/,
      ],
      ['r = 0', {}, { r: 0 }, /adapter_config.json: r: expected a positive integer \(the LoRA rank\), found number 0/],
    ] as [string, Record<string, Tensor>, Record<string, unknown>, RegExp][])('an inconsistent adapter: %s', async (label, tensors, config, message) => {
      const name = label.replace(/\W+/g, '-');
      const { base, adapter } = await fixture(name, tensors, config);
      const out = join(folder, `${name}-merged.safetensors`);
      const io = memoryIo();
      expect(await runCli(['lora', 'merge', '--base', base, '--adapter', adapter, '--out', out], io)).toBe(2);
      expect(io.stderr.text()).toMatch(message);
      expect(io.stderr.text().trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expect(await leftovers()).toEqual([]);
    });

    it('an output that is an input: the base, a symbolic link to it, or the adapter weights', async () => {
      const { base, adapter } = await fixture('self');
      const before = readFileSync(base);
      const link = join(folder, 'self-link.safetensors');
      await symlink(base, link);
      for (const out of [base, link, join(adapter, 'adapter_model.safetensors')]) {
        const io = memoryIo();
        expect(await runCli(['lora', 'merge', '--base', base, '--adapter', adapter, '--out', out], io)).toBe(2);
        expect(io.stderr.text()).toContain('refusing to overwrite an input file');
      }
      expect(Buffer.compare(readFileSync(base), before)).toBe(0);
    });

    it('a base file that does not exist', async () => {
      const { adapter } = await fixture('no-base');
      const io = memoryIo({ cwd: folder });
      expect(await runCli(['lora', 'merge', '--base', 'absent.safetensors', '--adapter', adapter, '--out', 'x.safetensors'], io)).toBe(2);
      expect(io.stderr.text()).toBe(`error: ${join(folder, 'absent.safetensors')}: no such file or directory\n`);
    });
  });
});

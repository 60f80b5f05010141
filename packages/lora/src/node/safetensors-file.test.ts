import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsFormatError, createAdapterConfig, adapterFromTensors, parseSafetensors, planSafetensorsLayout, serializeSafetensors, tensorFromTypedArray, tensorToFloat32 } from '@benchline/lora';
import type { Tensor } from '@benchline/lora';
import { createAtomicFile, createSafetensorsWriter, isSameFile, openSafetensorsFile, readAdapterFolder, readSafetensorsFile, writeAdapterFolder, writeFileAtomic, writeSafetensorsFile } from './index.js';

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'benchline-lora-node-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const tensors: Record<string, Tensor> = {
  'b.f32': tensorFromTypedArray('F32', [2, 3], Float32Array.of(1, 2, 3, 4, 5, 6)),
  'a.bf16': tensorFromTypedArray('BF16', [3], Uint16Array.of(0x3f80, 0x4000, 0xc000)),
  'c.i64': tensorFromTypedArray('I64', [1], BigInt64Array.of(-7n)),
  'd.empty': tensorFromTypedArray('F32', [0, 4], new Float32Array(0)),
};

const temporaryFiles = async (): Promise<string[]> => (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.tmp'));

describe('openSafetensorsFile: header first, then tensor by tensor with positioned reads', () => {
  it('reads the same tensors as the in-memory reader', async () => {
    const path = join(folder, 'mixed.safetensors');
    await writeSafetensorsFile(path, tensors, { metadata: { format: 'pt' } });
    expect(Buffer.compare(readFileSync(path), Buffer.from(serializeSafetensors(tensors, { metadata: { format: 'pt' } })))).toBe(0);
    const reader = await openSafetensorsFile(path);
    try {
      expect(reader.names).toEqual(['c.i64', 'b.f32', 'd.empty', 'a.bf16']);
      expect(reader.header.metadata).toEqual({ format: 'pt' });
      for (const [name, tensor] of Object.entries(tensors)) {
        const read = await reader.readTensor(name);
        expect(read.dtype).toBe(tensor.dtype);
        expect(read.shape).toEqual(tensor.shape);
        expect([...read.data]).toEqual([...tensor.data]);
        expect(read.data.byteOffset).toBe(0);
      }
      await expect(reader.readTensor('missing')).rejects.toThrow(`${path}: tensor "missing": no such tensor in the file [TensorNotFound]`);
      const prefix = new Uint8Array(readFileSync(path)).subarray(0, reader.header.dataStart);
      expect([...reader.prefix]).toEqual([...prefix]);
    } finally {
      await reader.close();
    }
    const whole = await readSafetensorsFile(path);
    expect([...tensorToFloat32(whole.tensor('b.f32'))]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('validates the header against the file size without reading the data, and names the file', async () => {
    const path = join(folder, 'short.safetensors');
    const bytes = serializeSafetensors(tensors);
    await writeFile(path, bytes.subarray(0, bytes.length - 1));
    const error = await openSafetensorsFile(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SafetensorsFormatError);
    expect((error as SafetensorsFormatError).rule).toBe('MetadataIncompleteBuffer');
    expect((error as Error).message.startsWith(`${path}: `)).toBe(true);
    const tiny = join(folder, 'tiny.safetensors');
    await writeFile(tiny, new Uint8Array([1, 2]));
    await expect(openSafetensorsFile(tiny)).rejects.toThrow(`${tiny}: a safetensors file starts with an 8-byte header length; the file has only 2 bytes [HeaderTooSmall]`);
  });
});

describe('streaming writer and atomic files', () => {
  it('writes tensors in the layout order, in pieces, and publishes the file only on commit', async () => {
    const path = join(folder, 'streamed.safetensors');
    const layout = planSafetensorsLayout(Object.entries(tensors).map(([name, tensor]) => ({ name, dtype: tensor.dtype, shape: tensor.shape })), { format: 'pt' });
    const writer = await createSafetensorsWriter(path, layout);
    expect(writer.next).toBe('c.i64');
    await expect(writer.write('b.f32', tensors['b.f32']!.data)).rejects.toThrow(/tensor "b.f32" written out of order; expected "c.i64"/);
    await writer.write('c.i64', tensors['c.i64']!.data);
    const f32 = tensors['b.f32']!.data;
    await writer.write('b.f32', f32.subarray(0, 10));
    await writer.write('b.f32', f32.subarray(10));
    expect(existsSync(path)).toBe(false);
    await writer.write('a.bf16', tensors['a.bf16']!.data);
    expect(writer.next).toBeUndefined();
    await writer.commit();
    expect(Buffer.compare(readFileSync(path), Buffer.from(serializeSafetensors(tensors, { metadata: { format: 'pt' } })))).toBe(0);
    expect(await temporaryFiles()).toEqual([]);
  });

  it('refuses to commit an incomplete file and leaves nothing behind', async () => {
    const path = join(folder, 'incomplete.safetensors');
    const layout = planSafetensorsLayout([{ name: 'w', dtype: 'F32', shape: [4] }, { name: 'v', dtype: 'F32', shape: [1] }]);
    const writer = await createSafetensorsWriter(path, layout);
    await writer.write('v', new Uint8Array(4));
    await expect(writer.commit()).rejects.toThrow(/tensor "w" and 0 after it were never written; the file was not created/);
    expect(existsSync(path)).toBe(false);
    expect(await temporaryFiles()).toEqual([]);
  });

  it('keeps the previous file until a replacement is complete', async () => {
    const path = join(folder, 'replace.txt');
    await writeFileAtomic(path, 'old');
    const file = await createAtomicFile(path);
    await file.write(new TextEncoder().encode('new, half'));
    expect(readFileSync(path, 'utf8')).toBe('old');
    await file.abort();
    expect(readFileSync(path, 'utf8')).toBe('old');
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(await temporaryFiles()).toEqual([]);
    expect(await isSameFile(path, join(folder, '.', 'replace.txt'))).toBe(true);
    expect(await isSameFile(path, join(folder, 'other.txt'))).toBe(false);
  });
});

describe('adapter folders', () => {
  const adapter = adapterFromTensors(createAdapterConfig({ r: 2, loraAlpha: 4, targetModules: ['q_proj'] }), [
    ['base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight', tensorFromTypedArray('F32', [2, 3], Float32Array.of(1, 2, 3, 4, 5, 6))],
    ['base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight', tensorFromTypedArray('F32', [4, 2], Float32Array.of(1, 0, 0, 1, 1, 1, 2, 2))],
  ]);

  it('writes a new folder in one rename and reads it back', async () => {
    const target = join(folder, 'adapters', 'new-adapter');
    await writeAdapterFolder(target, adapter);
    expect((await readdir(target)).sort()).toEqual(['adapter_config.json', 'adapter_model.safetensors']);
    const reloaded = await readAdapterFolder(target);
    expect(reloaded.modules[0]).toMatchObject({ modulePath: 'model.layers.0.self_attn.q_proj', rank: 2, scaling: 2 });
    expect(parseSafetensors(new Uint8Array(readFileSync(join(target, 'adapter_model.safetensors')))).metadata).toEqual({ format: 'pt' });
    await writeAdapterFolder(target, adapter);
    expect(await temporaryFiles()).toEqual([]);
  });

  it('names the missing file, the legacy pickle, and a file given instead of a folder', async () => {
    const empty = join(folder, 'empty-adapter');
    await mkdir(empty);
    await expect(readAdapterFolder(empty)).rejects.toThrow(`${join(empty, 'adapter_config.json')}: missing; a PEFT adapter folder has adapter_config.json and adapter_model.safetensors`);
    await writeFile(join(empty, 'adapter_config.json'), '{"peft_type": "LORA"}');
    await writeFile(join(empty, 'adapter_model.bin'), 'pickle');
    await expect(readAdapterFolder(empty)).rejects.toThrow('the folder has the legacy pickle adapter_model.bin, which is not read');
    await expect(readAdapterFolder(join(empty, 'adapter_config.json'))).rejects.toThrow('expected an adapter folder');
    await expect(readAdapterFolder(join(folder, 'nowhere'))).rejects.toThrow(`${join(folder, 'nowhere')}: no such adapter folder`);
  });
});

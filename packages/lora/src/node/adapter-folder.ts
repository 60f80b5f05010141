import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AdapterFormatError } from '../errors.js';
import type { PeftAdapter } from '../peft/adapter.js';
import { adapterFromTensors, serializeAdapter } from '../peft/adapter.js';
import { parseAdapterConfig } from '../peft/adapter-config.js';
import { readSafetensorsFile } from './safetensors-file.js';
import { writeFileAtomic } from './atomic-file.js';

/** The file names PEFT's `save_pretrained` uses. */
export const adapterConfigFileName = 'adapter_config.json';
export const adapterWeightsFileName = 'adapter_model.safetensors';

/**
 * Loads a PEFT adapter folder (`adapter_config.json` + `adapter_model.safetensors`), validating both and their
 * agreement (see `adapterFromTensors`). The legacy pickle `adapter_model.bin` is not read.
 *
 * @throws {AdapterFormatError} naming the file: a missing file, invalid JSON, a config PEFT would refuse, tensors
 *   that disagree with the config.
 * @throws {SafetensorsFormatError} for a malformed weights file.
 */
export async function readAdapterFolder(folder: string): Promise<PeftAdapter> {
  const configPath = join(folder, adapterConfigFileName);
  const weightsPath = join(folder, adapterWeightsFileName);
  const folderStat = await stat(folder).catch(() => undefined);
  if (folderStat === undefined) throw new AdapterFormatError(`${folder}: no such adapter folder`, { file: folder });
  if (!folderStat.isDirectory()) throw new AdapterFormatError(`${folder}: expected an adapter folder (with ${adapterConfigFileName} and ${adapterWeightsFileName}), found a file`, { file: folder });
  const configText = await readFile(configPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new AdapterFormatError(`${configPath}: missing; a PEFT adapter folder has ${adapterConfigFileName} and ${adapterWeightsFileName}`, { file: configPath });
    throw error;
  });
  let json: unknown;
  try {
    json = JSON.parse(configText);
  } catch (error) {
    throw new AdapterFormatError(`${configPath}: invalid JSON (${(error as Error).message})`, { file: configPath });
  }
  const config = parseAdapterConfig(json, { file: configPath });
  const weightsExist = await stat(weightsPath).then(() => true, () => false);
  if (!weightsExist) {
    const legacy = await stat(join(folder, 'adapter_model.bin')).then(() => true, () => false);
    throw new AdapterFormatError(
      legacy
        ? `${weightsPath}: missing; the folder has the legacy pickle adapter_model.bin, which is not read (re-save the adapter with safe_serialization=True)`
        : `${weightsPath}: missing; a PEFT adapter folder has ${adapterConfigFileName} and ${adapterWeightsFileName}`,
      { file: weightsPath },
    );
  }
  const weights = await readSafetensorsFile(weightsPath);
  return adapterFromTensors(config, weights.tensors(), { configFile: configPath, weightsFile: weightsPath, metadata: weights.metadata });
}

/**
 * Saves an adapter as PEFT does (`adapter_config.json` + `adapter_model.safetensors`), never leaving a
 * half-written folder: a new folder is assembled under a temporary name beside it and renamed into place; in an
 * existing folder each file is replaced atomically (weights first, then the config).
 *
 * @throws the file system's error; the target is then unchanged (a new folder) or keeps its previous files.
 */
export async function writeAdapterFolder(folder: string, adapter: PeftAdapter): Promise<void> {
  const { config, weights } = serializeAdapter(adapter);
  const existing = await stat(folder).catch(() => undefined);
  if (existing !== undefined) {
    if (!existing.isDirectory()) throw new AdapterFormatError(`${folder}: exists and is not a folder; cannot write an adapter there`, { file: folder });
    await writeFileAtomic(join(folder, adapterWeightsFileName), weights);
    await writeFileAtomic(join(folder, adapterConfigFileName), config);
    return;
  }
  const absolute = resolve(folder);
  await mkdir(dirname(absolute), { recursive: true });
  const temporary = join(dirname(absolute), `.${basename(absolute)}.${randomBytes(6).toString('hex')}.tmp`);
  await mkdir(temporary);
  try {
    await writeFileAtomic(join(temporary, adapterWeightsFileName), weights);
    await writeFileAtomic(join(temporary, adapterConfigFileName), config);
    await rename(temporary, absolute);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

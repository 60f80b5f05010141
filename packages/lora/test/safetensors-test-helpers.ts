import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `<repo>/../shared/reference/lora/`: PyTorch- and PEFT-made reference files, never copied into the repository. */
export const loraReferenceFolder = fileURLToPath(new URL('../../../../shared/reference/lora/', import.meta.url));

/** True when the reference folder is present. In CI its absence is an error, not a reason to skip. */
export function loraReferenceAvailable(): boolean {
  const present = existsSync(loraReferenceFolder);
  if (!present && process.env.CI !== undefined) {
    throw new Error(`CI: the reference folder ${loraReferenceFolder} is missing; the safetensors/PEFT conformance tests need it`);
  }
  if (!present) console.warn(`skipping reference tests: ${loraReferenceFolder} is absent (it ships beside the repository as ../shared)`);
  return present;
}

/** The real PEFT adapters in `adapters/` that have weights (the llama folder is a config only). */
export const realAdapterNames = ['gpt2-peft-lora', 'gpt2-tigrinya-lora', 'distilbert-emotion-lora'] as const;

/**
 * A safetensors file built by hand from a header string and a data length, so a test can break one rule at a time
 * (the reference implementation's own negative tests are built this way).
 */
export function handMadeSafetensors(headerJson: string, dataLength: number, trailing: Uint8Array = new Uint8Array(0)): Uint8Array {
  const header = new TextEncoder().encode(headerJson);
  const bytes = new Uint8Array(8 + header.length + dataLength + trailing.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, 8);
  bytes.set(trailing, 8 + header.length + dataLength);
  return bytes;
}

/** Deterministic values in [−1, 1) (xorshift32), independent of the library's random generator. */
export function seededValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0 || 1;
  const values = new Float32Array(count);
  for (let index = 0; index < count; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[index] = (state >>> 0) / 2 ** 31 - 1;
  }
  return values;
}


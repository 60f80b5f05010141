import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `<repo>/../shared`: reference files made by trec_eval, scipy and the BM25 reference scripts, never by Benchline. */
export const sharedDirectory = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export const sharedAvailable = existsSync(`${sharedDirectory}reference`);

/**
 * Tests that need `../shared` skip when it is absent on a developer's machine and fail under CI, with a message
 * saying why.
 */
export const skipWithoutShared = !sharedAvailable && process.env.CI === undefined;

export const missingSharedMessage = `the reference folder ${sharedDirectory} is absent: the worked examples that quote trec_eval, scipy or Cranfield figures cannot be checked`;

export function readSharedJson(relativePath: string): unknown {
  if (!sharedAvailable) throw new Error(missingSharedMessage);
  return JSON.parse(readFileSync(`${sharedDirectory}reference/${relativePath}`, 'utf8')) as unknown;
}

export function readSharedText(relativePath: string): string {
  if (!sharedAvailable) throw new Error(missingSharedMessage);
  return readFileSync(`${sharedDirectory}${relativePath}`, 'utf8');
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `<repo>/../shared`, the read-only reference material tests compare against. */
export const sharedFolder = fileURLToPath(new URL('../../../../shared/', import.meta.url));

/** trec_eval's upstream fixtures. */
export const trecEvalFixtures = `${sharedFolder}reference/trec_eval/fixtures/`;

const present = existsSync(trecEvalFixtures);
if (!present && process.env.CI !== undefined) {
  throw new Error(`the reference folder ${sharedFolder} is missing; CI needs it (it sits beside the repository)`);
}

/** True when ../shared is absent outside CI: reference tests are skipped with a message. */
export const sharedMissing = !present;
if (sharedMissing) console.warn(`skipping reference tests: ${sharedFolder} not found`);

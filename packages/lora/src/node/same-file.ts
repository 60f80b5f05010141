import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Whether two paths name the same file: the same resolved real path (symbolic links followed), or the same device
 * and inode (hard links). A path that does not exist yet is compared by its resolved path only.
 */
export async function isSameFile(left: string, right: string): Promise<boolean> {
  const [leftStat, rightStat] = await Promise.all([stat(left).catch(() => undefined), stat(right).catch(() => undefined)]);
  if (leftStat !== undefined && rightStat !== undefined) return leftStat.dev === rightStat.dev && leftStat.ino === rightStat.ino;
  const [leftReal, rightReal] = await Promise.all([realpath(left).catch(() => resolve(left)), realpath(right).catch(() => resolve(right))]);
  return leftReal === rightReal;
}

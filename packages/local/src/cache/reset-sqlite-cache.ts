import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HealingError } from '@healing/adapters';

/** The files SQLite keeps for one database in WAL mode (plus a rollback journal, if one was left). */
export function sqliteFilesOf(path: string): string[] {
  const file = resolve(path);
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * Deletes a cache file and its -wal/-shm companions (what `heal cache reset` runs). Close
 * every cache on the file first: a process that still has it open keeps writing to the
 * deleted copy. Returns the files that existed and were removed.
 */
export async function resetSqliteCache(path: string): Promise<string[]> {
  const removed: string[] = [];
  for (const file of sqliteFilesOf(path)) {
    try {
      await rm(file);
      removed.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new HealingError(
        'INTERNAL',
        `cannot remove the cache file ${file}: ${(error as Error).message}; check its permissions and that no process holds it`,
        { cause: error, details: { path: file } },
      );
    }
  }
  return removed;
}

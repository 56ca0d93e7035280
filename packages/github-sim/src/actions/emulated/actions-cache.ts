import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The repository's Actions cache, as actions/cache and the setup actions use it: an entry is
 * stored once under its exact key, restored whole, and never overwritten (GitHub refuses to
 * save a key that exists). Entries are directories on the simulator's disk.
 */
export interface ActionsCache {
  /** Restores the entry into `path`; false when there is no entry with that key. */
  restore(key: string, path: string): Promise<boolean>;
  /** Saves `path` under `key` unless the key exists or there is nothing at `path`. */
  save(key: string, path: string): Promise<boolean>;
}

export function createActionsCache(root: string): ActionsCache {
  const entry = (key: string): string => join(root, encodeURIComponent(key));
  return {
    async restore(key, path) {
      if (!(await exists(entry(key)))) return false;
      await mkdir(path, { recursive: true });
      await cp(entry(key), path, { recursive: true, force: true, verbatimSymlinks: true });
      return true;
    },
    async save(key, path) {
      if ((await exists(entry(key))) || !(await exists(path))) return false;
      await mkdir(root, { recursive: true });
      // Whole or not at all: a concurrent run saving the same key loses the rename and cleans up.
      const partial = `${entry(key)}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      await cp(path, partial, { recursive: true, verbatimSymlinks: true });
      try {
        await rename(partial, entry(key));
        return true;
      } catch {
        await rm(partial, { recursive: true, force: true });
        return false;
      }
    },
  };
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

import { execFile } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// `cp -a`: a package manager's cache is thousands of small files, which the system's cp copies
// in half the time fs.cp takes, modes and symlinks kept.
const copyTree = (from: string, to: string): Promise<unknown> => run('cp', ['-a', from, to]);

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
      await copyTree(`${entry(key)}/.`, path);
      return true;
    },
    async save(key, path) {
      if ((await exists(entry(key))) || !(await exists(path))) return false;
      await mkdir(root, { recursive: true });
      // Whole or not at all: a concurrent run saving the same key loses the rename and cleans up.
      const partial = `${entry(key)}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      await copyTree(path, partial);
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

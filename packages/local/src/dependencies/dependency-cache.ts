import { randomBytes } from 'node:crypto';
import {
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import { z } from 'zod';
import type { DependencyDir } from './find-dependency-dirs.js';
import { moveDirectory } from './move-directory.js';

/** One set of installed dependencies, kept for the dependency files' hash. */
export interface CachedDependencies {
  readonly key: string;
  /** The dependency directories, at their repository paths under this folder. */
  readonly treeDir: string;
  /** The workspace root (as given and resolved) that installed them: paths in links and scripts name it. */
  readonly installRoots: readonly string[];
  readonly dirs: readonly DependencyDir[];
}

export interface DependencyCache {
  readonly dir: string;
  /** The entry for `key`, or null; a hit counts as a use for eviction. */
  find(key: string): Promise<CachedDependencies | null>;
  /**
   * Moves `dirs` out of `workspaceRoot` into the entry for `key`, published by one atomic
   * rename; when another process published the key first, its entry is returned instead.
   */
  store(key: string, workspaceRoot: string, dirs: readonly DependencyDir[]): Promise<CachedDependencies>;
  /** Marks the entry in use by a workspace until the returned release runs; eviction skips it. */
  claim(entry: CachedDependencies, workspaceId: string): Promise<() => Promise<void>>;
  /** Removes the least recently used entries past the bound, except those in use; returns their keys. */
  evict(): Promise<readonly string[]>;
}

export interface DependencyCacheOptions {
  readonly dir: string;
  /** Entries kept (default 3): each can be a full node_modules. */
  readonly maxEntries?: number;
  /** Whether a process that claimed an entry still runs (injected by tests). */
  readonly isProcessAlive?: (pid: number) => boolean;
}

const EntrySchema = z.object({
  version: z.literal(1),
  installRoots: z.array(z.string()).min(1),
  dirs: z.array(z.object({ path: z.string(), kind: z.enum(['node_modules', 'virtualenv']) })),
});

const KEY = /^[0-9a-f]{32}$/;
const STALE_TEMP_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A bounded cache of installed dependency directories on disk, shared by processes. */
export function createDependencyCache(options: DependencyCacheOptions): DependencyCache {
  const { dir } = options;
  const maxEntries = options.maxEntries ?? 3;
  const isAlive = options.isProcessAlive ?? processAlive;
  const entryDir = (key: string): string => join(dir, key);
  const touch = (key: string): Promise<void> => {
    const now = new Date();
    return utimes(join(entryDir(key), 'entry.json'), now, now).catch(() => undefined);
  };

  async function find(key: string): Promise<CachedDependencies | null> {
    if (!KEY.test(key)) return null;
    const text = await readFile(join(entryDir(key), 'entry.json'), 'utf8').catch(() => null);
    const parsed = text === null ? null : EntrySchema.safeParse(safeJson(text));
    if (!parsed?.success) return null;
    await touch(key);
    const { installRoots, dirs } = parsed.data;
    return { key, treeDir: join(entryDir(key), 'tree'), installRoots, dirs };
  }

  async function isInUse(key: string): Promise<boolean> {
    const users = await readdir(join(entryDir(key), 'users')).catch(() => []);
    for (const user of users) {
      const pid = Number(await readFile(join(entryDir(key), 'users', user), 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) return true;
    }
    return false;
  }

  async function discard(path: string): Promise<void> {
    // Renamed first, so no reader ever sees a half-deleted entry under its key.
    const trash = join(dir, `.trash-${randomBytes(6).toString('hex')}`);
    await rename(path, trash);
    await rm(trash, { recursive: true, force: true });
  }

  return {
    dir,
    find,
    async store(key, workspaceRoot, dirs) {
      if (!KEY.test(key))
        throw new HealingError(
          'INVALID_INPUT',
          `dependency cache key ${key} is not 32 hex digits; pass fingerprintKey()`,
        );
      await mkdir(dir, { recursive: true });
      const staging = await mkdtemp(join(dir, '.staging-'));
      const moved: DependencyDir[] = [];
      const restore = async (): Promise<void> => {
        for (const dep of moved.reverse())
          await moveDirectory(join(staging, 'tree', dep.path), join(workspaceRoot, dep.path)).catch(
            () => undefined,
          );
        await rm(staging, { recursive: true, force: true });
      };
      const installRoots = [...new Set([workspaceRoot, await realpath(workspaceRoot)])];
      try {
        for (const dep of dirs) {
          await moveDirectory(join(workspaceRoot, dep.path), join(staging, 'tree', dep.path));
          moved.push(dep);
        }
        await writeFile(
          join(staging, 'entry.json'),
          `${JSON.stringify({ version: 1, installRoots, dirs })}\n`,
        );
        await rename(staging, entryDir(key));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const winner = code === 'ENOTEMPTY' || code === 'EEXIST' ? await find(key) : null;
        if (winner) {
          await rm(staging, { recursive: true, force: true });
          return winner;
        }
        await restore();
        throw error;
      }
      return { key, treeDir: join(entryDir(key), 'tree'), installRoots, dirs: [...dirs] };
    },
    async claim(entry, workspaceId) {
      const marker = join(entryDir(entry.key), 'users', workspaceId);
      await mkdir(join(entryDir(entry.key), 'users'), { recursive: true });
      await writeFile(marker, String(process.pid));
      await touch(entry.key);
      return () => rm(marker, { force: true });
    },
    async evict() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const now = Date.now();
      for (const name of names.filter((n) => n.startsWith('.staging-') || n.startsWith('.trash-'))) {
        const info = await stat(join(dir, name)).catch(() => null);
        if (info && now - info.mtimeMs > STALE_TEMP_MS)
          await rm(join(dir, name), { recursive: true, force: true });
      }
      const entries = await Promise.all(
        names
          .filter((name) => KEY.test(name))
          .map(async (key) => ({
            key,
            usedAt: (await stat(join(entryDir(key), 'entry.json')).catch(() => null))?.mtimeMs ?? 0,
          })),
      );
      entries.sort((a, b) => b.usedAt - a.usedAt);
      const evicted: string[] = [];
      for (const { key } of entries.slice(maxEntries)) {
        if (await isInUse(key)) continue;
        await discard(entryDir(key)).then(
          () => evicted.push(key),
          () => undefined,
        );
      }
      return evicted;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

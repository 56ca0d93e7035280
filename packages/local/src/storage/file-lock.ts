import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import lockfile from 'proper-lockfile';

export interface FileLock {
  /** Runs `task` holding an exclusive lock, shared with other processes, on every path. */
  run<T>(paths: readonly string[], task: () => Promise<T>): Promise<T>;
}

/**
 * Where lock directories live unless told otherwise: outside the tree, so git never sees
 * them, and per user, so one user's folder in a shared temp directory cannot block another.
 */
export const DEFAULT_LOCK_DIRECTORY = join(tmpdir(), `healing-fs-locks-${process.getuid?.() ?? 'user'}`);

/** A crashed holder's lock is taken over after this long without a heartbeat. */
const STALE_MS = 30_000;

/**
 * Cross-process locks on storage paths: one mkdir-based lock (proper-lockfile, which also
 * expires the locks of crashed processes) per root and path, named by a hash so any path
 * fits. Every process that writes the same real root must use the same lock directory.
 */
export function createFileLock(realRoot: string, directory: string = DEFAULT_LOCK_DIRECTORY): FileLock {
  const lockPathOf = (path: string): string =>
    join(directory, `${createHash('sha1').update(`${realRoot}\0${path}`).digest('hex')}.lock`);
  let ready: Promise<unknown> | undefined;

  const acquire = async (path: string): Promise<() => Promise<void>> => {
    const lockPath = lockPathOf(path);
    try {
      return await lockfile.lock(lockPath, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        retries: { retries: 300, factor: 1.3, minTimeout: 1, maxTimeout: 25 },
        // A lost heartbeat only matters to a holder stalled for STALE_MS; never crash the process.
        onCompromised: () => {},
      });
    } catch (error) {
      throw new HealingError(
        'INTERNAL',
        `${path} is locked by another process writing the same storage root (lock ${lockPath}): retry, or remove the lock if no such process runs`,
        { cause: error, details: { path, lockPath } },
      );
    }
  };

  return {
    async run(paths, task) {
      ready ??= mkdir(directory, { recursive: true });
      await ready;
      const releases: Array<() => Promise<void>> = [];
      try {
        // Sorted, so two processes committing overlapping paths cannot wait on each other.
        for (const path of [...new Set(paths)].sort()) releases.push(await acquire(path));
        return await task();
      } finally {
        for (const release of releases.reverse()) await release().catch(() => {});
      }
    },
  };
}

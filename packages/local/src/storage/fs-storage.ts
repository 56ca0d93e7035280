import { lstat, mkdir, realpath, rmdir, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  ConfigError,
  type FileChange,
  type FileMode,
  gitBlobId,
  HealingError,
  normalizeRepoPath,
  type StorageAdapter,
  type StorageCommitResult,
  type StoredFile,
  versionConflict,
} from '@healing/adapters';
import { discardStaged, installStaged, stageFile } from './atomic-write.js';
import { createFileLock, type FileLock } from './file-lock.js';
import { gitModeOf } from './file-mode.js';
import { createKeyedLock } from './keyed-lock.js';
import { listFiles } from './list-files.js';
import { readStored } from './read-stored.js';
import { type ResolvedPath, resolveInsideRoot } from './resolve-inside-root.js';
import { storageFailure } from './storage-errors.js';

export interface FsStorageOptions {
  /** The directory that holds the files; every path is relative to it and stays inside it. */
  readonly root: string;
  /**
   * Where cross-process lock directories go (default: a folder in the OS temp directory).
   * Every process writing the same root must use the same one.
   */
  readonly lockDirectory?: string;
}

const encoder = new TextEncoder();
const toBytes = (content: Uint8Array | string): Uint8Array =>
  typeof content === 'string' ? encoder.encode(content) : content;

/**
 * StorageAdapter over a directory. Writes are atomic per file (temporary file, fsync,
 * rename, fsync of the directory). Every change to a path holds that path's lock, in this
 * process and across processes (a lock file), so compare-and-swap holds between processes too.
 */
export function createFsStorage(options: FsStorageOptions): StorageAdapter {
  if (typeof options?.root !== 'string' || options.root === '') {
    throw new ConfigError('createFsStorage needs a root directory: pass { root: "/path/to/repo" }');
  }
  const root = resolve(options.root);
  const threadLock = createKeyedLock();
  let realRoot: Promise<string> | undefined;
  let fileLock: FileLock | undefined;
  // In-process callers queue on the keyed lock first, so only one of them at a time
  // contends for the file lock that other processes see.
  const lock = {
    run: <T>(paths: readonly string[], task: () => Promise<T>): Promise<T> =>
      threadLock.run(paths, async () => {
        fileLock ??= createFileLock(await rootDirectory(), options.lockDirectory);
        return fileLock.run(paths, task);
      }),
  };

  const rootDirectory = (): Promise<string> => {
    realRoot ??= realpath(root).catch((error: unknown) => {
      realRoot = undefined;
      throw new HealingError(
        'NOT_FOUND',
        `storage root ${root} does not exist or cannot be read: create it or pass another root`,
        { cause: error, details: { root } },
      );
    });
    return realRoot;
  };
  const locate = async (path: string): Promise<ResolvedPath> =>
    resolveInsideRoot(await rootDirectory(), path);
  const check = (path: string, expected: string | null | undefined, current: StoredFile | null): void => {
    if (expected === undefined) return;
    const actual = current?.version ?? null;
    if (actual !== expected) throw versionConflict(path, expected, actual);
  };
  const currentMode = async (absolute: string): Promise<FileMode | undefined> => {
    try {
      return gitModeOf(await lstat(absolute));
    } catch {
      return undefined;
    }
  };
  const prepareParent = async (target: ResolvedPath): Promise<void> => {
    const parent = dirname(target.absolute);
    await mkdir(parent, { recursive: true });
    // A link swapped in while we resolved would have redirected mkdir; check where it landed.
    await resolveInsideRoot(await rootDirectory(), target.path);
  };
  const pruneEmptyParents = async (absolute: string): Promise<void> => {
    const top = await rootDirectory();
    for (let directory = dirname(absolute); directory.startsWith(`${top}/`); directory = dirname(directory)) {
      try {
        await rmdir(directory);
      } catch {
        return; // not empty (or gone): git has no empty directories, so stop at the first kept one
      }
    }
  };

  return {
    name: 'fs',
    capabilities: { atomicMultiFileCommit: false, symlinks: true, executableBit: true },

    async read(path) {
      const target = await locate(path);
      try {
        return await readStored(target.absolute, target.path);
      } catch (error) {
        throw storageFailure(error, 'read', target.path);
      }
    },

    async exists(path) {
      const target = await locate(path);
      try {
        const stats = await lstat(target.absolute);
        return !stats.isDirectory();
      } catch {
        return false;
      }
    },

    async list(prefix = '') {
      const normalized = prefix === '' || prefix === '.' ? '' : normalizeRepoPath(prefix);
      const absolute = normalized === '' ? await rootDirectory() : (await locate(normalized)).absolute;
      try {
        return await listFiles(absolute, normalized);
      } catch (error) {
        throw storageFailure(error, 'list', normalized === '' ? '.' : normalized);
      }
    },

    async write(path, content, writeOptions = {}) {
      const bytes = toBytes(content);
      const target = await locate(path);
      return lock.run([target.path], async () => {
        try {
          const { expectedVersion } = writeOptions;
          if (expectedVersion !== undefined) {
            check(target.path, expectedVersion, await readStored(target.absolute, target.path));
          }
          const mode = writeOptions.mode ?? (await currentMode(target.absolute)) ?? '100644';
          await prepareParent(target);
          const staged = await stageFile(target.absolute, bytes, mode);
          try {
            await installStaged(staged, target.absolute);
          } catch (error) {
            await discardStaged(staged);
            throw error;
          }
          return { version: gitBlobId(bytes) };
        } catch (error) {
          throw storageFailure(error, 'write', target.path);
        }
      });
    },

    async delete(path, deleteOptions = {}) {
      const target = await locate(path);
      return lock.run([target.path], async () => {
        try {
          const current = await readStored(target.absolute, target.path);
          check(target.path, deleteOptions.expectedVersion, current);
          if (current === null) return false;
          await unlink(target.absolute);
          await pruneEmptyParents(target.absolute);
          return true;
        } catch (error) {
          throw storageFailure(error, 'delete', target.path);
        }
      });
    },

    async commit(changes: readonly FileChange[], commitOptions): Promise<StorageCommitResult> {
      // Every path is checked before anything is touched, so a refused commit writes nothing.
      const targets = await Promise.all(changes.map((change) => locate(change.path)));
      const expectations = await Promise.all(
        Object.entries(commitOptions.expectedVersions ?? {}).map(async ([path, expected]) => ({
          target: await locate(path),
          expected,
        })),
      );
      const lockKeys = [...targets, ...expectations.map(({ target }) => target)].map(({ path }) => path);
      return lock.run(lockKeys, async () => {
        for (const { target, expected } of expectations) {
          check(target.path, expected, await readStored(target.absolute, target.path));
        }
        const staged: Array<{ temp: string; target: ResolvedPath } | { target: ResolvedPath }> = [];
        const versions: Record<string, string> = {};
        try {
          for (const [index, change] of changes.entries()) {
            const target = targets[index] as ResolvedPath;
            if (change.kind === 'delete') {
              staged.push({ target });
              continue;
            }
            await prepareParent(target);
            staged.push({ target, temp: await stageFile(target.absolute, change.content, change.mode) });
            versions[target.path] = gitBlobId(change.content);
          }
        } catch (error) {
          for (const item of staged) if ('temp' in item) await discardStaged(item.temp);
          throw storageFailure(error, 'stage', changes[staged.length]?.path ?? '');
        }
        for (const [index, item] of staged.entries()) {
          try {
            if ('temp' in item) await installStaged(item.temp, item.target.absolute);
            else {
              await unlink(item.target.absolute).catch((error: unknown) => {
                if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
              });
              await pruneEmptyParents(item.target.absolute);
            }
          } catch (error) {
            for (const rest of staged.slice(index)) if ('temp' in rest) await discardStaged(rest.temp);
            throw storageFailure(error, 'commit', item.target.path);
          }
        }
        return { versions };
      });
    },
  };
}

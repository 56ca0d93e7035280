import { ConflictError } from '../errors.js';
import { gitBlobId } from '../object-id.js';
import { isUnderPrefix, normalizeRepoPath } from '../repo-path.js';
import type {
  StorageAdapter,
  StorageCommitOptions,
  StorageCommitResult,
  StorageEntry,
  StorageWriteOptions,
  StoredFile,
} from '../storage.js';
import type { FileChange, FileMode } from '../types/file-change.js';

export interface MemoryStorageOptions {
  readonly files?: Readonly<Record<string, Uint8Array | string>>;
}

/** The reference StorageAdapter: a Map of files. Every operation is atomic (no await inside). */
export function createMemoryStorage(options: MemoryStorageOptions = {}): StorageAdapter {
  const files = new Map<string, StoredFile>();
  const store = (path: string, content: Uint8Array, mode: FileMode): string => {
    const version = gitBlobId(content);
    files.set(path, { path, content: content.slice(), mode, version });
    return version;
  };
  for (const [path, content] of Object.entries(options.files ?? {})) {
    store(normalizeRepoPath(path), toBytes(content), '100644');
  }

  const checkVersion = (path: string, expected: string | null | undefined): void => {
    if (expected === undefined) return;
    const actual = files.get(path)?.version ?? null;
    if (actual !== expected) throw versionConflict(path, expected, actual);
  };

  return {
    name: 'memory',
    capabilities: { atomicMultiFileCommit: true, symlinks: true, executableBit: true },
    async read(path) {
      const file = files.get(normalizeRepoPath(path));
      return file ? { ...file, content: file.content.slice() } : null;
    },
    async write(path, content, writeOptions: StorageWriteOptions = {}) {
      const key = normalizeRepoPath(path);
      checkVersion(key, writeOptions.expectedVersion);
      const mode = writeOptions.mode ?? files.get(key)?.mode ?? '100644';
      return { version: store(key, toBytes(content), mode) };
    },
    async delete(path, deleteOptions = {}) {
      const key = normalizeRepoPath(path);
      checkVersion(key, deleteOptions.expectedVersion);
      return files.delete(key);
    },
    async exists(path) {
      return files.has(normalizeRepoPath(path));
    },
    async list(prefix = '') {
      const normalized = prefix === '' ? '' : normalizeRepoPath(prefix);
      const entries: StorageEntry[] = [];
      for (const file of files.values()) {
        if (!isUnderPrefix(file.path, normalized)) continue;
        entries.push({
          path: file.path,
          mode: file.mode,
          size: file.content.byteLength,
          version: file.version,
        });
      }
      return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    async commit(
      changes: readonly FileChange[],
      commitOptions: StorageCommitOptions,
    ): Promise<StorageCommitResult> {
      const normalized = changes.map((change) => ({ ...change, path: normalizeRepoPath(change.path) }));
      for (const [path, expected] of Object.entries(commitOptions.expectedVersions ?? {})) {
        checkVersion(normalizeRepoPath(path), expected);
      }
      const versions: Record<string, string> = {};
      for (const change of normalized) {
        if (change.kind === 'delete') files.delete(change.path);
        else versions[change.path] = store(change.path, change.content, change.mode);
      }
      return { versions };
    },
  };
}

export function toBytes(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

export function versionConflict(path: string, expected: string | null, actual: string | null): ConflictError {
  const wanted = expected === null ? 'to be absent' : `at version ${expected.slice(0, 12)}`;
  const found = actual === null ? 'it does not exist' : `it is at ${actual.slice(0, 12)}`;
  return new ConflictError(
    'VERSION_CONFLICT',
    `${path} changed since it was read: expected it ${wanted}, but ${found}; read it again and reapply your change`,
    { details: { path, expected, actual } },
  );
}

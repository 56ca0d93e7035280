import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  type FileChange,
  gitBlobId,
  isHealingError,
  isUnderPrefix,
  normalizeRepoPath,
  type StorageAdapter,
  type StorageEntry,
  versionConflict,
} from '@healing/adapters';
import type { RepositoryCoordinates } from '../client/github-client.js';
import { commitChanges, type TreeWriterContext } from '../tree/commit-changes.js';
import { isFileEntry } from '../tree/tree-entries.js';
import { createTreeReader } from '../tree/tree-reader.js';
import { deleteContents, putContents } from './contents-write.js';
import { readBlob, readContents, readFileEntry } from './read-file-entry.js';
import type { GitHubStorageOptions } from './storage-options.js';
import { writeLanded, writeMarker } from './write-landed.js';

const toBytes = (content: Uint8Array | string): Uint8Array =>
  typeof content === 'string' ? new TextEncoder().encode(content) : content;

/**
 * Files of one branch of a GitHub repository. Versions are git blob ids. Single-file writes go
 * through the contents API with the blob id as the expected version; multi-file commits (and
 * writes that set a mode the contents API cannot) go through the git data API in 4 + B requests.
 */
export function createGitHubStorage(options: GitHubStorageOptions): StorageAdapter {
  const { octokit, branch } = options;
  const coordinates: RepositoryCoordinates = { owner: options.owner, repo: options.repo };
  const trees = createTreeReader(octokit, coordinates);
  const writer: TreeWriterContext = {
    octokit,
    coordinates,
    trees,
    ...(options.treeLimits ? { limits: options.treeLimits } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  };
  const maxAttempts = options.maxAttempts ?? 12;
  const describe = options.message ?? ((operation, path) => `healing: ${operation} ${path}`);
  const message = (operation: 'write' | 'delete', path: string, writeId: string): string =>
    `${describe(operation, path)}\n\n${writeMarker(writeId)}`;
  const sleep =
    options.sleep ??
    ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const random = options.random ?? Math.random;
  // Writers racing on one branch all get 409 but one: spread their retries out.
  const backoff = (attempt: number): Promise<void> => sleep(Math.min(10 * 2 ** attempt, 1000) * random());
  const where = `${options.owner}/${options.repo}@${branch}`;
  const author = options.author ? { author: options.author } : {};

  const exhausted = (path: string): ConflictError =>
    new ConflictError(
      'GITHUB_CONFLICT',
      `${path} on ${where} kept changing under ${maxAttempts} attempts to write it; retry later`,
      { details: { path, branch } },
    );

  return {
    name: 'github',
    capabilities: { atomicMultiFileCommit: true, symlinks: true, executableBit: true },

    async read(path) {
      const key = normalizeRepoPath(path);
      const [entry, contents] = await Promise.all([
        readFileEntry(trees, branch, key),
        readContents(octokit, coordinates, branch, key),
      ]);
      if (!entry) return null;
      // The contents API follows symlinks and omits files past 1 MB; the blob id says which bytes are right.
      const content =
        contents && contents.sha === entry.sha && gitBlobId(contents.content) === entry.sha
          ? contents.content
          : await readBlob(octokit, coordinates, entry.sha);
      return { path: key, content, mode: entry.mode, version: entry.sha };
    },

    async exists(path) {
      return (await readFileEntry(trees, branch, normalizeRepoPath(path))) !== null;
    },

    async list(prefix = '') {
      const normalized = prefix === '' ? '' : normalizeRepoPath(prefix);
      const { entries } = await trees.listRecursive(branch);
      const files: StorageEntry[] = [];
      for (const entry of entries) {
        if (!isFileEntry(entry) || !isUnderPrefix(entry.path, normalized)) continue;
        files.push({
          path: entry.path,
          mode: entry.mode,
          version: entry.sha,
          ...(entry.size === undefined ? {} : { size: entry.size }),
        });
      }
      return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },

    async write(path, content, writeOptions = {}) {
      const key = normalizeRepoPath(path);
      const bytes = toBytes(content);
      const version = gitBlobId(bytes);
      const { expectedVersion } = writeOptions;
      const writeId = randomUUID();
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const current = await readFileEntry(trees, branch, key);
        const currentSha = current?.sha ?? null;
        if (expectedVersion !== undefined && currentSha !== expectedVersion) {
          throw versionConflict(key, expectedVersion, currentSha);
        }
        const mode = writeOptions.mode ?? current?.mode ?? '100644';
        if (mode !== '100644' || (current !== null && current.mode !== '100644')) {
          // The contents API cannot set or keep a mode: commit through the git data API instead.
          try {
            await commitChanges(writer, {
              branch,
              changes: [{ kind: 'write', path: key, content: bytes, mode }],
              message: message('write', key, writeId),
              expectedVersions: { [key]: currentSha },
              ...author,
            });
            return { version };
          } catch (error) {
            if (expectedVersion === undefined && isHealingError(error, 'VERSION_CONFLICT')) continue;
            throw error;
          }
        }
        const answer = await putContents(octokit, coordinates, {
          branch,
          path: key,
          message: message('write', key, writeId),
          content: bytes,
          sha: current?.sha,
          ...author,
        });
        if (answer === 'done') return { version };
        const reread = await readFileEntry(trees, branch, key);
        const rereadSha = reread?.sha ?? null;
        if (rereadSha !== currentSha) {
          if (rereadSha === version && (await writeLanded(octokit, coordinates, branch, key, writeId))) {
            return { version };
          }
          // Someone else changed the file: never overwrite it under a compare-and-swap.
          if (expectedVersion !== undefined) throw versionConflict(key, expectedVersion, rereadSha);
        }
        await backoff(attempt);
      }
      throw exhausted(key);
    },

    async delete(path, deleteOptions = {}) {
      const key = normalizeRepoPath(path);
      const { expectedVersion } = deleteOptions;
      const writeId = randomUUID();
      for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
        const current = await readFileEntry(trees, branch, key);
        if (expectedVersion !== undefined && current?.sha !== expectedVersion) {
          throw versionConflict(key, expectedVersion, current?.sha ?? null);
        }
        if (!current) return false;
        const answer = await deleteContents(octokit, coordinates, {
          branch,
          path: key,
          message: message('delete', key, writeId),
          sha: current.sha,
          ...author,
        });
        if (answer === 'done') return true;
        const reread = await readFileEntry(trees, branch, key);
        if (reread?.sha !== current.sha) {
          if (reread === null && (await writeLanded(octokit, coordinates, branch, key, writeId))) return true;
          if (expectedVersion !== undefined) throw versionConflict(key, expectedVersion, reread?.sha ?? null);
          if (reread === null) return false;
        }
        await backoff(attempt);
      }
      throw exhausted(key);
    },

    async commit(changes, commitOptions) {
      const normalized: FileChange[] = changes.map((change) => ({
        ...change,
        path: normalizeRepoPath(change.path),
      }));
      const expectedVersions = commitOptions.expectedVersions
        ? Object.fromEntries(
            Object.entries(commitOptions.expectedVersions).map(([path, version]) => [
              normalizeRepoPath(path),
              version,
            ]),
          )
        : undefined;
      const result = await commitChanges(writer, {
        branch,
        changes: normalized,
        message: commitOptions.message,
        ...(expectedVersions ? { expectedVersions } : {}),
        ...author,
      });
      return { versions: result.versions, commitSha: result.commitSha };
    },
  };
}

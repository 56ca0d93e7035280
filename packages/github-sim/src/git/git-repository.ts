import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, HealingError } from '@healing/adapters';
import { createLineProcess } from './line-process.js';
import { createObjectReader, type GitObject } from './object-reader.js';
import { type GitSignature, type ParsedCommit, parseCommit } from './parse-commit.js';
import { parseTreeObject } from './parse-tree.js';
import { gitText, runGit } from './run-git.js';
import { EMPTY_TREE, writeTreeChanges } from './write-tree.js';

const ZERO_SHA = '0'.repeat(40);

export interface TreeEntry {
  readonly mode: string;
  readonly type: 'blob' | 'tree' | 'commit';
  readonly sha: string;
  /** Blob size in bytes; undefined for trees and submodules. */
  readonly size: number | undefined;
  readonly path: string;
}

/** A change to a tree: a path set to an object (blob or tree) or removed (`sha: null`). */
export type TreeChange =
  | {
      readonly path: string;
      readonly mode: string;
      readonly type: 'blob' | 'tree' | 'commit';
      readonly sha: string;
    }
  | { readonly path: string; readonly sha: null };

export interface ChangedFile {
  readonly path: string;
  readonly status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  readonly additions: number;
  readonly deletions: number;
}

export interface CommitInput {
  readonly tree: string;
  readonly parents: readonly string[];
  readonly message: string;
  readonly author: GitSignature;
  readonly committer: GitSignature;
}

export interface GitRepository {
  readonly gitDir: string;
  readObject(name: string): Promise<GitObject | null>;
  readCommit(sha: string): Promise<ParsedCommit | null>;
  resolveRef(ref: string): Promise<string | null>;
  listRefs(prefix: string): Promise<Array<{ ref: string; sha: string; type: string }>>;
  /** Moves `ref` to `sha` only if it is still at `expected` (null: must not exist); else a ConflictError. */
  updateRef(ref: string, sha: string, expected: string | null): Promise<void>;
  deleteRef(ref: string, expected?: string): Promise<void>;
  isAncestor(ancestor: string, descendant: string): Promise<boolean>;
  mergeBase(a: string, b: string): Promise<string | null>;
  writeBlob(content: Uint8Array): Promise<string>;
  writeTree(baseTree: string | null, changes: readonly TreeChange[]): Promise<string>;
  lsTree(tree: string, recursive: boolean): Promise<TreeEntry[]>;
  commitTree(input: CommitInput): Promise<string>;
  revList(
    from: string,
    options?: { path?: string; maxCount?: number; excluding?: string },
  ): Promise<string[]>;
  diffFiles(from: string | null, to: string): Promise<ChangedFile[]>;
  close(): void;
}

function signatureEnv(prefix: 'AUTHOR' | 'COMMITTER', signature: GitSignature): Record<string, string> {
  const seconds = Math.floor(new Date(signature.date).getTime() / 1000);
  return {
    [`GIT_${prefix}_NAME`]: signature.name,
    [`GIT_${prefix}_EMAIL`]: signature.email,
    [`GIT_${prefix}_DATE`]: `${seconds} +0000`,
  };
}

/** A bare repository driven through the git CLI, so every id is the one git computes. */
export function createGitRepository(gitDir: string, scratchDir: string): GitRepository {
  const reader = createObjectReader(gitDir);
  const checker = createObjectReader(gitDir, 'batch-check');
  const mktree = createLineProcess(gitDir, ['mktree', '--batch']);
  const hashObject = createLineProcess(gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths']);
  // Trees are content-addressed, so a listing never goes stale; the cache only bounds memory.
  const treeCache = new Map<string, TreeEntry[]>();
  const TREE_CACHE_ENTRIES = 200;

  /** Lists a tree through the long-lived cat-file processes: a pre-order walk, which is `ls-tree -r -t`'s order. */
  async function walkTree(
    tree: string,
    recursive: boolean,
    prefix: string,
    into: TreeEntry[],
  ): Promise<void> {
    const object = await reader.read(tree);
    if (object?.type !== 'tree') throw new HealingError('NOT_FOUND', `${tree} is not a tree in ${gitDir}`);
    const raw = parseTreeObject(object.content);
    const sizes = await Promise.all(
      raw.map((entry) =>
        entry.mode === '040000' || entry.mode === '160000' ? null : checker.read(entry.sha),
      ),
    );
    for (const [index, entry] of raw.entries()) {
      const type = entry.mode === '040000' ? 'tree' : entry.mode === '160000' ? 'commit' : 'blob';
      const path = `${prefix}${entry.name}`;
      into.push({ mode: entry.mode, type, sha: entry.sha, size: sizes[index]?.size, path });
      if (recursive && type === 'tree') await walkTree(entry.sha, true, `${path}/`, into);
    }
  }
  const git = (args: readonly string[], options?: Parameters<typeof runGit>[2]) =>
    runGit(gitDir, args, options);

  async function readCommit(sha: string): Promise<ParsedCommit | null> {
    const object = await reader.read(sha);
    return object?.type === 'commit' ? parseCommit(object.content) : null;
  }

  return {
    gitDir,
    readObject: (name) => reader.read(name),
    readCommit,
    async resolveRef(ref) {
      if (!ref.startsWith('refs/')) return null;
      return (await checker.read(ref))?.sha ?? null;
    },
    async listRefs(prefix) {
      const output = await gitText(gitDir, [
        'for-each-ref',
        '--format=%(refname) %(objectname) %(objecttype)',
        prefix,
      ]);
      return output
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
          const [ref = '', sha = '', type = ''] = line.split(' ');
          return { ref, sha, type };
        });
    },
    async updateRef(ref, sha, expected) {
      const output = await git(['update-ref', ref, sha, expected ?? ZERO_SHA], { okExitCodes: [1, 128] });
      if (output.exitCode !== 0) {
        throw new ConflictError(
          'VERSION_CONFLICT',
          `${ref} moved while it was being updated; read it again and retry`,
          {
            details: { ref, expected },
          },
        );
      }
    },
    async deleteRef(ref, expected) {
      const output = await git(['update-ref', '-d', ref, ...(expected ? [expected] : [])], {
        okExitCodes: [1, 128],
      });
      if (output.exitCode !== 0) {
        throw new ConflictError('VERSION_CONFLICT', `${ref} moved while it was being deleted`, {
          details: { ref },
        });
      }
    },
    async isAncestor(ancestor, descendant) {
      const output = await git(['merge-base', '--is-ancestor', ancestor, descendant], { okExitCodes: [1] });
      return output.exitCode === 0;
    },
    async mergeBase(a, b) {
      const output = await git(['merge-base', a, b], { okExitCodes: [1] });
      const sha = output.stdout.toString('utf8').trim();
      return output.exitCode === 0 && sha.length === 40 ? sha : null;
    },
    async writeBlob(content) {
      // hash-object reads paths, not bytes, in batch mode: a scratch file costs less than a process.
      const path = join(scratchDir, `blob-${randomUUID()}`);
      await writeFile(path, content);
      try {
        return await hashObject.request(`${path}\n`);
      } finally {
        await rm(path, { force: true });
      }
    },
    writeTree(baseTree, changes) {
      for (const change of changes) {
        if (/[\n\0]/.test(change.path)) {
          throw new HealingError(
            'UNSAFE_PATH',
            `tree path ${JSON.stringify(change.path)} holds a newline or NUL; git trees cannot store it`,
          );
        }
      }
      return writeTreeChanges(reader, mktree, baseTree, changes);
    },
    async lsTree(tree, recursive) {
      const key = `${tree}:${recursive}`;
      const cached = treeCache.get(key);
      if (cached) return cached;
      const entries: TreeEntry[] = [];
      await walkTree(tree, recursive, '', entries);
      treeCache.set(key, entries);
      if (treeCache.size > TREE_CACHE_ENTRIES) treeCache.delete(treeCache.keys().next().value ?? '');
      return entries;
    },
    async commitTree(input) {
      const args = ['commit-tree', input.tree, ...input.parents.flatMap((parent) => ['-p', parent])];
      return gitText(gitDir, args, {
        input: input.message,
        env: { ...signatureEnv('AUTHOR', input.author), ...signatureEnv('COMMITTER', input.committer) },
      });
    },
    async revList(from, options = {}) {
      const args = ['rev-list', ...(options.maxCount ? [`--max-count=${options.maxCount}`] : []), from];
      if (options.excluding) args.push(`^${options.excluding}`);
      if (options.path) args.push('--', options.path);
      const output = await gitText(gitDir, args);
      return output.split('\n').filter((line) => line.length === 40);
    },
    async diffFiles(from, to) {
      const base = from ?? EMPTY_TREE;
      const [statusOutput, numstatOutput] = await Promise.all([
        git(['diff-tree', '-r', '-z', '--no-commit-id', '--name-status', base, to]),
        git(['diff-tree', '-r', '-z', '--no-commit-id', '--numstat', base, to]),
      ]);
      const statusParts = statusOutput.stdout.toString('utf8').split('\0');
      const numstat = new Map<string, { additions: number; deletions: number }>();
      for (const record of numstatOutput.stdout.toString('utf8').split('\0')) {
        const [added = '0', deleted = '0', path] = record.split('\t');
        if (path) numstat.set(path, { additions: Number(added) || 0, deletions: Number(deleted) || 0 });
      }
      const files: ChangedFile[] = [];
      for (let index = 0; index + 1 < statusParts.length; index += 2) {
        const letter = statusParts[index] ?? '';
        const path = statusParts[index + 1] ?? '';
        if (letter.length === 0) break;
        const status = letter === 'A' ? 'added' : letter === 'D' ? 'removed' : 'modified';
        const counts = numstat.get(path) ?? { additions: 0, deletions: 0 };
        files.push({ path, status, ...counts });
      }
      return files;
    },
    close() {
      reader.close();
      checker.close();
      mktree.close();
      hashObject.close();
    },
  };
}

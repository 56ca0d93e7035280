import {
  ConflictError,
  type FileChange,
  type GitAdapter,
  type GitIdentity,
  HealingError,
  isUnderPrefix,
  normalizeRepoPath,
  toHealingError,
} from '@healing/adapters';
import type { TreeFileEntry, TreeFileView } from './file-view.js';
import { asFileMode } from './file-view.js';
import { assertBranchName, DEFAULT_IDENTITY, revisionNotFound, unsupported } from './git-names.js';
import { createIsoContext, type IsoContext, isIsoNotFound } from './iso-context.js';
import { isoLog } from './iso-log.js';
import { isoMoveBranch } from './iso-move-branch.js';
import { branchHead, resolveCommit } from './iso-resolve.js';
import { statusFromMatrix } from './iso-status.js';
import { commitTreeOid, writeTreeWithChanges } from './iso-tree.js';
import { diffTrees } from './iso-tree-diff.js';
import { computePatchChanges, createGitPatch } from './patch-changes.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { revertCommit } from './revert-commit.js';
import { createSerialLock } from './serial-lock.js';
import { readWorkingFile, writeWorkingChanges } from './working-tree-files.js';

export interface IsomorphicGitOptions {
  /** The working tree's root, with a .git directory (isomorphic-git does not follow .git files). */
  readonly dir: string;
  readonly identity?: GitIdentity;
}

const BACKEND = 'the isomorphic-git backend';

function signature(identity: GitIdentity) {
  return {
    ...identity,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: new Date().getTimezoneOffset(),
  };
}

/** Reads a commit's files path by path, without flattening the whole tree. */
function commitView(context: IsoContext, commit: string): TreeFileView {
  return {
    async read(path) {
      const slash = path.lastIndexOf('/');
      const directory = slash < 0 ? '' : path.slice(0, slash);
      try {
        const { tree } = await context.git.readTree({
          fs: context.fs,
          dir: context.dir,
          oid: commit,
          cache: context.cache,
          ...(directory === '' ? {} : { filepath: directory }),
        });
        const entry = tree.find((candidate) => candidate.path === path.slice(slash + 1));
        const mode = entry?.type === 'blob' ? asFileMode(entry.mode) : null;
        if (entry === undefined || mode === null) return null;
        const { blob } = await context.git.readBlob({
          fs: context.fs,
          dir: context.dir,
          oid: entry.oid,
          cache: context.cache,
        });
        return { content: blob, mode };
      } catch (error) {
        if (isIsoNotFound(error) || (error as { code?: string }).code === 'ObjectTypeError') return null;
        throw error;
      }
    },
  };
}

/** The GitAdapter on isomorphic-git, running on the calling thread (the worker hosts this). */
export function createIsomorphicGitInThread(options: IsomorphicGitOptions): GitAdapter {
  let contextPromise: Promise<IsoContext> | undefined;
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const serial = createSerialLock();

  /** Loads isomorphic-git lazily and turns its errors into GIT_FAILED naming the operation. */
  async function withContext<T>(operation: string, task: (context: IsoContext) => Promise<T>): Promise<T> {
    contextPromise ??= createIsoContext(options.dir);
    const context = await contextPromise;
    try {
      return await task(context);
    } catch (error) {
      throw toHealingError(error, 'GIT_FAILED', `isomorphic-git ${operation} failed in ${options.dir}`);
    }
  }

  function commitOnBranch(
    branch: string,
    base: string | undefined,
    message: string,
    author: GitIdentity,
    computeChanges: (context: IsoContext, parent: string) => Promise<readonly FileChange[]>,
  ): Promise<{ sha: string; changes: readonly FileChange[] }> {
    assertBranchName(branch);
    return withContext('commit', (context) =>
      serial(() =>
        retryOnConflict(async () => {
          const old = await branchHead(context, branch);
          const parent = old ?? (await resolveCommit(context, base ?? 'HEAD'));
          const changes = await computeChanges(context, parent);
          const tree = await writeTreeWithChanges(context, await commitTreeOid(context, parent), changes);
          const sha = await context.git.writeCommit({
            fs: context.fs,
            dir: context.dir,
            commit: {
              message: message.endsWith('\n') ? message : `${message}\n`,
              tree,
              parent: [parent],
              author: signature(author),
              committer: signature(author),
            },
          });
          await isoMoveBranch(context, branch, sha, old);
          return { sha, changes };
        }),
      ),
    );
  }

  async function readSide(context: IsoContext, oid: string, mode: string): Promise<TreeFileEntry | null> {
    const fileMode = asFileMode(mode);
    if (fileMode === null) return null;
    const { blob } = await context.git.readBlob({
      fs: context.fs,
      dir: context.dir,
      oid,
      cache: context.cache,
    });
    return { content: blob, mode: fileMode };
  }

  const git: GitAdapter = {
    name: 'isomorphic-git',
    capabilities: { workingTree: true, push: false, pullRequests: false },
    currentBranch: () =>
      withContext(
        'currentBranch',
        async ({ git: iso, fs, dir }) => (await iso.currentBranch({ fs, dir, fullname: false })) ?? null,
      ),
    headSha: (revision = 'HEAD') => withContext('headSha', (context) => resolveCommit(context, revision)),
    listBranches: () =>
      withContext('listBranches', async ({ git: iso, fs, dir }) =>
        (await iso.listBranches({ fs, dir })).sort(),
      ),
    createBranch: (name, createOptions = {}) =>
      withContext('createBranch', async (context) => {
        assertBranchName(name);
        const from = await resolveCommit(context, createOptions.from ?? 'HEAD');
        await serial(async () => {
          if ((await branchHead(context, name)) !== null) {
            throw new HealingError(
              'ALREADY_EXISTS',
              `branch ${name} already exists: pick another name or use updateRef`,
              {
                details: { branch: name },
              },
            );
          }
          await context.git.writeRef({
            fs: context.fs,
            dir: context.dir,
            ref: `refs/heads/${name}`,
            value: from,
          });
        });
      }),
    switchBranch: (name) =>
      withContext('switchBranch', async (context) => {
        if ((await branchHead(context, assertBranchName(name))) === null) throw revisionNotFound(name);
        await serial(() =>
          context.git.checkout({
            fs: context.fs,
            dir: context.dir,
            cache: context.cache,
            ref: name,
            nonBlocking: true,
          }),
        );
      }),
    status: () =>
      withContext('status', async ({ git: iso, fs, dir, cache }) =>
        statusFromMatrix(await iso.statusMatrix({ fs, dir, cache })),
      ),
    async commit(commitOptions) {
      const author = commitOptions.author ?? identity;
      if (commitOptions.changes !== undefined) {
        const changes = commitOptions.changes;
        const branch = commitOptions.branch ?? (await git.currentBranch());
        if (branch === null)
          throw new HealingError(
            'INVALID_INPUT',
            'HEAD is detached: pass the branch that receives the commit',
          );
        const result = await commitOnBranch(
          branch,
          undefined,
          commitOptions.message,
          author,
          async () => changes,
        );
        return { sha: result.sha };
      }
      return withContext('commit', (context) =>
        serial(async () => {
          const { git: iso, fs, dir, cache } = context;
          const current = (await iso.currentBranch({ fs, dir, fullname: false })) ?? null;
          if (commitOptions.branch !== undefined && commitOptions.branch !== current) {
            throw new HealingError(
              'INVALID_INPUT',
              `the working tree is on ${current ?? 'a detached HEAD'}, not ${commitOptions.branch}: switch first or pass changes`,
            );
          }
          const rows = await iso.statusMatrix({ fs, dir, cache });
          const toAdd = rows
            .filter(([, , workdir, stage]) => workdir !== 0 && stage !== (workdir === 1 ? 1 : 2))
            .map(([path]) => path);
          const toRemove = rows
            .filter(([, , workdir, stage]) => workdir === 0 && stage !== 0)
            .map(([path]) => path);
          const hasChanges = rows.some(
            ([, head, workdir]) => !(head === 1 && workdir === 1) && !(head === 0 && workdir === 0),
          );
          if (!hasChanges) {
            throw new HealingError(
              'INVALID_INPUT',
              `nothing to commit in ${dir}: change a file first or pass changes`,
            );
          }
          if (toAdd.length > 0) await iso.add({ fs, dir, cache, filepath: toAdd });
          for (const filepath of toRemove) await iso.remove({ fs, dir, cache, filepath });
          const message = commitOptions.message.endsWith('\n')
            ? commitOptions.message
            : `${commitOptions.message}\n`;
          const sha = await iso.commit({
            fs,
            dir,
            cache,
            message,
            author: signature(author),
            committer: signature(author),
          });
          return { sha };
        }),
      );
    },
    log: (logOptions) =>
      withContext('log', async (context) => {
        const to = await resolveCommit(context, logOptions.to ?? 'HEAD');
        const from = logOptions.from === undefined ? null : await resolveCommit(context, logOptions.from);
        return isoLog(context, to, from, logOptions.limit ?? Number.POSITIVE_INFINITY);
      }),
    diff: (diffOptions) =>
      withContext('diff', async (context) => {
        const from = await resolveCommit(context, diffOptions.from);
        const prefixes = (diffOptions.paths ?? []).map(normalizeRepoPath);
        const wanted = (path: string) =>
          prefixes.length === 0 || prefixes.some((prefix) => isUnderPrefix(path, prefix));
        const before = new Map<string, TreeFileEntry>();
        const after = new Map<string, TreeFileEntry>();
        if (diffOptions.to !== undefined) {
          const to = await resolveCommit(context, diffOptions.to);
          const differences = await diffTrees(
            context,
            await commitTreeOid(context, from),
            await commitTreeOid(context, to),
          );
          for (const difference of differences.filter((entry) => wanted(entry.path))) {
            const old =
              difference.before && (await readSide(context, difference.before.oid, difference.before.mode));
            const next =
              difference.after && (await readSide(context, difference.after.oid, difference.after.mode));
            if (old) before.set(difference.path, old);
            if (next) after.set(difference.path, next);
          }
        } else {
          // Like `git diff <rev>`: tracked files only (in the revision or the index).
          const rows = await context.git.statusMatrix({
            fs: context.fs,
            dir: context.dir,
            cache: context.cache,
            ref: from,
          });
          const view = commitView(context, from);
          for (const [path, head, workdir, stage] of rows) {
            const differs = workdir === 2 || (head === 1 && workdir === 0);
            if (!differs || (head === 0 && stage === 0) || !wanted(path)) continue;
            const old = head === 1 ? await view.read(path) : null;
            const next = workdir === 0 ? null : await readWorkingFile(context.dir, path);
            if (old) before.set(path, old);
            if (next) after.set(path, next);
          }
        }
        return createGitPatch(before, after);
      }),
    changedFiles: (sha) =>
      withContext('changedFiles', async (context) => {
        const commit = await resolveCommit(context, sha);
        const { commit: parsed } = await context.git.readCommit({
          fs: context.fs,
          dir: context.dir,
          oid: commit,
          cache: context.cache,
        });
        const parent = parsed.parent[0];
        const parentTree = parent === undefined ? null : await commitTreeOid(context, parent);
        return (await diffTrees(context, parentTree, parsed.tree)).map((difference) => difference.path);
      }),
    applyPatch: (patch, applyOptions = {}) =>
      withContext('applyPatch', (context) =>
        serial(async () => {
          const view = { read: (path: string) => readWorkingFile(context.dir, path) };
          const changes = await computePatchChanges(patch, view, applyOptions.reverse ?? false);
          if (!applyOptions.check) await writeWorkingChanges(context.dir, changes);
          return { changes };
        }),
      ),
    commitPatch: (patch, patchOptions) =>
      commitOnBranch(
        patchOptions.branch,
        patchOptions.base,
        patchOptions.message,
        patchOptions.author ?? identity,
        (context, parent) =>
          computePatchChanges(patch, commitView(context, parent), patchOptions.reverse ?? false),
      ),
    revert: (sha, revertOptions) => revertCommit(git, sha, revertOptions),
    updateRef: ({ branch, sha, force = false }) =>
      withContext('updateRef', async (context) => {
        assertBranchName(branch);
        const target = await resolveCommit(context, sha);
        await serial(async () => {
          const current = await branchHead(context, branch);
          if (current !== null && current !== target && !force) {
            const isFastForward = await context.git.isDescendent({
              fs: context.fs,
              dir: context.dir,
              cache: context.cache,
              oid: target,
              ancestor: current,
              depth: -1,
            });
            if (!isFastForward) {
              throw new ConflictError(
                'NOT_FAST_FORWARD',
                `moving ${branch} from ${current} to ${target} is not a fast-forward: merge or rebase first, or pass force`,
                { details: { branch, current, target } },
              );
            }
          }
          await isoMoveBranch(context, branch, target, current);
        });
      }),
    async push() {
      throw unsupported(BACKEND, 'push', 'use createCliGit (backend "cli") where a git binary exists');
    },
    async openPullRequest() {
      throw unsupported(BACKEND, 'pull requests', 'push the branch and use the GitHub adapter');
    },
    async findPullRequest() {
      throw unsupported(BACKEND, 'pull requests', 'use the GitHub adapter');
    },
  };
  return git;
}

import {
  ConflictError,
  type FileChange,
  type GitAdapter,
  type GitIdentity,
  HealingError,
  toHealingError,
} from '@healing/adapters';
import {
  assertBranchName,
  assertRevision,
  DEFAULT_IDENTITY,
  revisionNotFound,
  unsupported,
} from './git-names.js';
import { createIsoCommitView } from './iso-commit-view.js';
import { commitWorkingTree } from './iso-commit-working-tree.js';
import { createIsoContext, type IsoContext } from './iso-context.js';
import { isoDiff } from './iso-diff.js';
import { isoLog } from './iso-log.js';
import { isoMoveBranch } from './iso-move-branch.js';
import { isoPush } from './iso-push.js';
import { branchHead, resolveCommit } from './iso-resolve.js';
import { isoRevertPatch } from './iso-revert-patch.js';
import { isoSignature, withTrailingNewline } from './iso-signature.js';
import { statusFromMatrix } from './iso-status.js';
import { commitTreeOid, writeTreeWithChanges } from './iso-tree.js';
import { diffTrees } from './iso-tree-diff.js';
import { computePatchChanges } from './patch-changes.js';
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
              message: withTrailingNewline(message),
              tree,
              parent: [parent],
              author: isoSignature(author),
              committer: isoSignature(author),
            },
          });
          await isoMoveBranch(context, branch, sha, old);
          return { sha, changes };
        }),
      ),
    );
  }

  const git: GitAdapter = {
    name: 'isomorphic-git',
    capabilities: { workingTree: true, push: true, pullRequests: false },
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
        serial(() => commitWorkingTree(context, commitOptions, author)),
      );
    },
    log: (logOptions) =>
      withContext('log', async (context) => {
        const to = await resolveCommit(context, logOptions.to ?? 'HEAD');
        const from = logOptions.from === undefined ? null : await resolveCommit(context, logOptions.from);
        return isoLog(context, to, from, logOptions.limit ?? Number.POSITIVE_INFINITY);
      }),
    diff: (diffOptions) => withContext('diff', (context) => isoDiff(context, diffOptions)),
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
          computePatchChanges(patch, createIsoCommitView(context, parent), patchOptions.reverse ?? false),
      ),
    revert: (sha, revertOptions) => revertCommit(git, sha, revertOptions),
    revertPatch: (sha, { onto }) =>
      withContext('revertPatch', async (context) =>
        isoRevertPatch(context, await resolveCommit(context, sha), await resolveCommit(context, onto)),
      ),
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
    push: ({ remote = 'origin', branch, force = false }) =>
      withContext('push', (context) =>
        serial(() => isoPush(context, assertRevision(remote), assertBranchName(branch), force)),
      ),
    async openPullRequest() {
      throw unsupported(BACKEND, 'pull requests', 'push the branch and use the GitHub adapter');
    },
    async findPullRequest() {
      throw unsupported(BACKEND, 'pull requests', 'use the GitHub adapter');
    },
  };
  return git;
}

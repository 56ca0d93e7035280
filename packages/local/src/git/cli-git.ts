import {
  type CommitInfo,
  ConflictError,
  type FileChange,
  type GitAdapter,
  type GitIdentity,
  HealingError,
  isHealingError,
  normalizeRepoPath,
} from '@healing/adapters';
import type { EnvSource } from '../execution/command-env.js';
import { type CliContext, createCliContext } from './cli-context.js';
import { moveBranch } from './cli-move-branch.js';
import { cliRevertPatch } from './cli-revert-patch.js';
import { createCliRevisionView } from './cli-revision-view.js';
import { commitTree, writeTreeWithChanges } from './cli-tree-writer.js';
import {
  assertBranchName,
  assertRevision,
  DEFAULT_IDENTITY,
  noParentToRevert,
  revisionNotFound,
  unsupported,
} from './git-names.js';
import { CLI_LOG_FORMAT, parseCliLog } from './parse-cli-log.js';
import { parseCliStatus } from './parse-cli-status.js';
import { computePatchChanges } from './patch-changes.js';
import { retryOnConflict } from './retry-on-conflict.js';
import { revertCommit } from './revert-commit.js';
import { createSerialLock } from './serial-lock.js';
import { readWorkingFile, writeWorkingChanges } from './working-tree-files.js';

export interface CliGitOptions {
  /** The working tree's root (a checkout with a .git directory or file). */
  readonly dir: string;
  /** Author and committer when a call names none. */
  readonly identity?: GitIdentity;
  /** Parent environment git's allowlisted variables come from (default process.env). */
  readonly env?: EnvSource;
}

async function resolveSha(context: CliContext, revision: string): Promise<string | null> {
  const output = await context.run(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRevision(revision)}^{commit}`],
    {
      okExitCodes: [1, 128],
    },
  );
  return output.exitCode === 0 ? output.stdout.toString('utf8').trim() : null;
}

async function requireSha(context: CliContext, revision: string): Promise<string> {
  const sha = await resolveSha(context, revision);
  if (sha === null) throw revisionNotFound(revision);
  return sha;
}

async function currentBranchOf(context: CliContext): Promise<string | null> {
  const output = await context.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], { okExitCodes: [1] });
  return output.exitCode === 0 ? output.stdout.toString('utf8').trim() : null;
}

/** The GitAdapter on the `git` binary: plumbing for commits that must not touch the checkout. */
export function createCliGit(options: CliGitOptions): GitAdapter {
  const context = createCliContext(options.dir, options.env);
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const serial = createSerialLock();

  async function branchSha(branch: string): Promise<string | null> {
    return resolveSha(context, `refs/heads/${assertBranchName(branch)}`);
  }

  /** Commits computeChanges(parent) on `branch`, re-reading the branch when another writer won the race. */
  function commitOnBranch(
    branch: string,
    base: string | undefined,
    message: string,
    author: GitIdentity,
    computeChanges: (parent: string) => Promise<readonly FileChange[]>,
  ): Promise<{ sha: string; changes: readonly FileChange[] }> {
    assertBranchName(branch);
    return serial(() =>
      retryOnConflict(async () => {
        const old = await branchSha(branch);
        const parent = old ?? (await requireSha(context, base ?? 'HEAD'));
        const changes = await computeChanges(parent);
        const tree = await writeTreeWithChanges(context, parent, changes);
        const sha = await commitTree(context, tree, [parent], message, author);
        await moveBranch(context, branch, sha, old);
        return { sha, changes };
      }),
    );
  }

  const git: GitAdapter = {
    name: 'git-cli',
    capabilities: { workingTree: true, push: true, pullRequests: false },
    currentBranch: () => currentBranchOf(context),
    headSha: (revision = 'HEAD') => requireSha(context, revision),
    async listBranches() {
      const output = await context.text(['for-each-ref', '--format=%(refname:short)', 'refs/heads/']);
      return output
        .split('\n')
        .filter((line) => line !== '')
        .sort();
    },
    async createBranch(name, createOptions = {}) {
      assertBranchName(name);
      const from = await requireSha(context, createOptions.from ?? 'HEAD');
      await serial(async () => {
        if ((await branchSha(name)) !== null) {
          throw new HealingError(
            'ALREADY_EXISTS',
            `branch ${name} already exists: pick another name or use updateRef`,
            {
              details: { branch: name },
            },
          );
        }
        await moveBranch(context, name, from, null);
      });
    },
    async switchBranch(name) {
      if ((await branchSha(name)) === null) throw revisionNotFound(name);
      await serial(() => context.run(['switch', '--quiet', '--no-guess', name]).then(() => undefined));
    },
    async status() {
      const output = await context.text(['status', '--porcelain=v2', '-z', '--untracked-files=all']);
      return parseCliStatus(output);
    },
    async commit(commitOptions) {
      const author = commitOptions.author ?? identity;
      if (commitOptions.changes !== undefined) {
        const branch = commitOptions.branch ?? (await currentBranchOf(context));
        if (branch === null) {
          throw new HealingError(
            'INVALID_INPUT',
            'HEAD is detached: pass the branch that receives the commit',
          );
        }
        const changes = commitOptions.changes;
        const result = await commitOnBranch(
          branch,
          undefined,
          commitOptions.message,
          author,
          async () => changes,
        );
        return { sha: result.sha };
      }
      return serial(async () => {
        const current = await currentBranchOf(context);
        if (commitOptions.branch !== undefined && commitOptions.branch !== current) {
          throw new HealingError(
            'INVALID_INPUT',
            `the working tree is on ${current ?? 'a detached HEAD'}, not ${commitOptions.branch}: switch first or pass changes`,
          );
        }
        await context.run(['add', '--all']);
        const staged = await context.run(['diff', '--cached', '--quiet'], { okExitCodes: [1] });
        if (staged.exitCode === 0) {
          throw new HealingError(
            'INVALID_INPUT',
            `nothing to commit in ${options.dir}: change a file first or pass changes`,
          );
        }
        const env = {
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
        };
        await context.run(['commit', '--quiet', '--no-verify', '--cleanup=verbatim', '-F', '-'], {
          env,
          input: commitOptions.message,
        });
        return { sha: await requireSha(context, 'HEAD') };
      });
    },
    async log(logOptions) {
      const to = await requireSha(context, logOptions.to ?? 'HEAD');
      const range =
        logOptions.from === undefined ? [to] : [to, `^${await requireSha(context, logOptions.from)}`];
      const limit =
        logOptions.limit === undefined ? [] : [`--max-count=${Math.max(0, Math.floor(logOptions.limit))}`];
      const output = await context.text(['log', '--topo-order', CLI_LOG_FORMAT, ...limit, ...range, '--']);
      return parseCliLog(output) satisfies CommitInfo[];
    },
    async diff(diffOptions) {
      const from = await requireSha(context, diffOptions.from);
      const to = diffOptions.to === undefined ? [] : [await requireSha(context, diffOptions.to)];
      const paths = (diffOptions.paths ?? []).map(normalizeRepoPath);
      const args = [
        'diff',
        '--binary',
        '-M',
        '--no-ext-diff',
        '--no-textconv',
        '--no-relative',
        '--src-prefix=a/',
        '--dst-prefix=b/',
      ];
      return context.text([...args, from, ...to, '--', ...paths]);
    },
    async changedFiles(sha) {
      const commit = await requireSha(context, sha);
      const parents = (await context.text(['rev-list', '--parents', '-n', '1', commit]))
        .trim()
        .split(' ')
        .slice(1);
      const first = parents[0];
      const output =
        first === undefined
          ? await context.text([
              'diff-tree',
              '--root',
              '--no-commit-id',
              '-r',
              '--name-only',
              '--no-renames',
              '-z',
              commit,
            ])
          : await context.text(['diff', '--name-only', '--no-renames', '-z', first, commit]);
      return output
        .split('\0')
        .filter((path) => path !== '')
        .sort();
    },
    async applyPatch(patch, applyOptions = {}) {
      return serial(async () => {
        const view = { read: (path: string) => readWorkingFile(options.dir, path) };
        const changes = await computePatchChanges(patch, view, applyOptions.reverse ?? false);
        if (!applyOptions.check) await writeWorkingChanges(options.dir, changes);
        return { changes };
      });
    },
    commitPatch(patch, patchOptions) {
      return commitOnBranch(
        patchOptions.branch,
        patchOptions.base,
        patchOptions.message,
        patchOptions.author ?? identity,
        (parent) =>
          computePatchChanges(patch, createCliRevisionView(context, parent), patchOptions.reverse ?? false),
      );
    },
    revert: (sha, revertOptions) => revertCommit(git, sha, revertOptions),
    async revertPatch(sha, { onto }) {
      const commit = await requireSha(context, sha);
      const target = await requireSha(context, onto);
      const [parent] = (await context.text(['rev-list', '--parents', '-n', '1', commit]))
        .trim()
        .split(' ')
        .slice(1);
      if (parent === undefined) throw noParentToRevert(commit);
      return cliRevertPatch(context, commit, parent, target);
    },
    async updateRef({ branch, sha, force = false }) {
      const target = await requireSha(context, sha);
      await serial(async () => {
        const current = await branchSha(branch);
        if (current !== null && !force) {
          const ancestry = await context.run(['merge-base', '--is-ancestor', current, target], {
            okExitCodes: [1],
          });
          if (ancestry.exitCode === 1) {
            throw new ConflictError(
              'NOT_FAST_FORWARD',
              `moving ${branch} from ${current} to ${target} is not a fast-forward: merge or rebase first, or pass force`,
              { details: { branch, current, target } },
            );
          }
        }
        await moveBranch(context, branch, target, current);
      });
    },
    async push({ remote = 'origin', branch, force = false }) {
      assertRevision(remote);
      assertBranchName(branch);
      const refspec = `${force ? '+' : ''}refs/heads/${branch}:refs/heads/${branch}`;
      try {
        await context.run(['push', remote, refspec]);
      } catch (error) {
        const text = isHealingError(error) ? String(error.details.stderr ?? '') + error.message : '';
        if (/rejected|non-fast-forward|fetch first/.test(text)) {
          throw new ConflictError(
            'NOT_FAST_FORWARD',
            `push of ${branch} to ${remote} is not a fast-forward: fetch and rebase, or pass force`,
            {
              cause: error,
              details: { remote, branch },
            },
          );
        }
        throw error;
      }
    },
    async openPullRequest() {
      throw unsupported(
        'the local git CLI backend',
        'pull requests',
        'push the branch and use the GitHub adapter',
      );
    },
    async findPullRequest() {
      throw unsupported('the local git CLI backend', 'pull requests', 'use the GitHub adapter');
    },
  };
  return git;
}

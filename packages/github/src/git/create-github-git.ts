import {
  assertBranchName,
  ConflictError,
  type GitAdapter,
  HealingError,
  type PullRequestInfo,
} from '@healing/adapters';
import type { RepositoryCoordinates } from '../client/github-client.js';
import { githubMessageOf, statusOf, toGitHubError } from '../errors/github-request-error.js';
import { readBranchHead } from '../tree/branch-head.js';
import { commitChanges, type TreeWriterContext } from '../tree/commit-changes.js';
import { EMPTY_TREE } from '../tree/tree-entries.js';
import { createTreeReader } from '../tree/tree-reader.js';
import { type CommitPatchContext, commitPatchOnBranch } from './commit-patch.js';
import type { GitHubGitOptions } from './git-options.js';
import { findPullRequest, openPullRequest, updatePullRequest } from './pull-requests.js';
import { readLog } from './read-log.js';
import { createDefaultBranchReader, resolveRevision } from './resolve-revision.js';
import { revertCommit } from './revert-commit.js';
import { githubRevertPatch, noParentToRevert } from './revert-patch.js';
import { changedPaths, diffTrees } from './tree-diff.js';
import { createBlobCache } from './tree-file-view.js';

/** The GitAdapter over the GitHub API, plus what only GitHub has. */
export interface GitHubGit extends GitAdapter {
  updatePullRequest(
    number: number,
    changes: { readonly title?: string; readonly body?: string; readonly state?: 'open' | 'closed' },
  ): Promise<PullRequestInfo>;
}

const MAX_BRANCH_PAGES = 100;

function unsupported(operation: string, instead: string): HealingError {
  return new HealingError(
    'UNSUPPORTED',
    `the GitHub git adapter has no working tree, so it cannot ${operation}: ${instead}`,
    {
      details: { backend: 'github', operation },
    },
  );
}

/**
 * One GitHub repository's history, branches, patches and pull requests, with no working tree.
 * Every commit goes through the git data API; refs only ever move forward unless `force` is asked.
 */
export function createGitHubGit(options: GitHubGitOptions): GitHubGit {
  const { octokit } = options;
  const coordinates: RepositoryCoordinates = { owner: options.owner, repo: options.repo };
  const repoName = `${options.owner}/${options.repo}`;
  const trees = createTreeReader(octokit, coordinates);
  const blobs = createBlobCache(octokit, coordinates);
  const defaultBranch = createDefaultBranchReader(octokit, coordinates);
  const resolve = (revision: string) => resolveRevision(octokit, coordinates, revision, defaultBranch);
  const writer: TreeWriterContext = {
    octokit,
    coordinates,
    trees,
    ...(options.treeLimits ? { limits: options.treeLimits } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  };
  const patchContext: CommitPatchContext = { ...writer, blobs, resolve };

  const git: GitHubGit = {
    name: 'github',
    capabilities: { workingTree: false, push: true, pullRequests: true },
    currentBranch: () => defaultBranch(),
    async headSha(revision = 'HEAD') {
      return (await resolve(revision)).sha;
    },
    async listBranches() {
      const names: string[] = [];
      try {
        for (let page = 1; page <= MAX_BRANCH_PAGES; page += 1) {
          const { data } = await octokit.rest.repos.listBranches({ ...coordinates, per_page: 100, page });
          names.push(...data.map((branch) => branch.name));
          if (data.length < 100) break;
        }
      } catch (error) {
        throw toGitHubError(error, `listing the branches of ${repoName}`);
      }
      return names.sort();
    },
    async createBranch(name, createOptions = {}) {
      assertBranchName(name);
      const start = await resolve(createOptions.from ?? 'HEAD');
      try {
        await octokit.rest.git.createRef({ ...coordinates, ref: `refs/heads/${name}`, sha: start.sha });
      } catch (error) {
        if (statusOf(error) === 422 && /already exists/i.test(githubMessageOf(error))) {
          throw new HealingError(
            'ALREADY_EXISTS',
            `branch ${name} already exists in ${repoName}: pick another name`,
            {
              cause: error,
              details: { branch: name },
            },
          );
        }
        throw toGitHubError(error, `creating branch ${name} in ${repoName}`);
      }
    },
    async switchBranch() {
      throw unsupported('switch branches', 'pass the branch to commit, commitPatch or revert instead');
    },
    async status() {
      return [];
    },
    async commit(commitOptions) {
      if (!commitOptions.changes) {
        throw unsupported('commit a working tree', 'pass `changes` to commit them on a branch');
      }
      const branch = commitOptions.branch ?? (await defaultBranch());
      assertBranchName(branch);
      const author = commitOptions.author ?? options.author;
      const result = await commitChanges(writer, {
        branch,
        changes: commitOptions.changes,
        message: commitOptions.message,
        ...(author ? { author } : {}),
      });
      return { sha: result.commitSha };
    },
    async log(logOptions) {
      const to = (await resolve(logOptions.to ?? 'HEAD')).sha;
      const from = logOptions.from === undefined ? undefined : (await resolve(logOptions.from)).sha;
      return readLog(octokit, coordinates, {
        to,
        ...(from === undefined ? {} : { from }),
        ...(logOptions.limit === undefined ? {} : { limit: logOptions.limit }),
      });
    },
    async diff(diffOptions) {
      // Without a working tree, "the working tree" is the default branch's head.
      const [from, to] = await Promise.all([resolve(diffOptions.from), resolve(diffOptions.to ?? 'HEAD')]);
      return diffTrees(trees, blobs, from.treeSha, to.treeSha, diffOptions.paths);
    },
    async changedFiles(sha) {
      const commit = await resolve(sha);
      const parent = commit.parents[0];
      const parentTree = parent === undefined ? EMPTY_TREE : (await resolve(parent)).treeSha;
      return (await changedPaths(trees, parentTree, commit.treeSha)).paths;
    },
    async applyPatch() {
      throw unsupported('apply a patch to a working tree', 'use commitPatch to commit it on a branch');
    },
    commitPatch(patch, patchOptions) {
      return commitPatchOnBranch(patchContext, patch, patchOptions, patchOptions.author ?? options.author);
    },
    revert: (sha, revertOptions) => revertCommit(git, sha, revertOptions),
    async revertPatch(sha, { onto }) {
      const [commit, target] = await Promise.all([resolve(sha), resolve(onto)]);
      const parent = commit.parents[0];
      if (parent === undefined) throw noParentToRevert(commit.sha);
      const parentTree = (await resolve(parent)).treeSha;
      return githubRevertPatch(trees, blobs, {
        commit: commit.treeSha,
        parent: parentTree,
        onto: target.treeSha,
      });
    },
    async updateRef({ branch, sha, force = false }) {
      assertBranchName(branch);
      const target = (await resolve(sha)).sha;
      try {
        await octokit.rest.git.updateRef({
          ...coordinates,
          ref: `heads/${branch}`,
          sha: target,
          force: force === true,
        });
      } catch (error) {
        const message = githubMessageOf(error);
        if (statusOf(error) === 422 && /fast[- ]forward/i.test(message)) {
          throw new ConflictError(
            'NOT_FAST_FORWARD',
            `moving ${branch} to ${target.slice(0, 12)} is not a fast-forward in ${repoName}: merge or rebase first, or pass force`,
            { cause: error, details: { branch, target } },
          );
        }
        if (statusOf(error) === 422 && /does not exist/i.test(message)) {
          throw new HealingError(
            'NOT_FOUND',
            `branch ${branch} does not exist in ${repoName}: create it first`,
            {
              cause: error,
              details: { branch },
            },
          );
        }
        throw toGitHubError(error, `moving ${branch} in ${repoName}`);
      }
    },
    async push({ branch }) {
      // Every commit of this adapter is made on GitHub itself: pushing only checks the branch is there.
      assertBranchName(branch);
      await readBranchHead(octokit, coordinates, branch);
    },
    openPullRequest: (pullOptions) => openPullRequest(octokit, coordinates, pullOptions),
    findPullRequest: (findOptions) => findPullRequest(octokit, coordinates, findOptions),
    updatePullRequest: (number, changes) => updatePullRequest(octokit, coordinates, number, changes),
  };
  return git;
}

import type { GitRepository } from '../git/git-repository.js';
import { workflowJson, workflowRunJson } from '../json/actions-json.js';
import { fullRepositoryJson } from '../json/repository-json.js';
import { type SimUser, simUserJson, userJson } from '../json/user-json.js';
import type { RepoState } from '../state.js';
import type { WorkflowRunRecord } from '../types.js';

const ZERO_SHA = '0'.repeat(40);
/** GitHub lists at most 20 commits in a push payload. */
const PUSH_COMMIT_LIMIT = 20;

async function pushCommit(base: string, repo: RepoState, git: GitRepository, sha: string) {
  const commit = await git.readCommit(sha);
  if (!commit) return null;
  const files = await git.diffFiles(commit.parents[0] ?? null, sha);
  const pick = (status: string) => files.filter((file) => file.status === status).map((file) => file.path);
  return {
    id: sha,
    tree_id: commit.tree,
    distinct: true,
    message: commit.message,
    timestamp: commit.committer.date,
    url: `${base}/${repo.owner}/${repo.name}/commit/${sha}`,
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
    added: pick('added'),
    removed: pick('removed'),
    modified: pick('modified'),
  };
}

/** The repository as push payloads carry it: timestamps in epoch seconds, as GitHub sends them there. */
function pushRepositoryJson(base: string, repo: RepoState) {
  const full = fullRepositoryJson(base, repo);
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return {
    ...full,
    created_at: seconds(repo.createdAt),
    pushed_at: seconds(repo.pushedAt),
    stargazers: 0,
    master_branch: repo.defaultBranch,
  };
}

export async function pushPayload(
  base: string,
  repo: RepoState,
  ref: string,
  before: string | null,
  after: string | null,
  pusher: SimUser,
) {
  const git = repo.git;
  const shas = after
    ? (
        await git.revList(
          after,
          before ? { excluding: before, maxCount: PUSH_COMMIT_LIMIT } : { maxCount: 1 },
        )
      ).reverse()
    : [];
  const commits = [];
  for (const sha of shas) {
    const commit = await pushCommit(base, repo, git, sha);
    if (commit) commits.push(commit);
  }
  const isForced = before !== null && after !== null && !(await git.isAncestor(before, after));
  return {
    ref,
    before: before ?? ZERO_SHA,
    after: after ?? ZERO_SHA,
    created: before === null,
    deleted: after === null,
    forced: isForced,
    base_ref: null,
    compare: `${base}/${repo.owner}/${repo.name}/compare/${(before ?? ZERO_SHA).slice(0, 12)}...${(after ?? ZERO_SHA).slice(0, 12)}`,
    commits,
    head_commit: after ? await pushCommit(base, repo, git, after) : null,
    repository: pushRepositoryJson(base, repo),
    pusher: { name: pusher.login, email: pusher.email },
    sender: simUserJson(base, pusher),
  };
}

export async function workflowRunPayload(
  base: string,
  repo: RepoState,
  run: WorkflowRunRecord,
  action: string,
) {
  const head = await repo.git.readCommit(run.headSha);
  const workflow = workflowJson(base, repo, {
    id: run.workflowId,
    name: run.workflowName,
    path: run.workflowPath,
    createdAt: repo.createdAt,
  });
  return {
    action,
    workflow_run: workflowRunJson(base, repo, run, head),
    workflow,
    repository: fullRepositoryJson(base, repo),
    sender: userJson(base, 'healing-bot', 1001),
  };
}

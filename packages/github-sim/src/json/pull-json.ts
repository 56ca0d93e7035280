import type { PullRecord, RepoState } from '../state.js';
import { fullRepositoryJson } from './repository-json.js';
import { nodeId, simUserJson, userJson } from './user-json.js';

export interface PullHeads {
  readonly headSha: string;
  readonly baseSha: string;
}

/** A label as GitHub shows it; the simulator creates labels on first use, grey, like GitHub does. */
export function labelJson(base: string, repo: RepoState, name: string) {
  const id = [...`${repo.id}:${name}`].reduce(
    (hash, char) => (hash * 31 + char.charCodeAt(0)) % 2_000_000_000,
    7,
  );
  return {
    id,
    node_id: nodeId('Label', id),
    url: `${base}/repos/${repo.owner}/${repo.name}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}

/** GitHub's pull-request-simple shape (the list answer). */
export function pullSimpleJson(base: string, repo: RepoState, pull: PullRecord, heads: PullHeads) {
  const api = `${base}/repos/${repo.owner}/${repo.name}`;
  const html = `${base}/${repo.owner}/${repo.name}/pull/${pull.number}`;
  const url = `${api}/pulls/${pull.number}`;
  const owner = userJson(base, repo.owner, repo.ownerId);
  const repository = fullRepositoryJson(base, repo);
  const side = (ref: string, sha: string) => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: owner,
    repo: repository,
  });
  const link = (href: string) => ({ href });
  return {
    url,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${heads.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simUserJson(base, pull.user),
    body: pull.body,
    labels: pull.labels.map((name) => labelJson(base, repo, name)),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(pull.head, heads.headSha),
    base: side(pull.base, heads.baseSha),
    _links: {
      self: link(url),
      html: link(html),
      issue: link(`${api}/issues/${pull.number}`),
      comments: link(`${api}/issues/${pull.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${api}/statuses/${heads.headSha}`),
    },
    author_association: 'OWNER',
    auto_merge: null,
    draft: pull.draft,
  };
}

export interface PullStats {
  readonly commits: number;
  readonly additions: number;
  readonly deletions: number;
  readonly changedFiles: number;
  readonly comments: number;
}

/** GitHub's full pull-request shape (create, get, update). */
export function pullJson(
  base: string,
  repo: RepoState,
  pull: PullRecord,
  heads: PullHeads,
  stats: PullStats,
) {
  return {
    ...pullSimpleJson(base, repo, pull, heads),
    merged: false,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: stats.comments,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: stats.commits,
    additions: stats.additions,
    deletions: stats.deletions,
    changed_files: stats.changedFiles,
  };
}

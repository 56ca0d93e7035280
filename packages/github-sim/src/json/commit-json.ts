import type { ChangedFile } from '../git/git-repository.js';
import type { GitSignature, ParsedCommit } from '../git/parse-commit.js';
import type { RepoState } from '../state.js';
import { nodeId } from './user-json.js';

const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

function repoUrl(base: string, repo: RepoState): string {
  return `${base}/repos/${repo.owner}/${repo.name}`;
}

function gitUser(signature: GitSignature) {
  return { name: signature.name, email: signature.email, date: signature.date };
}

/** The git data API's git-commit shape. */
export function gitCommitJson(base: string, repo: RepoState, sha: string, commit: ParsedCommit) {
  const url = repoUrl(base, repo);
  return {
    sha,
    node_id: nodeId('Commit', sha),
    url: `${url}/git/commits/${sha}`,
    html_url: `${base}/${repo.owner}/${repo.name}/commit/${sha}`,
    author: gitUser(commit.author),
    committer: gitUser(commit.committer),
    tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${url}/git/commits/${parent}`,
      html_url: `${base}/${repo.owner}/${repo.name}/commit/${parent}`,
    })),
    verification: UNSIGNED,
  };
}

export function fileJson(base: string, repo: RepoState, sha: string, file: ChangedFile) {
  return {
    sha: null,
    filename: file.path,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${base}/${repo.owner}/${repo.name}/blob/${sha}/${file.path}`,
    raw_url: `${base}/${repo.owner}/${repo.name}/raw/${sha}/${file.path}`,
    contents_url: `${repoUrl(base, repo)}/contents/${file.path}?ref=${sha}`,
  };
}

/** The REST commits API's commit shape; `files` (and stats) only when given. */
export function commitJson(
  base: string,
  repo: RepoState,
  sha: string,
  commit: ParsedCommit,
  files?: readonly ChangedFile[],
) {
  const url = repoUrl(base, repo);
  const html = `${base}/${repo.owner}/${repo.name}/commit/${sha}`;
  const json = {
    url: `${url}/commits/${sha}`,
    sha,
    node_id: nodeId('Commit', sha),
    html_url: html,
    comments_url: `${url}/commits/${sha}/comments`,
    commit: {
      url: `${url}/git/commits/${sha}`,
      author: gitUser(commit.author),
      committer: gitUser(commit.committer),
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.tree, url: `${url}/git/trees/${commit.tree}` },
      verification: UNSIGNED,
    },
    author: null,
    committer: null,
    parents: commit.parents.map((parent) => ({
      sha: parent,
      url: `${url}/commits/${parent}`,
      html_url: `${base}/${repo.owner}/${repo.name}/commit/${parent}`,
    })),
  };
  if (!files) return json;
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const deletions = files.reduce((sum, file) => sum + file.deletions, 0);
  return {
    ...json,
    stats: { additions, deletions, total: additions + deletions },
    files: files.map((file) => fileJson(base, repo, sha, file)),
  };
}

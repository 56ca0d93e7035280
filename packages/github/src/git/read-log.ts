import type { CommitInfo } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

interface CommitJson {
  readonly sha: string;
  readonly parents: ReadonlyArray<{ readonly sha: string }>;
  readonly commit: {
    readonly message: string;
    readonly author: { readonly name?: string; readonly email?: string; readonly date?: string } | null;
  };
}

/** History without `from` stops here unless a smaller limit is asked, so a walk is always bounded. */
export const MAX_LOG_COMMITS = 1000;

export function toCommitInfo(commit: CommitJson): CommitInfo {
  return {
    sha: commit.sha,
    parents: commit.parents.map((parent) => parent.sha),
    author: {
      name: commit.commit.author?.name ?? '',
      email: commit.commit.author?.email ?? '',
      date: commit.commit.author?.date ?? '',
    },
    message: commit.commit.message,
  };
}

/**
 * Commits reachable from `to` and not from `from`, newest first: one compare request (GitHub
 * lists up to 250 commits there), or pages of `GET /commits` when there is no `from`.
 */
export async function readLog(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  options: { readonly from?: string; readonly to: string; readonly limit?: number },
): Promise<CommitInfo[]> {
  const limit = Math.min(options.limit ?? MAX_LOG_COMMITS, MAX_LOG_COMMITS);
  try {
    if (options.from !== undefined) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        ...coordinates,
        basehead: `${options.from}...${options.to}`,
      });
      return data.commits.map(toCommitInfo).reverse().slice(0, limit);
    }
    const out: CommitInfo[] = [];
    const perPage = Math.min(limit, 100);
    for (let page = 1; out.length < limit && page <= Math.ceil(limit / perPage); page += 1) {
      const { data } = await octokit.rest.repos.listCommits({
        ...coordinates,
        sha: options.to,
        per_page: perPage,
        page,
      });
      out.push(...data.map(toCommitInfo));
      if (data.length < perPage) break;
    }
    return out.slice(0, limit);
  } catch (error) {
    throw toGitHubError(error, `reading the log of ${options.to}`);
  }
}

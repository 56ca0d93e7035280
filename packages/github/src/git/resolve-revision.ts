import { HealingError } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { statusOf, toGitHubError } from '../errors/github-request-error.js';

/** The repository's default branch, read once per adapter. */
export function createDefaultBranchReader(octokit: GitHubClient, coordinates: RepositoryCoordinates) {
  let pending: Promise<string> | undefined;
  return (): Promise<string> => {
    pending ??= octokit.rest.repos.get({ ...coordinates }).then(
      ({ data }) => data.default_branch,
      (error: unknown) => {
        pending = undefined;
        throw toGitHubError(error, `reading ${coordinates.owner}/${coordinates.repo}`);
      },
    );
    return pending;
  };
}

/** The commit sha a branch, tag or sha names (HEAD: the default branch's head). */
export async function resolveRevision(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  revision: string,
  defaultBranch: () => Promise<string>,
): Promise<{ sha: string; parents: string[]; treeSha: string }> {
  const ref = revision === 'HEAD' ? await defaultBranch() : revision;
  try {
    const { data } = await octokit.rest.repos.getCommit({ ...coordinates, ref, per_page: 1 });
    return {
      sha: data.sha,
      parents: data.parents.map((parent) => parent.sha),
      treeSha: data.commit.tree.sha,
    };
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 422) {
      throw new HealingError(
        'NOT_FOUND',
        `revision ${revision} does not exist in ${coordinates.owner}/${coordinates.repo}: pass a branch, tag or commit sha that does`,
        { cause: error, details: { revision } },
      );
    }
    throw toGitHubError(error, `resolving ${revision} in ${coordinates.owner}/${coordinates.repo}`);
  }
}

import { HealingError } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { statusOf, toGitHubError } from '../errors/github-request-error.js';

/** A branch's head commit and that commit's tree. */
export interface BranchHead {
  readonly commitSha: string;
  readonly treeSha: string;
}

/** One request: `GET /repos/{owner}/{repo}/branches/{branch}` names both the commit and its tree. */
export async function readBranchHead(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  branch: string,
): Promise<BranchHead> {
  try {
    const { data } = await octokit.rest.repos.getBranch({ ...coordinates, branch });
    return { commitSha: data.commit.sha, treeSha: data.commit.commit.tree.sha };
  } catch (error) {
    if (statusOf(error) === 404) {
      throw new HealingError(
        'NOT_FOUND',
        `branch ${branch} does not exist in ${coordinates.owner}/${coordinates.repo}: create it first or pass an existing branch`,
        { cause: error, details: { branch } },
      );
    }
    throw toGitHubError(error, `reading branch ${branch} of ${coordinates.owner}/${coordinates.repo}`);
  }
}

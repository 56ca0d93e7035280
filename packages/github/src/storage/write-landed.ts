import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

/** How many recent commits on a path are searched for a write's marker. */
const RECENT_COMMITS = 20;

/** The trailer that lets a writer recognise its own commit when GitHub's answer was lost. */
export function writeMarker(writeId: string): string {
  return `Healing-Write: ${writeId}`;
}

/**
 * Whether a commit carrying this write's marker is among the path's recent commits on the branch.
 * Asked only when an answer was lost or refused while the file now holds our bytes: identical
 * bytes from another writer must not pass for ours, or a compare-and-swap would lose an update.
 */
export async function writeLanded(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  branch: string,
  path: string,
  writeId: string,
): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.listCommits({
      ...coordinates,
      sha: branch,
      path,
      per_page: RECENT_COMMITS,
    });
    const marker = writeMarker(writeId);
    return data.some((commit) => commit.commit.message.includes(marker));
  } catch (error) {
    throw toGitHubError(error, `checking whether the write of ${path} reached ${branch}`);
  }
}

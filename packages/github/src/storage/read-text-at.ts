import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

/**
 * A reader of a repository's text files at one revision, through the contents API (no clone):
 * null for a path that does not exist or is not a file. For small files such as configs; large
 * or binary files belong to GitHub storage.
 */
export function readTextAt(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  ref: string,
): (path: string) => Promise<string | null> {
  return async (path) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ ...coordinates, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw toGitHubError(error, `reading ${path} of ${coordinates.owner}/${coordinates.repo} at ${ref}`);
    }
  };
}

import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { statusOf, toGitHubError } from '../errors/github-request-error.js';

export type ContentsAnswer = 'done' | 'stale';

interface ContentsRequest {
  readonly branch: string;
  readonly path: string;
  readonly message: string;
  /** The blob id the file has now, as we read it; omitted to create. */
  readonly sha: string | undefined;
  readonly author?: { readonly name: string; readonly email: string };
}

/** 409 (sha does not match, or the branch moved) and 422 (sha missing or stale) ask us to re-read. */
function isStale(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || status === 422;
}

/** `PUT /repos/{owner}/{repo}/contents/{path}` with the expected blob id. */
export async function putContents(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  request: ContentsRequest & { readonly content: Uint8Array },
): Promise<ContentsAnswer> {
  try {
    await octokit.rest.repos.createOrUpdateFileContents({
      ...coordinates,
      branch: request.branch,
      path: request.path,
      message: request.message,
      content: Buffer.from(request.content).toString('base64'),
      ...(request.sha === undefined ? {} : { sha: request.sha }),
      ...(request.author ? { author: request.author, committer: request.author } : {}),
    });
    return 'done';
  } catch (error) {
    if (isStale(error)) return 'stale';
    throw toGitHubError(
      error,
      `writing ${request.path} to ${coordinates.owner}/${coordinates.repo}@${request.branch}`,
    );
  }
}

/** `DELETE /repos/{owner}/{repo}/contents/{path}` with the expected blob id. */
export async function deleteContents(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  request: ContentsRequest & { readonly sha: string },
): Promise<ContentsAnswer> {
  try {
    await octokit.rest.repos.deleteFile({
      ...coordinates,
      branch: request.branch,
      path: request.path,
      message: request.message,
      sha: request.sha,
      ...(request.author ? { author: request.author, committer: request.author } : {}),
    });
    return 'done';
  } catch (error) {
    if (isStale(error) || statusOf(error) === 404) return 'stale';
    throw toGitHubError(
      error,
      `deleting ${request.path} from ${coordinates.owner}/${coordinates.repo}@${request.branch}`,
    );
  }
}

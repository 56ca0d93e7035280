import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

/**
 * GitHub starts no `push` workflow for a head commit whose message holds this, so the
 * repository's own CI does not run on scratch branches (the heal-run workflow, dispatched, still
 * does). Heal branches never carry it: CI must run on the fix.
 */
export const SKIP_CI = '[skip ci]';

export const scratchMessage = (message: string): string => `${message}\n\n${SKIP_CI}`;

/**
 * Creates `branch` at an empty commit on top of `sha` (same tree) whose message skips CI: a ref
 * created right at `sha` would be a push of the user's commit, and their CI would run on it.
 */
export async function createScratchBranch(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  branch: string,
  sha: string,
): Promise<void> {
  try {
    const { data: base } = await octokit.rest.git.getCommit({ ...coordinates, commit_sha: sha });
    const { data: marker } = await octokit.rest.git.createCommit({
      ...coordinates,
      message: scratchMessage(`healing: scratch branch at ${sha.slice(0, 12)}`),
      tree: base.tree.sha,
      parents: [sha],
    });
    await octokit.rest.git.createRef({ ...coordinates, ref: `refs/heads/${branch}`, sha: marker.sha });
  } catch (error) {
    throw toGitHubError(error, `creating the scratch branch ${branch} at ${sha.slice(0, 12)}`);
  }
}

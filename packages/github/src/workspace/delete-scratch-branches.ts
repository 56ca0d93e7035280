import { HealingError } from '@healing/adapters';
import type { GitHubClient } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

/** Branches deleted per call, at most: a bound on the requests one cleanup makes. */
const MAX_BRANCHES = 100;

/**
 * Deletes the scratch branches under `prefix` (e.g. `heal-work/0a1b2c3d4e5f/`), as a heal
 * resumed after its process was killed finds them: nobody else can be using them, because
 * the prefix names the one job that held the lease. Returns the branches deleted.
 */
export async function deleteScratchBranches(options: {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly prefix: string;
}): Promise<string[]> {
  const { octokit, owner, repo, prefix } = options;
  if (!prefix.endsWith('/') || prefix === '/') {
    throw new HealingError(
      'INVALID_INPUT',
      `scratch branch prefix "${prefix}" must be a folder of branches ending in "/", e.g. heal-work/<job>/`,
    );
  }
  const refs = await octokit.rest.git
    .listMatchingRefs({ owner, repo, ref: `heads/${prefix}` })
    .catch((error: unknown) => {
      throw toGitHubError(error, `listing the scratch branches ${prefix}* of ${owner}/${repo}`);
    });
  const deleted: string[] = [];
  for (const { ref } of refs.data.slice(0, MAX_BRANCHES)) {
    const branch = ref.replace(/^refs\/heads\//, '');
    try {
      await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
      deleted.push(branch);
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== 404 && status !== 422)
        throw toGitHubError(error, `deleting the scratch branch ${branch}`);
    }
  }
  return deleted;
}

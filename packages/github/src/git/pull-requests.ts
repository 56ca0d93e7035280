import type { PullRequestInfo, PullRequestOptions } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

interface PullJson {
  readonly number: number;
  readonly html_url: string;
  readonly state: string;
  readonly head: { readonly ref: string };
  readonly base: { readonly ref: string };
}

function toInfo(pull: PullJson): PullRequestInfo {
  return {
    number: pull.number,
    url: pull.html_url,
    head: pull.head.ref,
    base: pull.base.ref,
    state: pull.state === 'open' ? 'open' : 'closed',
  };
}

/** The open pull request from `head` (into `base` when given), or null. One request. */
export async function findPullRequest(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  options: { readonly head: string; readonly base?: string },
): Promise<PullRequestInfo | null> {
  try {
    const { data } = await octokit.rest.pulls.list({
      ...coordinates,
      state: 'open',
      head: `${coordinates.owner}:${options.head}`,
      ...(options.base === undefined ? {} : { base: options.base }),
      per_page: 10,
    });
    const match = data.find(
      (pull) =>
        pull.head.ref === options.head && (options.base === undefined || pull.base.ref === options.base),
    );
    return match ? toInfo(match) : null;
  } catch (error) {
    throw toGitHubError(error, `finding a pull request from ${options.head}`);
  }
}

export async function updatePullRequest(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  number: number,
  changes: { readonly title?: string; readonly body?: string; readonly state?: 'open' | 'closed' },
): Promise<PullRequestInfo> {
  try {
    const { data } = await octokit.rest.pulls.update({ ...coordinates, pull_number: number, ...changes });
    return toInfo(data);
  } catch (error) {
    throw toGitHubError(error, `updating pull request #${number}`);
  }
}

/** Opens a pull request, or updates the title and body of the one already open for the same head and base. */
export async function openPullRequest(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  options: PullRequestOptions,
): Promise<PullRequestInfo> {
  const existing = await findPullRequest(octokit, coordinates, options);
  if (existing)
    return updatePullRequest(octokit, coordinates, existing.number, {
      title: options.title,
      body: options.body,
    });
  try {
    const { data } = await octokit.rest.pulls.create({
      ...coordinates,
      head: options.head,
      base: options.base,
      title: options.title,
      body: options.body,
      ...(options.draft === undefined ? {} : { draft: options.draft }),
    });
    return toInfo(data);
  } catch (error) {
    throw toGitHubError(error, `opening a pull request from ${options.head} into ${options.base}`);
  }
}

import type { Octokit } from '@octokit/rest';

/** The client every adapter takes: an @octokit/rest instance (with the retry and throttling plugins). */
export type GitHubClient = Octokit;

/** Which repository an adapter works on. */
export interface RepositoryCoordinates {
  readonly owner: string;
  readonly repo: string;
}

import type { GitIdentity } from '@healing/adapters';
import type { GitHubClient } from '../client/github-client.js';
import type { TreeLimits } from '../tree/plan-tree-requests.js';

export interface GitHubGitOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly author?: GitIdentity;
  readonly treeLimits?: TreeLimits;
  /** Attempts of a commit whose branch moved while the touched files did not (default 8). */
  readonly maxAttempts?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
}

import type { GitIdentity } from '@healing/adapters';
import type { GitHubClient } from '../client/github-client.js';
import type { TreeLimits } from '../tree/plan-tree-requests.js';

export interface GitHubStorageOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** The branch every read, write and commit works on; it must exist. */
  readonly branch: string;
  readonly author?: GitIdentity;
  /** Commit message of single-file writes and deletes. */
  readonly message?: (operation: 'write' | 'delete', path: string) => string;
  readonly treeLimits?: TreeLimits;
  /** Attempts of a write (default 12) or commit (default 8) whose base moved while the touched files did not. */
  readonly maxAttempts?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
}

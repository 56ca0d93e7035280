import type { GitRepository } from './git/git-repository.js';
import type { SimUser } from './json/user-json.js';
import type { WorkflowRunRecord } from './types.js';

export interface PullRecord {
  readonly id: number;
  readonly number: number;
  title: string;
  /** Who opened it: the token user, or the App's bot for an installation token. */
  readonly user: SimUser;
  body: string | null;
  state: 'open' | 'closed';
  readonly head: string;
  base: string;
  /** Last seen tips; kept when a branch is deleted, as GitHub keeps them. */
  headSha: string;
  baseSha: string;
  readonly draft: boolean;
  /** Label names in the order they were added. */
  readonly labels: string[];
  maintainerCanModify: boolean;
  readonly createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface CommentRecord {
  readonly id: number;
  readonly issueNumber: number;
  readonly user: SimUser;
  body: string;
  readonly createdAt: string;
  updatedAt: string;
}

/** Everything the simulator knows about one repository besides its git objects. */
export interface RepoState {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  readonly ownerId: number;
  readonly git: GitRepository;
  readonly defaultBranch: string;
  readonly createdAt: string;
  pushedAt: string;
  readonly pulls: PullRecord[];
  readonly comments: CommentRecord[];
  /** Issues and pull requests share one number sequence, as on GitHub. */
  nextIssueNumber: number;
  readonly runs: WorkflowRunRecord[];
  readonly workflowIds: Map<string, number>;
}

/** Monotonic ids shared by every kind of object, so ids never collide across kinds. */
export function createIdSequence(start = 100_000): () => number {
  let next = start;
  return () => {
    next += 1;
    return next;
  };
}

export function isoNow(now: () => number): string {
  return new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

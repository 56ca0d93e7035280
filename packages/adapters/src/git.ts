import type { FileChange } from './types/file-change.js';

export interface GitCapabilities {
  /** There is a checked-out working tree (local); remote backends have none. */
  readonly workingTree: boolean;
  /** `push` can update a remote's ref. */
  readonly push: boolean;
  /** `openPullRequest` is available. */
  readonly pullRequests: boolean;
}

export interface GitIdentity {
  readonly name: string;
  readonly email: string;
}

export interface CommitInfo {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly author: GitIdentity & { readonly date: string };
  readonly message: string;
}

export type StatusCode = 'added' | 'modified' | 'deleted' | 'untracked' | 'renamed' | 'typechange';

export interface StatusEntry {
  readonly path: string;
  readonly status: StatusCode;
  readonly staged: boolean;
}

export interface CommitOptions {
  readonly message: string;
  readonly author?: GitIdentity;
  /**
   * With a working tree and no `changes`: commit everything in it (add -A).
   * With `changes`: commit exactly these on `branch` (default: current) without touching the working tree.
   */
  readonly changes?: readonly FileChange[];
  readonly branch?: string;
}

export interface CommitPatchOptions {
  /** Branch that receives the commit; created from `base` when missing. */
  readonly branch: string;
  /** Revision the branch starts from when it is created (default: HEAD / default branch). */
  readonly base?: string;
  readonly message: string;
  readonly author?: GitIdentity;
  readonly reverse?: boolean;
}

export interface ApplyPatchOptions {
  /** Only check that it applies; change nothing. */
  readonly check?: boolean;
  readonly reverse?: boolean;
}

export interface ApplyPatchResult {
  readonly changes: readonly FileChange[];
}

export interface UpdateRefOptions {
  /** Branch name (without refs/heads/). */
  readonly branch: string;
  readonly sha: string;
  /** Move the branch even when `sha` does not contain its current head. Never the default. */
  readonly force?: boolean;
}

export interface PushOptions {
  readonly remote?: string;
  readonly branch: string;
  readonly force?: boolean;
}

export interface PullRequestOptions {
  readonly head: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly draft?: boolean;
}

export interface PullRequestInfo {
  readonly number: number;
  readonly url: string;
  readonly head: string;
  readonly base: string;
  readonly state: 'open' | 'closed';
}

export interface RevertFile {
  readonly path: string;
  /**
   * `reverted`: its revert merges cleanly onto the target; `conflict`: later commits changed
   * the same lines, or deleted, re-added or retyped the file (the patch leaves it out).
   */
  readonly status: 'reverted' | 'conflict';
}

export interface RevertPatch {
  /** Git-format patch from `onto` reverting the files that merge cleanly; empty when none does. */
  readonly patch: string;
  /** Every file the commit changed, in path order. */
  readonly files: readonly RevertFile[];
}

/** One repository's history, branches and patches, local or remote. */
export interface GitAdapter {
  readonly name: string;
  readonly capabilities: GitCapabilities;
  /** The checked-out branch, or null when HEAD is detached (or, remotely, the default branch). */
  currentBranch(): Promise<string | null>;
  /** The sha a revision names (default HEAD). Throws NOT_FOUND for an unknown revision. */
  headSha(revision?: string): Promise<string>;
  listBranches(): Promise<string[]>;
  createBranch(name: string, options?: { readonly from?: string }): Promise<void>;
  /** Checks out a branch (working-tree backends only). */
  switchBranch(name: string): Promise<void>;
  /** Changes in the working tree against HEAD; always empty without a working tree. */
  status(): Promise<StatusEntry[]>;
  commit(options: CommitOptions): Promise<{ sha: string }>;
  /** Commits reachable from `to` and not from `from`, newest first. */
  log(options: {
    readonly from?: string;
    readonly to?: string;
    readonly limit?: number;
  }): Promise<CommitInfo[]>;
  /** Git-format patch (binary included) from one revision to another (default: the working tree). */
  diff(options: {
    readonly from: string;
    readonly to?: string;
    readonly paths?: readonly string[];
  }): Promise<string>;
  /** Files a commit changed relative to its first parent. */
  changedFiles(sha: string): Promise<string[]>;
  /** Applies a patch to the working tree (working-tree backends only). All or nothing. */
  applyPatch(patch: string, options?: ApplyPatchOptions): Promise<ApplyPatchResult>;
  /** Applies a patch as one commit on a branch without touching any working tree. */
  commitPatch(
    patch: string,
    options: CommitPatchOptions,
  ): Promise<{ sha: string; changes: readonly FileChange[] }>;
  /** Commits the inverse of `sha` on `branch` (created from `base`, default HEAD). */
  revert(
    sha: string,
    options: { readonly branch: string; readonly base?: string; readonly message?: string },
  ): Promise<{ sha: string; patch: string }>;
  /**
   * The revert of `sha` as `git revert` computes it: per file, a three-way merge onto `onto`
   * with the commit as base and its first parent as the other side. Nothing is written.
   */
  revertPatch(sha: string, options: { readonly onto: string }): Promise<RevertPatch>;
  /** Moves a branch; only a fast-forward unless `force` (NOT_FAST_FORWARD otherwise). */
  updateRef(options: UpdateRefOptions): Promise<void>;
  push(options: PushOptions): Promise<void>;
  openPullRequest(options: PullRequestOptions): Promise<PullRequestInfo>;
  findPullRequest(options: {
    readonly head: string;
    readonly base?: string;
  }): Promise<PullRequestInfo | null>;
}

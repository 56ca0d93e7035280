import type { ExecutionAdapter } from './execution.js';
import type { GitAdapter } from './git.js';
import type { StorageAdapter } from './storage.js';

/**
 * An isolated copy of a repository at one revision, where a candidate fix is applied and
 * tested without touching the user's working tree: a git worktree locally, a scratch
 * branch (with Actions runs) on GitHub.
 */
export interface Workspace {
  readonly id: string;
  /** Local directory of the copy; null when the workspace is remote. */
  readonly dir: string | null;
  /** The sha the workspace was created at. */
  readonly revision: string;
  readonly storage: StorageAdapter;
  readonly git: GitAdapter;
  /** Runs commands inside the workspace (the default cwd is its root). */
  readonly execution: ExecutionAdapter;
  /** Removes the copy (worktree, scratch branch). Safe to call twice. */
  dispose(): Promise<void>;
}

export interface WorkspaceProvider {
  readonly name: string;
  create(options: { readonly revision: string; readonly label?: string }): Promise<Workspace>;
}

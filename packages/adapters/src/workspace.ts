import type { ExecutionAdapter } from './execution.js';
import type { GitAdapter } from './git.js';
import type { StorageAdapter } from './storage.js';
import type { WorkspaceSetup } from './types/workspace-setup.js';

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
  /**
   * Gives the workspace the project's dependencies, once (later calls return the first answer);
   * commands run in the workspace wait for it. Absent when there is nothing to prepare. A setup
   * that fails is an answer with `failure`, not an error: the workspace then cannot run tests.
   */
  prepare?(): Promise<WorkspaceSetup>;
  /** Removes the copy (worktree, scratch branch). Safe to call twice. */
  dispose(): Promise<void>;
}

export interface WorkspaceProvider {
  readonly name: string;
  create(options: { readonly revision: string; readonly label?: string }): Promise<Workspace>;
}

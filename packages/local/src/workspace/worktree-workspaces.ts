import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  type ExecutionAdapter,
  type GitIdentity,
  HealingError,
  type Workspace,
  type WorkspaceProvider,
} from '@healing/adapters';
import type { EnvSource } from '../execution/command-env.js';
import { createProcessExecution } from '../execution/process-execution.js';
import { createCliContext } from '../git/cli-context.js';
import { createCliGit } from '../git/cli-git.js';
import { assertRevision, revisionNotFound } from '../git/git-names.js';
import { createFsStorage } from '../storage/fs-storage.js';
import { scopeExecution } from './scoped-execution.js';

export interface WorktreeWorkspacesOptions {
  /** The user's repository; only its object store and worktree list are written, never its checkout. */
  readonly repoDir: string;
  /** Runs commands in workspaces (default: createProcessExecution()); the cwd defaults to the worktree. */
  readonly execution?: ExecutionAdapter;
  /** Where worktrees are made (default: the OS temp directory). */
  readonly tmpDir?: string;
  readonly identity?: GitIdentity;
  /** Parent environment for git and for the default execution (default process.env). */
  readonly env?: EnvSource;
}

/** Isolated copies of a repository as detached `git worktree`s, for validating candidate fixes. */
export function createWorktreeWorkspaces(options: WorktreeWorkspacesOptions): WorkspaceProvider {
  const repo = createCliContext(options.repoDir, options.env);
  const baseExecution = options.execution ?? createProcessExecution(options.env ? { env: options.env } : {});

  async function resolveRevision(revision: string): Promise<string> {
    const output = await repo.run(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${assertRevision(revision)}^{commit}`],
      {
        okExitCodes: [1, 128],
      },
    );
    if (output.exitCode !== 0) throw revisionNotFound(revision);
    return output.stdout.toString('utf8').trim();
  }

  return {
    name: 'git-worktree',
    async create({ revision, label }) {
      const sha = await resolveRevision(revision);
      const prefix = `healing-ws-${(label ?? '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32)}`;
      const dir = await mkdtemp(
        join(options.tmpDir ?? tmpdir(), prefix.endsWith('-') ? prefix : `${prefix}-`),
      );
      try {
        // Hooks of the user's repository (post-checkout) must not run in a healing workspace.
        await repo.run([
          '-c',
          'core.hooksPath=/dev/null',
          'worktree',
          'add',
          '--detach',
          '--quiet',
          dir,
          sha,
        ]);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw new HealingError(
          'GIT_FAILED',
          `could not create a worktree of ${options.repoDir} at ${sha}: ${(error as Error).message}`,
          {
            cause: error,
            details: { repoDir: options.repoDir, revision: sha },
          },
        );
      }
      let disposed: Promise<void> | undefined;
      const workspace: Workspace = {
        id: basename(dir),
        dir,
        revision: sha,
        storage: createFsStorage({ root: dir }),
        git: createCliGit({
          dir,
          ...(options.identity ? { identity: options.identity } : {}),
          ...(options.env ? { env: options.env } : {}),
        }),
        execution: scopeExecution(baseExecution, dir),
        dispose() {
          disposed ??= (async () => {
            await workspace.storage.close?.();
            await repo.run(['worktree', 'remove', '--force', dir]).catch(() => undefined);
            await rm(dir, { recursive: true, force: true });
            await repo.run(['worktree', 'prune']);
          })();
          return disposed;
        },
      };
      return workspace;
    },
  };
}

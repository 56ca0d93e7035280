import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type ExecutionAdapter,
  type GitIdentity,
  HealingError,
  type Workspace,
  type WorkspaceProvider,
} from '@healing/adapters';
import type { WorkspaceSetupCommand } from '../dependencies/run-setup.js';
import type { EnvSource } from '../execution/command-env.js';
import { createProcessExecution } from '../execution/process-execution.js';
import { createCliContext } from '../git/cli-context.js';
import { createCliGit } from '../git/cli-git.js';
import { assertRevision, revisionNotFound } from '../git/git-names.js';
import { createFsStorage } from '../storage/fs-storage.js';
import { createKeyedLock } from '../storage/keyed-lock.js';
import { prepareBeforeRunning } from './prepared-execution.js';
import { scopeExecution } from './scoped-execution.js';
import { createWorkspaceDependencies } from './workspace-dependencies.js';

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
  /**
   * Installs the project's dependencies in a workspace whose dependency files differ from the
   * checkout's (`npm ci --prefer-offline --no-audit --no-fund`); null or absent: none, the
   * checkout's installed dependencies are linked whatever the files say.
   */
  readonly setup?: WorkspaceSetupCommand | null;
  /** Where dependencies installed by setup are kept, keyed by the lockfiles' hash (default: `<git common dir>/heal/deps`). */
  readonly dependencyCacheDir?: string;
}

// `git worktree add` reads every other worktree's metadata while writing its own, unlocked: two
// at once in one repository fail ("failed to read .git/worktrees/…/commondir"). Within a
// process they take turns; across processes the failure is retried.
const worktreeLocks = createKeyedLock();
const WORKTREE_RACE = /failed to read .*worktrees|could not lock|\.lock': File exists/;

async function changeWorktrees<T>(repoDir: string, change: () => Promise<T>): Promise<T> {
  return worktreeLocks.run([repoDir], async () => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await change();
      } catch (error) {
        if (attempt >= 4 || !WORKTREE_RACE.test((error as Error).message)) throw error;
        await delay(50 * attempt);
      }
    }
  });
}

/** Isolated copies of a repository as detached `git worktree`s, for validating candidate fixes. */
export function createWorktreeWorkspaces(options: WorktreeWorkspacesOptions): WorkspaceProvider {
  const repo = createCliContext(options.repoDir, options.env);
  const baseExecution = options.execution ?? createProcessExecution(options.env ? { env: options.env } : {});
  const dependencies = createWorkspaceDependencies({
    repo,
    setup: options.setup ?? null,
    cacheDir: options.dependencyCacheDir,
    execution: baseExecution,
    parentEnv: options.env ?? process.env,
  });

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
        await changeWorktrees(options.repoDir, () =>
          repo.run(['-c', 'core.hooksPath=/dev/null', 'worktree', 'add', '--detach', '--quiet', dir, sha]),
        );
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
      const id = basename(dir);
      const abort = new AbortController();
      let preparation: ReturnType<typeof dependencies.prepare> | undefined;
      // Once per workspace, and only when something runs in it.
      const prepare = () => {
        preparation ??= dependencies.prepare(dir, id, abort.signal);
        return preparation;
      };
      const ready = async () => {
        const prepared = await prepare();
        return {
          commandEnv: prepared.commandEnv,
          ...(prepared.setup.failure === undefined ? {} : { failure: prepared.setup.failure }),
        };
      };
      const workspace: Workspace = {
        id,
        dir,
        revision: sha,
        storage: createFsStorage({ root: dir }),
        git: createCliGit({
          dir,
          ...(options.identity ? { identity: options.identity } : {}),
          ...(options.env ? { env: options.env } : {}),
        }),
        execution: prepareBeforeRunning(scopeExecution(baseExecution, dir), ready, id),
        prepare: async () => (await prepare()).setup,
        dispose() {
          disposed ??= (async () => {
            abort.abort(); // a setup still running is stopped, and nothing prepares afterwards
            await (await preparation)?.dispose().catch(() => undefined);
            await workspace.storage.close?.();
            await changeWorktrees(options.repoDir, async () => {
              await repo.run(['worktree', 'remove', '--force', dir]).catch(() => undefined);
              await rm(dir, { recursive: true, force: true });
              await repo.run(['worktree', 'prune']);
            });
          })();
          return disposed;
        },
      };
      return workspace;
    },
  };
}

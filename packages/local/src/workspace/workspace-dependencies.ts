import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ExecutionAdapter } from '@healing/adapters';
import { createDependencyCache, type DependencyCache } from '../dependencies/dependency-cache.js';
import { findDependencyDirs } from '../dependencies/find-dependency-dirs.js';
import {
  type CheckoutDependencies,
  type DependencyPreparation,
  prepareDependencies,
} from '../dependencies/prepare-dependencies.js';
import { createRootRewriter } from '../dependencies/root-rewriter.js';
import { describeCommand, type WorkspaceSetupCommand } from '../dependencies/run-setup.js';
import { workspaceCommandEnv } from '../dependencies/workspace-command-env.js';
import type { EnvSource } from '../execution/command-env.js';
import type { CliContext } from '../git/cli-context.js';
import { createKeyedLock } from '../storage/keyed-lock.js';

export interface WorkspaceDependenciesOptions {
  readonly repo: CliContext;
  readonly setup: WorkspaceSetupCommand | null;
  readonly cacheDir: string | undefined;
  readonly execution: ExecutionAdapter;
  readonly parentEnv: EnvSource;
}

/** What the provider shares between its workspaces: the checkout's dependencies, the cache, the install lock. */
export interface WorkspaceDependencies {
  /** Never rejects: anything that goes wrong is the answer's `setup.failure`. */
  prepare(workspaceRoot: string, workspaceId: string, signal: AbortSignal): Promise<DependencyPreparation>;
}

export function createWorkspaceDependencies(options: WorkspaceDependenciesOptions): WorkspaceDependencies {
  const { repo, parentEnv } = options;
  const lock = createKeyedLock();
  const setupFailures = new Map<string, string>();
  let checkout: Promise<CheckoutDependencies> | undefined;
  let cache: Promise<DependencyCache> | undefined;

  const findCheckout = async (): Promise<CheckoutDependencies> => {
    const root = (await repo.text(['rev-parse', '--show-toplevel'])).trim();
    const given = resolve(repo.dir);
    const spellings = [root, await realpath(root)];
    if ((await realpath(given)) === (await realpath(root))) spellings.push(given);
    return { root, roots: [...new Set(spellings)], dirs: await findDependencyDirs(root, parentEnv) };
  };
  const openCache = async (): Promise<DependencyCache> => {
    if (options.cacheDir !== undefined) return createDependencyCache({ dir: resolve(options.cacheDir) });
    const commonDir = (await repo.text(['rev-parse', '--git-common-dir'])).trim();
    return createDependencyCache({ dir: join(resolve(repo.dir, commonDir), 'heal', 'deps') });
  };

  return {
    async prepare(workspaceRoot, workspaceId, signal) {
      const started = performance.now();
      try {
        if (signal.aborted) throw new Error('the workspace was disposed');
        checkout ??= findCheckout().catch((error: unknown) => {
          checkout = undefined; // a later workspace tries again
          throw error;
        });
        return await prepareDependencies({
          checkout: await checkout,
          workspaceRoot,
          workspaceId,
          setup: options.setup,
          cache: () => {
            cache ??= openCache();
            return cache;
          },
          lock,
          setupFailures,
          execution: options.execution,
          parentEnv,
          signal,
        });
      } catch (error) {
        const command = options.setup === null ? {} : { command: describeCommand(options.setup.command) };
        return {
          setup: {
            mode: options.setup === null ? 'none' : 'installed',
            durationMs: performance.now() - started,
            ...command,
            failure: `could not prepare the dependencies of workspace ${workspaceId}: ${(error as Error).message}`,
          },
          commandEnv: workspaceCommandEnv({
            parentPath: undefined,
            toWorkspace: createRootRewriter([], workspaceRoot),
            virtualenv: null,
          }),
          dispose: async () => undefined,
        };
      }
    },
  };
}

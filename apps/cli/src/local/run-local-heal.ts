import type { HealReport } from '@healing/adapters';
import type { HealConfig, HealConfigInput } from '@healing/engine';
import type { WorkspaceSetupCommand } from '@healing/local';
import type { Reporter } from '../output/create-reporter.js';
import { openCache } from './open-cache.js';

export interface LocalHealOptions {
  readonly dir: string;
  readonly repository: string;
  readonly config: HealConfig | HealConfigInput;
  readonly cachePath: string;
  readonly reporter: Reporter;
  /** The environment the model key is read from; commands get only an allowlist of it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly revision?: string;
  readonly signal?: AbortSignal;
}

/** Heals a local checkout: git CLI, child processes, worktrees, the SQLite cache. */
export async function runLocalHeal(options: LocalHealOptions): Promise<HealReport> {
  const [{ heal, parseHealConfig }, local] = await Promise.all([
    import('@healing/engine'),
    import('@healing/local'),
  ]);
  const config = parseHealConfig(options.config);
  const log = (command: string | readonly string[], cwd: string | undefined): void =>
    options.reporter.command(command, cwd);
  const { cache, warning } = await openCache(options.cachePath);
  if (warning) options.reporter.info(warning);
  try {
    return await heal({
      git: local.createLocalGit({ dir: options.dir }),
      // Commands are logged as they really run: with the runner's report and focus flags.
      execution: local.createProcessExecution({ cwd: options.dir, onCommand: log }),
      workspaces: local.createWorktreeWorkspaces({
        repoDir: options.dir,
        execution: local.createProcessExecution({ onCommand: log }),
        // Workspaces install nothing unless their lockfiles differ from the checkout's.
        setup: setupOf(config),
      }),
      cache,
      config,
      cwd: options.dir,
      repository: options.repository,
      env: options.env,
      onEvent: (event) => options.reporter.onEvent(event),
      ...(options.revision ? { revision: options.revision } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    await cache.close();
  }
}

/** The workspace setup command of a config: none when switched off or not needed. */
function setupOf(config: HealConfig): WorkspaceSetupCommand | null {
  const { setup } = config;
  if (setup === false || setup === undefined) return null;
  return { command: setup.command, timeoutMs: setup.timeoutMs, ...(setup.env ? { env: setup.env } : {}) };
}

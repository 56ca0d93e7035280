import { createCliGit, createProcessExecution, createWorktreeWorkspaces } from '@healing/local';
import type { HealOptions } from '../../src/index.js';

/** The real local adapters over one temp repository: git CLI, child processes, worktrees. */
export function localAdapters(dir: string): Pick<HealOptions, 'git' | 'execution' | 'workspaces' | 'cwd'> {
  return {
    git: createCliGit({ dir }),
    execution: createProcessExecution({ cwd: dir }),
    workspaces: createWorktreeWorkspaces({ repoDir: dir }),
    cwd: dir,
  };
}

/** The JUnit test command every fixture repository uses. */
export const TEST_COMMAND = {
  command: ['node', 'run-tests.mjs'],
  report: { format: 'junit' as const, path: 'report.xml' },
  timeoutMs: 30_000,
};

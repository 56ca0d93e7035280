import type { ExecutionAdapter, TestRunResult, WorkspaceProvider } from '@healing/adapters';
import type { HealContext } from './heal-context.js';
import { runTestSuite } from './run-commands.js';
import { withWorkspace } from './with-workspace.js';

type Runner = Pick<HealContext, 'config' | 'metrics' | 'signal' | 'sha' | 'cwd' | 'isCheckedOut' | 'emit'> & {
  readonly execution: ExecutionAdapter;
  readonly workspaces: WorkspaceProvider;
};

/** Where a run happened: the user's checkout, or a workspace healing made. */
export type RunPlace = 'checkout' | 'workspace';

/**
 * Runs the whole suite on the failing revision: in the repository itself when that revision
 * is checked out there with a clean tree, else in a prepared workspace at it.
 */
export async function runAtFailingRevision(
  runner: Runner,
): Promise<{ readonly run: TestRunResult; readonly where: RunPlace }> {
  if (runner.isCheckedOut) {
    return {
      run: await runTestSuite(runner, runner.execution, { ...(runner.cwd ? { cwd: runner.cwd } : {}) }),
      where: 'checkout',
    };
  }
  return withWorkspace(
    runner,
    { revision: runner.sha, label: 'observe', prepare: true },
    async (workspace) => ({
      run: await runTestSuite(runner, workspace.execution),
      where: 'workspace' as const,
    }),
  );
}

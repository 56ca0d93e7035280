import type { ExecutionAdapter, TestRunResult, WorkspaceProvider } from '@healing/adapters';
import type { HealContext } from './heal-context.js';
import { runTestSuite } from './run-commands.js';

type Runner = Pick<HealContext, 'config' | 'metrics' | 'signal' | 'sha' | 'cwd' | 'isCheckedOut'> & {
  readonly execution: ExecutionAdapter;
  readonly workspaces: WorkspaceProvider;
};

/**
 * Runs the suite on the failing revision: in the repository itself when that revision is
 * checked out there, else in a workspace at it (remote backends, or an older revision).
 */
export async function runAtFailingRevision(
  runner: Runner,
  focusFiles?: readonly string[],
): Promise<TestRunResult> {
  if (runner.isCheckedOut) return runTestSuite(runner, runner.execution, runner.cwd, focusFiles);
  const workspace = await runner.workspaces.create({ revision: runner.sha, label: 'observe' });
  runner.metrics.workspaces += 1;
  try {
    return await runTestSuite(runner, workspace.execution, undefined, focusFiles);
  } finally {
    await workspace.dispose();
  }
}

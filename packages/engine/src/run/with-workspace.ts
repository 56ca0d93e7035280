import type { Workspace, WorkspaceSetup } from '@healing/adapters';
import type { HealContext } from './heal-context.js';

type WorkspaceContext = Pick<HealContext, 'workspaces' | 'metrics' | 'emit'>;

/**
 * Creates a workspace at `revision`, counts it, and disposes of it whatever `use` does. With
 * `prepare`, the project's dependencies are set up first (once) and the setup is measured and
 * reported; `use` gets the setup so it can tell a workspace that cannot run tests.
 */
export async function withWorkspace<T>(
  context: WorkspaceContext,
  options: { readonly revision: string; readonly label: string; readonly prepare: boolean },
  use: (workspace: Workspace, setup: WorkspaceSetup | null) => Promise<T>,
): Promise<T> {
  const workspace = await context.workspaces.create({ revision: options.revision, label: options.label });
  context.metrics.workspaces += 1;
  try {
    const setup = options.prepare ? await prepareWorkspace(context, workspace, options.label) : null;
    return await use(workspace, setup);
  } finally {
    await workspace.dispose();
  }
}

/** Runs the workspace's setup (a no-op where it has none) and records how long it took. */
export async function prepareWorkspace(
  context: Pick<HealContext, 'metrics' | 'emit'>,
  workspace: Workspace,
  label: string,
): Promise<WorkspaceSetup | null> {
  if (workspace.prepare === undefined) return null;
  const setup = await workspace.prepare();
  context.metrics.setupMs += setup.durationMs;
  context.metrics.setups.push({ ...setup, label, revision: workspace.revision });
  context.emit({ type: 'workspace-ready', label, revision: workspace.revision, setup });
  return setup;
}

import type { SimulatorCore } from '../context.js';
import type { RepoState } from '../state.js';
import { listWorkflowPaths, loadWorkflow } from './workflow-catalog.js';
import { branchMatches } from './workflow-file.js';

/** Starts every `on: push` workflow present at the pushed commit whose branch filter matches. */
export async function startPushRuns(
  core: SimulatorCore,
  repo: RepoState,
  branch: string,
  sha: string,
): Promise<number> {
  let started = 0;
  for (const path of await listWorkflowPaths(repo, sha)) {
    // A workflow file the simulator cannot parse starts no run, as a broken file does on GitHub.
    const workflow = await loadWorkflow(repo, sha, path, core.nextId, repo.createdAt).catch(() => null);
    const branches = workflow?.file.pushBranches;
    if (!workflow || branches === undefined || !branchMatches(branches, branch)) continue;
    core.actions.start({ repo, workflow, event: 'push', branch, sha, inputs: {} });
    started += 1;
  }
  return started;
}

import type { SimulatorCore } from '../context.js';
import type { RepoState } from '../state.js';
import { listWorkflowPaths, loadWorkflow } from './workflow-catalog.js';
import { branchMatches } from './workflow-file.js';

/** GitHub starts no push workflow for a head commit whose message holds one of these. */
const SKIP_MARKERS = ['[skip ci]', '[ci skip]', '[no ci]', '[skip actions]', '[actions skip]'];

/**
 * Starts every `on: push` workflow present at the pushed commit whose branch filter matches,
 * unless the commit's message asks to skip CI, as GitHub does.
 */
export async function startPushRuns(
  core: SimulatorCore,
  repo: RepoState,
  branch: string,
  sha: string,
): Promise<number> {
  const message = (await repo.git.readCommit(sha))?.message.toLowerCase() ?? '';
  if (SKIP_MARKERS.some((marker) => message.includes(marker))) return 0;
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

import type { GitRepository } from '../git/git-repository.js';
import { parseTreeObject } from '../git/parse-tree.js';
import type { WorkflowInfo } from '../json/actions-json.js';
import type { RepoState } from '../state.js';
import { parseWorkflowFile, type WorkflowFile } from './workflow-file.js';

export const WORKFLOW_DIR = '.github/workflows';

export interface LoadedWorkflow extends WorkflowInfo {
  readonly file: WorkflowFile;
}

async function workflowPaths(git: GitRepository, commit: string): Promise<string[]> {
  const tree = await git.readObject(`${commit}:${WORKFLOW_DIR}`);
  if (tree?.type !== 'tree') return [];
  return parseTreeObject(tree.content)
    .filter((entry) => entry.mode !== '040000' && /\.ya?ml$/.test(entry.name))
    .map((entry) => `${WORKFLOW_DIR}/${entry.name}`);
}

/** The id GitHub gives a workflow file: stable per path for the simulator's lifetime. */
export function workflowId(repo: RepoState, path: string, nextId: () => number): number {
  const known = repo.workflowIds.get(path);
  if (known !== undefined) return known;
  const id = nextId();
  repo.workflowIds.set(path, id);
  return id;
}

/** Reads and parses one workflow file at a commit; null when the file is absent. Parse errors throw. */
export async function loadWorkflow(
  repo: RepoState,
  commit: string,
  path: string,
  nextId: () => number,
  createdAt: string,
): Promise<LoadedWorkflow | null> {
  const blob = await repo.git.readObject(`${commit}:${path}`);
  if (blob?.type !== 'blob') return null;
  const file = parseWorkflowFile(path, blob.content.toString('utf8'));
  return { id: workflowId(repo, path, nextId), name: file.name, path, createdAt, file };
}

/** Workflow files present at a commit, by path (unparsed: listing must not fail on one bad file). */
export async function listWorkflowPaths(repo: RepoState, commit: string): Promise<string[]> {
  return workflowPaths(repo.git, commit);
}

/** Finds the workflow a REST `workflow_id` names: its numeric id or its file name. */
export function workflowPathFor(
  repo: RepoState,
  paths: readonly string[],
  workflowIdOrFile: string,
): string | undefined {
  if (/^\d+$/.test(workflowIdOrFile)) {
    const id = Number(workflowIdOrFile);
    return paths.find((path) => repo.workflowIds.get(path) === id);
  }
  return paths.find((path) => path === `${WORKFLOW_DIR}/${workflowIdOrFile}`);
}

import { randomUUID } from 'node:crypto';
import type {
  GitAdapter,
  StorageAdapter,
  Workspace,
  WorkspaceProvider,
  WorkspaceSetup,
} from '@healing/adapters';
import type { ActionsExecutionOptions, ActionsSetup } from '../actions/actions-options.js';
import { createActionsExecution } from '../actions/create-actions-execution.js';
import type { GitHubClient } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';
import { createGitHubGit } from '../git/create-github-git.js';
import { createGitHubStorage } from '../storage/create-github-storage.js';
import { createScratchBranch, scratchMessage } from './scratch-commits.js';

export interface BranchWorkspacesOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** Scratch branches are named `<prefix><label>-<id>` (default `heal-work/`). */
  readonly branchPrefix?: string;
  /**
   * The branch holding `.github/workflows/heal-run.yml`, where runs are dispatched (default:
   * the repository's default branch); the scratch branch is what the runner checks out.
   */
  readonly workflowRef?: string;
  /** Settings of each workspace's Actions execution (workflow, timeouts, polling). */
  readonly actions?: Omit<
    ActionsExecutionOptions,
    'octokit' | 'owner' | 'repo' | 'ref' | 'workflowRef' | 'setup'
  >;
  /**
   * The project's setup command (installing dependencies). Every Actions run is a fresh runner,
   * so it runs before each command there; `prepare()` says so (mode `per-run`).
   */
  readonly setup?: ActionsSetup | null;
  readonly newId?: () => string;
}

/**
 * Workspaces on GitHub: each is a scratch branch at the revision, with storage and git over
 * the API and commands run on Actions runners checking out that branch. Nothing is cloned;
 * dispose deletes the branch.
 */
export function createBranchWorkspaces(options: BranchWorkspacesOptions): WorkspaceProvider {
  const { octokit, owner, repo } = options;
  const prefix = options.branchPrefix ?? 'heal-work/';
  const newId = options.newId ?? (() => randomUUID().slice(0, 8));
  const setup = options.setup ?? null;
  const perRunSetup: WorkspaceSetup | null =
    setup === null
      ? null
      : {
          mode: 'per-run',
          command: typeof setup.command === 'string' ? setup.command : setup.command.join(' '),
          durationMs: 0,
        };
  let workflowRef: Promise<string> | undefined;
  const resolveWorkflowRef = (): Promise<string> => {
    workflowRef ??= options.workflowRef
      ? Promise.resolve(options.workflowRef)
      : octokit.rest.repos.get({ owner, repo }).then(
          (response) => response.data.default_branch,
          (error: unknown) => {
            throw toGitHubError(error, `reading ${owner}/${repo} to find its default branch`);
          },
        );
    return workflowRef;
  };

  return {
    name: 'github-branch',
    async create({ revision, label }) {
      const id = newId();
      const slug = (label ?? 'work')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .slice(0, 40);
      const branch = `${prefix}${slug}-${id}`;
      const repositoryGit = createGitHubGit({ octokit, owner, repo });
      const sha = await repositoryGit.headSha(revision);
      await createScratchBranch(octokit, { owner, repo }, branch, sha);
      // Without a working tree, "the workspace's changes" are the scratch branch: diffs end there.
      // Every commit made on it asks GitHub to skip the repository's push workflows.
      const git: GitAdapter = {
        ...repositoryGit,
        diff: (diffOptions) => repositoryGit.diff({ ...diffOptions, to: diffOptions.to ?? branch }),
        commitPatch: (patch, commitOptions) =>
          repositoryGit.commitPatch(patch, {
            ...commitOptions,
            message: scratchMessage(commitOptions.message),
          }),
      };
      const branchStorage = createGitHubStorage({
        octokit,
        owner,
        repo,
        branch,
        message: (operation, path) => scratchMessage(`healing: ${operation} ${path}`),
      });
      const storage: StorageAdapter = {
        ...branchStorage,
        commit: (changes, commitOptions) =>
          branchStorage.commit(changes, { ...commitOptions, message: scratchMessage(commitOptions.message) }),
      };
      let isDisposed = false;
      const workspace: Workspace = {
        id: branch,
        dir: null,
        revision: sha,
        storage,
        git,
        execution: createActionsExecution({
          ...options.actions,
          octokit,
          owner,
          repo,
          ref: branch,
          workflowRef: await resolveWorkflowRef(),
          setup,
          // What a command (a fixer) changed on the runner lands on the scratch branch, as if it pushed.
          async onChanges(patch) {
            if (patch.trim() === '') return;
            await git.commitPatch(patch, { branch, message: 'changes made by a command on the runner' });
          },
        }),
        // Nothing to install ahead: each run on a runner installs first (per-run).
        ...(perRunSetup === null ? {} : { prepare: async () => perRunSetup }),
        async dispose() {
          if (isDisposed) return;
          isDisposed = true;
          try {
            await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
          } catch (error) {
            // Already gone is what dispose wants; anything else is reported.
            const status = (error as { status?: number }).status;
            if (status === 404 || status === 422) return;
            throw toGitHubError(error, `deleting the scratch branch ${branch}`);
          }
        },
      };
      return workspace;
    },
  };
}

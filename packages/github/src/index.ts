// Public API of @healing/github: storage, git and Actions execution over the GitHub API.

export type { ActionsExecutionOptions, ActionsRunEvent, ActionsSetup } from './actions/actions-options.js';
export {
  type ActionsToolchain,
  NO_TOOLCHAIN,
  type NodePackageManager,
  type NodeToolchain,
  type PythonToolchain,
} from './actions/actions-toolchain.js';
export { createActionsExecution } from './actions/create-actions-execution.js';
export { detectActionsToolchain, type ReadText, storageText } from './actions/detect-actions-toolchain.js';
export { describeToolchain } from './actions/toolchain-steps.js';
export {
  actionsWorkflowTemplate,
  HEAL_RUN_WORKFLOW_PATH,
  installActionsWorkflow,
} from './actions/workflow-template.js';
export {
  createGitHubClient,
  type GitHubAuth,
  type GitHubClientEvent,
  type GitHubClientOptions,
} from './client/create-github-client.js';
export type { GitHubClient, RepositoryCoordinates } from './client/github-client.js';
export { toGitHubError } from './errors/github-request-error.js';
export { createGitHubGit, type GitHubGit } from './git/create-github-git.js';
export type { GitHubGitOptions } from './git/git-options.js';
export { createGitHubStorage } from './storage/create-github-storage.js';
export { readTextAt } from './storage/read-text-at.js';
export type { GitHubStorageOptions } from './storage/storage-options.js';
export {
  DEFAULT_TREE_LIMITS,
  planTreeRequests,
  type TreeLimits,
  type TreePlan,
} from './tree/plan-tree-requests.js';
export {
  type BranchWorkspacesOptions,
  createBranchWorkspaces,
} from './workspace/create-branch-workspaces.js';
export { deleteScratchBranches } from './workspace/delete-scratch-branches.js';

// Public API of @healing/local.

export { readSqliteCacheStats } from './cache/read-sqlite-cache-stats.js';
export { resetSqliteCache } from './cache/reset-sqlite-cache.js';
export { createSqliteCache, type SqliteCache, type SqliteCacheOptions } from './cache/sqlite-cache.js';
export type { SqliteCacheStats } from './cache/sqlite-cache-stats.js';
export { DEPENDENCY_FILE_NAMES, isDependencyFile } from './dependencies/dependency-files.js';
export {
  type DependencyDir,
  type DependencyDirKind,
  findDependencyDirs,
} from './dependencies/find-dependency-dirs.js';
export { NODE_MODULES_CACHE_DIRS } from './dependencies/link-node-modules.js';
export type { WorktreeWorkspaceSetup } from './dependencies/prepare-dependencies.js';
export type { WorkspaceSetupCommand } from './dependencies/run-setup.js';
export {
  buildCommandEnv,
  type CommandEnvOptions,
  DEFAULT_ALLOWED_ENV,
  type EnvSource,
} from './execution/command-env.js';
export { createProcessExecution, type ProcessExecutionOptions } from './execution/process-execution.js';
export { type CliGitOptions, createCliGit } from './git/cli-git.js';
export type { IsomorphicGitOptions } from './git/iso-git.js';
export { createIsomorphicGit } from './git/iso-worker-git.js';
export {
  createLocalGit,
  hasGitBinary,
  type LocalGitBackend,
  type LocalGitOptions,
} from './git/local-git.js';
export type { EnqueueOutcome, JobRow, JobState } from './queue/job-queue-operations.js';
export {
  createSqliteJobQueue,
  type EnqueueRequest,
  type LeasedJob,
  type SqliteJobQueue,
  type SqliteJobQueueOptions,
} from './queue/sqlite-job-queue.js';
export { createFsStorage, type FsStorageOptions } from './storage/fs-storage.js';
export {
  createWorktreeWorkspaces,
  type WorktreeWorkspacesOptions,
} from './workspace/worktree-workspaces.js';

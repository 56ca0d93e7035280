export { type AppendOptions, appendToList } from './append-to-list.js';
export { assertBranchName } from './branch-name.js';
export type {
  CacheAdapter,
  CacheCapabilities,
  CacheEntry,
  CacheSetOptions,
  CacheValue,
  JsonValue,
} from './cache.js';
export { cloneCacheValue, serializeJsonValue } from './cache-value.js';
export {
  type DetectedEnvironment,
  detectEnvironment,
  type EnvironmentKind,
  type EnvironmentVariables,
  parseRepository,
  type RepositoryName,
} from './environment.js';
export {
  ConfigError,
  ConflictError,
  HEALING_ERROR_CODES,
  HealingError,
  type HealingErrorCode,
  type HealingErrorOptions,
  isHealingError,
  PatchError,
  toHealingError,
} from './errors.js';
export type {
  CommandSpec,
  ExecutionAdapter,
  ExecutionCapabilities,
  FocusTest,
  TestCommandSpec,
} from './execution.js';
export type {
  ApplyPatchOptions,
  ApplyPatchResult,
  CommitInfo,
  CommitOptions,
  CommitPatchOptions,
  GitAdapter,
  GitCapabilities,
  GitIdentity,
  PullRequestInfo,
  PullRequestOptions,
  PushOptions,
  RevertFile,
  RevertPatch,
  StatusCode,
  StatusEntry,
  UpdateRefOptions,
} from './git.js';
export { createMemoryCache, type MemoryCacheOptions } from './memory/memory-cache.js';
export { createMemoryStorage, type MemoryStorageOptions, versionConflict } from './memory/memory-storage.js';
export { notAList } from './not-a-list.js';
export { gitBlobId } from './object-id.js';
export { redactSecrets, redactValue } from './redact.js';
export { isUnderPrefix, normalizeRepoPath } from './repo-path.js';
export type {
  StorageAdapter,
  StorageCapabilities,
  StorageCommitOptions,
  StorageCommitResult,
  StorageDeleteOptions,
  StorageEntry,
  StorageWriteOptions,
  StoredFile,
} from './storage.js';
export {
  type CommandResult,
  CommandResultSchema,
  commandSucceeded,
  RUN_PROBLEM_KINDS,
  type RunProblem,
  RunProblemSchema,
  type TestRunResult,
  TestRunResultSchema,
} from './types/command-result.js';
export {
  FILE_MODES,
  type FileChange,
  type FileChangeJson,
  FileChangeJsonSchema,
  FileChangeSchema,
  type FileDelete,
  type FileMode,
  FileModeSchema,
  type FileWrite,
  fileChangeFromJson,
  fileChangeToJson,
} from './types/file-change.js';
export {
  type Culprit,
  CulpritSchema,
  type Delivery,
  DeliverySchema,
  type DiffStat,
  DiffStatSchema,
  type EnvironmentVerdict,
  EnvironmentVerdictSchema,
  type FlakyTest,
  FlakyTestSchema,
  HEAL_OUTCOMES,
  HEAL_STRATEGIES,
  type HealAttempt,
  HealAttemptSchema,
  type HealMetrics,
  HealMetricsSchema,
  type HealOutcome,
  type HealReport,
  HealReportSchema,
  type HealStrategy,
} from './types/heal-report.js';
export {
  createTestResult,
  type FailedTest,
  FailedTestSchema,
  isGreen,
  TEST_REPORT_FORMATS,
  type TestReportFormat,
  type TestResult,
  type TestResultInput,
  TestResultSchema,
} from './types/test-result.js';
export {
  WORKSPACE_SETUP_MODES,
  type WorkspaceSetup,
  WorkspaceSetupSchema,
} from './types/workspace-setup.js';
export type { Workspace, WorkspaceProvider } from './workspace.js';

// Public API of @healing/github-sim: a GitHub REST API simulator on real git objects.
export { startGitHubSimulator } from './simulator.js';
export type {
  AppPermissions,
  ArtifactRecord,
  FaultAction,
  FaultKind,
  FaultMatch,
  FaultSpec,
  GitHubAppSpec,
  GitHubSimulator,
  GitHubSimulatorOptions,
  InstallationSpec,
  InstallationTokenRecord,
  JobRecord,
  RepositorySpec,
  RequestLogEntry,
  RunConclusion,
  RunStatus,
  StepRecord,
  WebhookDeliveryRecord,
  WorkflowRunRecord,
} from './types.js';

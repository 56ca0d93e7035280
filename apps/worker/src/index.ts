export { loadWorkerConfig, type WorkerConfig } from './config/worker-config.js';
export {
  createInstallationRegistry,
  type InstallationRegistry,
  type InstallationRegistryOptions,
} from './installations/installation-registry.js';
export { healOnGitHub } from './jobs/heal-on-github.js';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './jobs/job-runner.js';
export {
  createRunPoller,
  type PollResult,
  type RunPoller,
  type RunPollerOptions,
} from './polling/create-run-poller.js';
export { configuredTargets, installationTargets, type PollTarget } from './polling/poll-targets.js';
export { type StartWorkerOptions, startWorker, type WorkerService } from './start-worker.js';
export {
  classifyDelivery,
  type DeliveryDecision,
  type DeliveryPolicy,
  matchesBranch,
  OWN_BRANCH_PREFIXES,
} from './webhooks/classify-delivery.js';
export { type HealJob, HealJobSchema, healJobKey } from './webhooks/heal-job.js';

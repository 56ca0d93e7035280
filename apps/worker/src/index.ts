export { loadWorkerConfig, type WorkerConfig } from './config/worker-config.js';
export { healOnGitHub } from './jobs/heal-on-github.js';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './jobs/job-runner.js';
export {
  createRunPoller,
  type PollResult,
  type RunPoller,
  type RunPollerOptions,
} from './polling/create-run-poller.js';
export { type StartWorkerOptions, startWorker, type WorkerService } from './start-worker.js';
export {
  classifyDelivery,
  type DeliveryDecision,
  type DeliveryPolicy,
  matchesBranch,
} from './webhooks/classify-delivery.js';
export { type HealJob, HealJobSchema, healJobKey } from './webhooks/heal-job.js';

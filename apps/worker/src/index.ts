export { loadWorkerConfig, type WorkerConfig } from './config/worker-config.js';
export {
  classifyDelivery,
  type DeliveryDecision,
  type DeliveryPolicy,
  matchesBranch,
} from './webhooks/classify-delivery.js';
export { type HealJob, HealJobSchema, healJobKey } from './webhooks/heal-job.js';

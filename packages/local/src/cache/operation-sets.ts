import { jobQueueOperations } from '../queue/job-queue-operations.js';
import { cacheOperations } from './cache-operations.js';
import type { OperationSet } from './operation-set.js';

/** Every operation set a SQLite worker can serve, by name. */
export const operationSets: ReadonlyMap<string, OperationSet> = new Map([
  [cacheOperations.name, cacheOperations],
  [jobQueueOperations.name, jobQueueOperations],
]);

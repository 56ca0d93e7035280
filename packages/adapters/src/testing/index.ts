export { type CacheContractSubject, cacheContractCases } from './cache-contract.js';
export {
  type ContractCase,
  type ContractCaseOutcome,
  runContractCases,
  uniqueName,
  yieldToEventLoop,
} from './contract-case.js';
export { createManualClock, type ManualClock } from './manual-clock.js';
export {
  type CacheFactoryContext,
  type CacheUnderTest,
  type ContractSuiteOptions,
  testCacheAdapter,
  testStorageAdapter,
} from './register.js';
export { storageContractCases } from './storage-contract.js';

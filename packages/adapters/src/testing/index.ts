export { type CacheContractSubject, cacheContractCases } from './cache-contract.js';
export {
  type ContractCase,
  type ContractCaseOutcome,
  runContractCases,
  uniqueName,
  yieldToEventLoop,
} from './contract-case.js';
export {
  type ExecutionContractSubject,
  executionContractCases,
  isProcessAlive,
  waitUntilGone,
} from './execution-contract.js';
export {
  type GitContractSubject,
  gitContractCases,
  type RemoteAccess,
  type WorkingTreeAccess,
} from './git-contract.js';
export { createManualClock, type ManualClock } from './manual-clock.js';
export {
  type CacheFactoryContext,
  type CacheUnderTest,
  type ContractSuiteOptions,
  testCacheAdapter,
  testStorageAdapter,
} from './register.js';
export { testExecutionAdapter, testGitAdapter } from './register-git-execution.js';
export { storageContractCases } from './storage-contract.js';

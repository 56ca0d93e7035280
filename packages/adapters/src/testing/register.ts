import { afterEach, describe, it } from 'vitest';
import type { StorageAdapter } from '../storage.js';
import { type CacheContractSubject, cacheContractCases } from './cache-contract.js';
import type { ContractCase } from './contract-case.js';
import { createManualClock, type ManualClock } from './manual-clock.js';
import { storageContractCases } from './storage-contract.js';

export interface ContractSuiteOptions {
  /** Per-case timeout in milliseconds, for backends that go over HTTP or through workers. */
  readonly timeoutMs?: number;
}

/** Registers each case as one vitest test with a fresh subject, disposed after it. */
export function registerCases<TSubject>(
  title: string,
  cases: readonly ContractCase<TSubject>[],
  create: () => Promise<TSubject> | TSubject,
  dispose: (subject: TSubject) => Promise<void> | void,
  options: ContractSuiteOptions,
): void {
  describe(title, () => {
    const live: TSubject[] = [];
    afterEach(async () => {
      for (const subject of live.splice(0)) await dispose(subject);
    });
    for (const contractCase of cases) {
      it(
        contractCase.name,
        async (context) => {
          const subject = await create();
          live.push(subject);
          if (contractCase.requires && !contractCase.requires(subject)) {
            context.skip();
            return;
          }
          await contractCase.run(subject);
        },
        options.timeoutMs,
      );
    }
  });
}

/** Registers the storage contract with vitest; `create` is called once per case for a fresh adapter. */
export function testStorageAdapter(
  title: string,
  create: () => Promise<StorageAdapter> | StorageAdapter,
  options: ContractSuiteOptions = {},
): void {
  registerCases(
    `StorageAdapter contract: ${title}`,
    storageContractCases,
    create,
    (storage) => storage.close?.(),
    options,
  );
}

export interface CacheFactoryContext {
  readonly clock: ManualClock;
}

export interface CacheUnderTest {
  readonly cache: CacheContractSubject['cache'];
  readonly reopen?: CacheContractSubject['reopen'];
}

/** Registers the cache contract; the factory must make the cache read time from `clock.now`. */
export function testCacheAdapter(
  title: string,
  create: (context: CacheFactoryContext) => Promise<CacheUnderTest> | CacheUnderTest,
  options: ContractSuiteOptions = {},
): void {
  registerCases(
    `CacheAdapter contract: ${title}`,
    cacheContractCases,
    async () => {
      const clock = createManualClock();
      const { cache, reopen } = await create({ clock });
      return reopen ? { clock, cache, reopen } : { clock, cache };
    },
    (subject) => subject.cache.close(),
    options,
  );
}

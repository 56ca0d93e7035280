import { createMemoryCache, createMemoryStorage } from '@healing/adapters';
import {
  type CacheContractSubject,
  cacheContractCases,
  createManualClock,
  runContractCases,
  storageContractCases,
} from '@healing/adapters/testing';
import { describe, expect, it } from 'vitest';
import {
  createCacheDroppingWritesAtClose,
  createCacheLosingConcurrentWrites,
  createStorageIgnoringVersions,
  createStorageWithRacyCas,
} from './broken-adapters.js';

const failedNames = (outcomes: Awaited<ReturnType<typeof runContractCases>>): string[] =>
  outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.name);

describe('the storage contract can fail', () => {
  it('passes every case on the reference implementation', async () => {
    const outcomes = await runContractCases(storageContractCases, () => createMemoryStorage());
    expect(failedNames(outcomes)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 'passed').length).toBe(
      storageContractCases.length,
    );
  });

  it('catches a storage that ignores the expected version', async () => {
    const failed = failedNames(await runContractCases(storageContractCases, createStorageIgnoringVersions));
    expect(failed).toEqual(
      expect.arrayContaining([
        'compare-and-swap: a stale version is refused and nothing changes',
        'racing compare-and-swap writers: exactly one wins, the rest conflict',
        'racing creators of the same new file: exactly one wins',
        'read-modify-write with retries on conflict loses no increment',
        'a commit with one stale expected version changes nothing',
      ]),
    );
  });

  it('catches compare-and-swap that checks, yields, then writes', async () => {
    const failed = failedNames(await runContractCases(storageContractCases, createStorageWithRacyCas));
    expect(failed).toEqual(
      expect.arrayContaining([
        'racing compare-and-swap writers: exactly one wins, the rest conflict',
        'read-modify-write with retries on conflict loses no increment',
      ]),
    );
    // Sequential compare-and-swap still works, so only the racing cases catch it.
    expect(failed).not.toContain('compare-and-swap: a stale version is refused and nothing changes');
  });
});

describe('the cache contract can fail', () => {
  const subjectOf = (cache: CacheContractSubject['cache']): CacheContractSubject => ({
    cache,
    clock: createManualClock(),
  });

  it('passes every case on the reference implementation', async () => {
    const outcomes = await runContractCases(cacheContractCases, () => {
      const clock = createManualClock();
      return { cache: createMemoryCache({ now: clock.now }), clock };
    });
    expect(failedNames(outcomes)).toEqual([]);
  });

  it('catches a cache that loses concurrent writes', async () => {
    const failed = failedNames(
      await runContractCases(cacheContractCases, () => subjectOf(createCacheLosingConcurrentWrites())),
    );
    expect(failed).toEqual(
      expect.arrayContaining([
        'hundreds of concurrent sets on different keys are all kept',
        'concurrent setMany batches are all kept',
      ]),
    );
  });

  it('catches a cache that drops queued writes at close', async () => {
    const failed = failedNames(
      await runContractCases(cacheContractCases, () => {
        const { cache, reopen } = createCacheDroppingWritesAtClose();
        return { cache, reopen, clock: createManualClock() };
      }),
    );
    expect(failed).toContain('close finishes pending writes; later calls fail with CACHE_CLOSED');
  });
});

import { createMemoryCache, createTestResult, type HealReport, isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import {
  findPreviousHeal,
  readFlakyStatistics,
  readHealHistory,
  readLastGreen,
  recordFlakyCounts,
  recordHeal,
  recordLastGreen,
} from './heal-history.js';

const report = (id: string, fingerprint = 'f'.repeat(64)): HealReport => ({
  version: 1,
  id,
  repository: 'acme/app',
  sha: 'a'.repeat(40),
  branch: 'main',
  fingerprint,
  outcome: 'not-healed',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  durationMs: 1000,
  failingTests: [],
  attempts: [],
  flakyTests: [],
  before: createTestResult({ source: 'junit', passed: 1 }),
  summary: `heal ${id}`,
});

describe('heal history', () => {
  it('reads recorded heals back newest first, limited', async () => {
    const cache = createMemoryCache();
    await recordHeal(cache, report('one', '1'.repeat(64)));
    await recordHeal(cache, report('two', '2'.repeat(64)));
    await recordHeal(cache, report('three', '3'.repeat(64)));
    const all = await readHealHistory(cache, { repository: 'acme/app' });
    expect(all.map((entry) => entry.id)).toEqual(['three', 'two', 'one']);
    expect(
      (await readHealHistory(cache, { repository: 'acme/app', limit: 1 })).map((entry) => entry.id),
    ).toEqual(['three']);
    expect(await readHealHistory(cache, { repository: 'other/repo' })).toEqual([]);
  });

  it('keeps every heal of a repository recorded at the same moment', async () => {
    const cache = createMemoryCache();
    const ids = Array.from({ length: 50 }, (_, index) => `parallel-${index}`);
    await Promise.all(
      ids.map((id, index) => recordHeal(cache, report(id, index.toString(16).padStart(64, '0')))),
    );
    const history = await readHealHistory(cache, { repository: 'acme/app' });
    expect(history.map((entry) => entry.id).sort()).toEqual([...ids].sort());
  });

  it('finds the heal that answers a (sha, fingerprint), but not a history-only record', async () => {
    const cache = createMemoryCache();
    await recordHeal(cache, report('first'));
    await recordHeal(cache, report('second'), { isAnswer: false });
    const previous = await findPreviousHeal(cache, 'acme/app', 'a'.repeat(40), 'f'.repeat(64));
    expect(previous?.id).toBe('first');
    expect(await findPreviousHeal(cache, 'acme/app', 'b'.repeat(40), 'f'.repeat(64))).toBeNull();
  });

  it('adds flaky counts across heals and remembers the last green sha', async () => {
    const cache = createMemoryCache();
    await recordFlakyCounts(cache, 'acme/app', 'sha1', [{ id: 't', passes: 2, failures: 1 }]);
    await recordFlakyCounts(cache, 'acme/app', 'sha2', [{ id: 't', passes: 1, failures: 3 }]);
    expect(await readFlakyStatistics(cache, 'acme/app')).toEqual({
      t: { passes: 3, failures: 4, lastSha: 'sha2' },
    });
    expect(await readLastGreen(cache, 'acme/app')).toBeNull();
    await recordLastGreen(cache, 'acme/app', 'c'.repeat(40));
    expect(await readLastGreen(cache, 'acme/app')).toBe('c'.repeat(40));
  });

  it('counts flaky reruns of heals finishing at the same moment, and the totals of earlier releases', async () => {
    const cache = createMemoryCache();
    await cache.set('heal:flaky:acme/app', { t: { passes: 10, failures: 1, lastSha: 'old' } });
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        recordFlakyCounts(cache, 'acme/app', `sha${index}`, [{ id: 't', passes: 1, failures: 1 }]),
      ),
    );
    expect(await readFlakyStatistics(cache, 'acme/app')).toMatchObject({ t: { passes: 30, failures: 21 } });
  });

  it('names the corrupt cache entry instead of returning garbage', async () => {
    const cache = createMemoryCache();
    await cache.set('heal:index:acme/app', { not: 'a list' });
    const error = await readHealHistory(cache, { repository: 'acme/app' }).catch((caught: unknown) => caught);
    expect(isHealingError(error, 'CACHE_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain('heal:index:acme/app');
  });
});

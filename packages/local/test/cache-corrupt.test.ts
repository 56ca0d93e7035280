import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The piscina worker must be compiled JS, so these tests run the built package (turbo builds
// before it tests); the types come from the source, so type-checking needs no build.
const builtPackage = new URL('../dist/index.js', import.meta.url).href;
const { createSqliteCache, readSqliteCacheStats, resetSqliteCache } = (await import(
  builtPackage
)) as typeof import('../src/index.js');

let directory: string;
let path: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'healing-cache-corrupt-'));
  path = join(directory, 'cache.sqlite');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<HealingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HealingError) return error;
    throw error;
  }
  throw new Error('expected the cache to refuse the file');
}

async function expectResetWorks(): Promise<void> {
  const removed = await resetSqliteCache(path);
  expect(removed).toContain(path);
  await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
  const fresh = createSqliteCache({ path, threads: 1 });
  try {
    await fresh.set('after-reset', 'works');
    expect(await fresh.get('after-reset')).toBe('works');
  } finally {
    await fresh.close();
  }
}

function expectCorrupt(error: HealingError): void {
  expect(error.code).toBe('CACHE_CORRUPT');
  expect(error.message).toContain(path);
  expect(error.message).toContain('heal cache reset');
}

describe('sqlite cache on a damaged or foreign file', () => {
  it('a file of garbage is CACHE_CORRUPT naming the file, and reset fixes it', async () => {
    await writeFile(path, randomBytes(16 * 1024));
    const cache = createSqliteCache({ path, threads: 1 });
    expectCorrupt(await failure(cache.get('anything')));
    expectCorrupt(await failure(cache.set('anything', 1)));
    await cache.close();
    await expectResetWorks();
  });

  it('a truncated cache file is CACHE_CORRUPT, and reset fixes it', async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    const keys = Array.from({ length: 2000 }, (_, index) => `key:${index}`);
    await cache.setMany(keys.map((key) => ({ key, value: { key, padding: 'x'.repeat(512) } })));
    await cache.close();
    const { size } = await stat(path);
    expect(size).toBeGreaterThan(512 * 2000);
    await truncate(path, Math.floor(size / 3));
    const reopened = createSqliteCache({ path, threads: 1 });
    expectCorrupt(await failure(reopened.getMany(keys)));
    await reopened.close();
    await expectResetWorks();
  });

  it('a SQLite database of another program is refused, not changed', async () => {
    const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
    const foreign = new Database(path);
    foreign.exec("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada');");
    foreign.close();
    const cache = createSqliteCache({ path, threads: 1 });
    const error = await failure(cache.get('x'));
    expectCorrupt(error);
    expect(error.message).toContain('another program');
    await cache.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT name FROM users').pluck().all()).toEqual(['ada']);
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('an append to an unreadable entry fails alone: the writes batched with it are kept', async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    try {
      // A valid list first, so the row exists; its JSON is then damaged behind the cache's back.
      await cache.set('bad', ['first item']);
      await cache.close();
      const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
      const raw = new Database(path);
      raw.prepare("UPDATE cache_entries SET value = '[not json' WHERE key = 'bad'").run();
      raw.close();
    } finally {
      await cache.close();
    }
    const reopened = createSqliteCache({ path, threads: 1 });
    try {
      // Issued in one tick: one write transaction.
      const [other, appended, third] = await Promise.allSettled([
        reopened.set('other', 1),
        reopened.append('bad', 'x'),
        reopened.set('third', 3),
      ]);
      expect(other.status).toBe('fulfilled');
      expect(third.status).toBe('fulfilled');
      expect(appended.status).toBe('rejected');
      expectCorrupt((appended as PromiseRejectedResult).reason as HealingError);
      expect(await reopened.getMany(['other', 'third'])).toEqual([1, 3]);
    } finally {
      await reopened.close();
    }
  });

  it('reset of a missing cache removes nothing and does not fail', async () => {
    expect(await resetSqliteCache(path)).toEqual([]);
  });

  it('reset removes the -wal and -shm files beside the database', async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    await cache.set('a', 1);
    await access(`${path}-wal`);
    await cache.close();
    await writeFile(`${path}-wal`, 'left over');
    await writeFile(`${path}-shm`, 'left over');
    expect((await resetSqliteCache(path)).sort()).toEqual([path, `${path}-shm`, `${path}-wal`]);
  });
});

describe('sqlite cache stats', () => {
  it('counts live entries and measures the files on disk', async () => {
    let now = 1_000;
    const cache = createSqliteCache({ path, threads: 1, now: () => now });
    await cache.setMany([
      { key: 'a', value: 'x'.repeat(10_000) },
      { key: 'b', value: new Uint8Array(5_000) },
      { key: 'short', value: 1, ttlMs: 10 },
    ]);
    const before = await cache.stats();
    expect(before.entries).toBe(3);
    expect(before.path).toBe(path);
    expect(before.bytesOnDisk).toBe(before.files.reduce((total, file) => total + file.bytes, 0));
    expect(before.bytesOnDisk).toBeGreaterThan(15_000);
    now += 11;
    expect((await cache.stats()).entries).toBe(2);
    await cache.close();
    const offline = await readSqliteCacheStats(path);
    expect(offline.entries).toBe(1 + 1);
    expect(offline.files.map((file) => file.path)).toContain(path);
  });

  it('stats of a missing file are empty and create nothing', async () => {
    expect(await readSqliteCacheStats(path)).toEqual({ path, entries: 0, bytesOnDisk: 0, files: [] });
    await expect(access(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CacheValue } from '@healing/adapters';
import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The piscina worker must be compiled JS, so these tests run the built package (turbo builds
// before it tests); the types come from the source, so type-checking needs no build.
const builtPackage = new URL('../dist/index.js', import.meta.url).href;
const { createSqliteCache } = (await import(builtPackage)) as typeof import('../src/index.js');
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'healing-cache-behaviour-'));
  path = join(directory, 'nested', 'cache.sqlite');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function storedRows(): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM cache_entries').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('sqlite cache behaviour', () => {
  it('creates its directory, and bytes changed right after set (before the flush) are not stored', async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    const bytes = new Uint8Array([1, 2, 3]);
    const written = cache.set('bytes', bytes);
    bytes[0] = 99;
    await written;
    expect(await cache.get('bytes')).toEqual(new Uint8Array([1, 2, 3]));
    await cache.close();
  });

  it('refuses bad keys, TTLs and options with typed errors, as rejections', async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    await expect(cache.get(42 as unknown as string)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(cache.set('k', 1, { ttlMs: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(cache.set('k', 10n as unknown as CacheValue)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await cache.has('k')).toBe(false);
    await cache.close();
    await expect(cache.getMany([])).rejects.toMatchObject({ code: 'CACHE_CLOSED' });
    expect(() => createSqliteCache({ path, threads: 0 })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => createSqliteCache({ path: '' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });

  it('removes expired rows from the file as writes go on', async () => {
    let now = 0;
    const cache = createSqliteCache({ path, threads: 1, now: () => now });
    await cache.setMany(
      Array.from({ length: 500 }, (_, index) => ({ key: `old:${index}`, value: index, ttlMs: 5 })),
    );
    now = 10;
    expect(storedRows()).toBe(500);
    await Promise.all(Array.from({ length: 1100 }, (_, index) => cache.set(`new:${index}`, index)));
    await cache.close();
    expect(storedRows()).toBe(1100);
  });

  it('close checkpoints the log: only the database file is left, holding every write', async () => {
    const cache = createSqliteCache({ path, threads: 2 });
    await Promise.all(Array.from({ length: 2000 }, (_, index) => cache.set(`k${index}`, index)));
    await cache.close();
    expect((await readdir(dirname(path))).sort()).toEqual(['cache.sqlite']);
    expect(storedRows()).toBe(2000);
  });

  it("a tick's writes commit in one transaction: another connection sees none or all of them", async () => {
    const cache = createSqliteCache({ path, threads: 1 });
    await cache.set('ready', true);
    const reader = new Database(path, { readonly: true });
    const count = reader.prepare('SELECT count(*) FROM cache_entries').pluck();
    const seen = new Set<number>();
    let isDone = false;
    const writes = Promise.all(
      Array.from({ length: 500 }, (_, index) => cache.set(`tick:${index}`, index)),
    ).then(() => {
      isDone = true;
    });
    for (let polls = 0; !isDone && polls < 100_000; polls += 1) {
      seen.add(count.get() as number);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await writes;
    seen.add(count.get() as number);
    reader.close();
    await cache.close();
    expect([...seen].sort((a, b) => a - b)).toEqual(seen.size === 1 ? [501] : [1, 501]);
  });

  it('two caches in one process on one file see each other', async () => {
    const first = createSqliteCache({ path, threads: 1 });
    const second = createSqliteCache({ path, threads: 2 });
    await first.set('shared', { from: 'first' });
    expect(await second.get('shared')).toEqual({ from: 'first' });
    await second.delete('shared');
    expect(await first.has('shared')).toBe(false);
    await Promise.all([first.close(), second.close()]);
  });
});

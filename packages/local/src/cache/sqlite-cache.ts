import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import {
  type CacheAdapter,
  type CacheValue,
  ConfigError,
  HealingError,
  type JsonValue,
  notAList,
  serializeJsonValue,
} from '@healing/adapters';
import { createBatchScheduler } from './batch-scheduler.js';
import { cacheClosed, cacheFailure } from './cache-errors.js';
import { APPEND_CORRUPT, type CacheRow } from './cache-operations.js';
import { checkKey, decodeCacheValue, encodeCacheValue, expiryOf } from './encode-cache-value.js';
import type { SqliteOperation } from './protocol.js';
import { measureSqliteFiles, type SqliteCacheStats } from './sqlite-cache-stats.js';
import { createSqlitePool, type SqlitePool } from './sqlite-pool.js';

export interface SqliteCacheOptions {
  /** The database file; created (with its directory) on first use. */
  readonly path: string;
  /** Worker threads running SQLite; defaults to one per spare core, at most 4. */
  readonly threads?: number;
  /** Clock for TTL expiry, read on the caller's thread when each operation is issued. */
  readonly now?: () => number;
}

export interface SqliteCache extends CacheAdapter {
  /** Live entries and bytes on disk, for `heal cache stats`. */
  stats(): Promise<SqliteCacheStats>;
}

/** Expired rows are removed in bounded steps, every this many writes. */
const PURGE_EVERY_WRITES = 1024;
const PURGE_LIMIT = 1000;

function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

/**
 * A persistent CacheAdapter on SQLite. Every statement runs in a piscina worker; the calls
 * of one tick travel as one message per worker and their writes commit in one transaction.
 */
export function createSqliteCache(options: SqliteCacheOptions): SqliteCache {
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new ConfigError('createSqliteCache needs a file: pass { path: "/path/to/cache.sqlite" }');
  }
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new ConfigError(`threads must be a whole number from 1 to 64, got ${String(options.threads)}`);
  }
  const file = resolve(options.path);
  const now = options.now ?? Date.now;
  let pool: Promise<SqlitePool> | undefined;
  let isClosed = false;
  let writesSincePurge = 0;

  const startPool = (): Promise<SqlitePool> => {
    pool ??= mkdir(dirname(file), { recursive: true }).then(() => createSqlitePool(threads));
    return pool;
  };
  const scheduler = createBatchScheduler({
    readLanes: threads,
    toError: (failure) => cacheFailure(file, failure),
    dispatch: async (operations, isWrite) =>
      (await startPool()).run({ file, operationSet: 'cache', isWrite, operations }),
  });

  // Not async: the hot paths allocate one promise per call instead of three, which keeps
  // garbage collection pauses on the caller's thread short under load.
  const run = (operation: () => SqliteOperation, isWrite: boolean): Promise<unknown> => {
    if (isClosed) return Promise.reject(cacheClosed(file));
    let built: SqliteOperation;
    try {
      built = operation();
    } catch (error) {
      return Promise.reject(error);
    }
    if (isWrite && ++writesSincePurge >= PURGE_EVERY_WRITES) {
      writesSincePurge = 0;
      // Housekeeping rides along with the writes; its own failure would surface on them too.
      scheduler.submit({ name: 'purgeExpired', args: [now(), PURGE_LIMIT] }, true).catch(() => {});
    }
    return scheduler.submit(built, isWrite);
  };
  const row = (key: string, value: CacheValue, ttlMs: number | undefined): CacheRow => [
    checkKey(key),
    encodeCacheValue(value),
    expiryOf(now(), ttlMs),
  ];

  return {
    name: 'sqlite',
    capabilities: { persistent: true, multiProcess: true },
    get(key) {
      return run(() => ({ name: 'get', args: [checkKey(key), now()] }), false).then(decodeCacheValue);
    },
    has(key) {
      return run(() => ({ name: 'has', args: [checkKey(key), now()] }), false) as Promise<boolean>;
    },
    async getMany(keys) {
      if (keys.length === 0) {
        if (isClosed) throw cacheClosed(file);
        return [];
      }
      const stored = (await run(
        () => ({ name: 'getMany', args: [keys.map(checkKey), now()] }),
        false,
      )) as unknown[];
      return stored.map(decodeCacheValue);
    },
    set(key, value, setOptions) {
      return run(() => ({ name: 'set', args: row(key, value, setOptions?.ttlMs) }), true) as Promise<void>;
    },
    async setMany(entries) {
      const rows = entries.map((entry) => row(entry.key, entry.value, entry.ttlMs));
      await run(() => ({ name: 'setMany', args: [rows] }), true);
    },
    delete(key) {
      return run(() => ({ name: 'delete', args: [checkKey(key), now()] }), true) as Promise<boolean>;
    },
    async append(key, item, appendOptions = {}) {
      const stored = await run(
        () => ({
          name: 'append',
          args: [
            checkKey(key),
            serializeJsonValue(item),
            now(),
            appendOptions.maxLength ?? null,
            appendOptions.unique === true,
          ],
        }),
        true,
      );
      if (stored === null) throw notAList(key);
      if (stored === APPEND_CORRUPT) {
        throw new HealingError(
          'CACHE_CORRUPT',
          `cache key ${key} in ${file} holds unreadable JSON: delete the key, or run heal cache reset`,
          { details: { key } },
        );
      }
      return JSON.parse(stored as string) as JsonValue[];
    },
    async clear(prefix) {
      await run(() => ({ name: 'clear', args: [prefix === undefined ? null : checkKey(prefix)] }), true);
    },
    async stats() {
      const entries = (await run(() => ({ name: 'count', args: [now()] }), false)) as number;
      return { path: file, entries, ...(await measureSqliteFiles(file)) };
    },
    async close() {
      if (isClosed) return scheduler.drain();
      isClosed = true;
      await scheduler.drain();
      // A pool that never started (say, piscina missing) has nothing to stop.
      if (pool)
        await pool.then(
          (started) => started.close(),
          () => {},
        );
    },
  };
}

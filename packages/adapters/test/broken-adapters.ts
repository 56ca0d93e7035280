import {
  type CacheAdapter,
  type CacheValue,
  createMemoryCache,
  createMemoryStorage,
  HealingError,
  type StorageAdapter,
} from '@healing/adapters';
import { yieldToEventLoop } from '@healing/adapters/testing';

/** A storage that forgets compare-and-swap: it drops every expected version. */
export function createStorageIgnoringVersions(): StorageAdapter {
  const inner = createMemoryStorage();
  return {
    ...inner,
    name: 'broken: ignores expected versions',
    write: (path, content, options = {}) =>
      inner.write(path, content, options.mode ? { mode: options.mode } : {}),
    delete: (path) => inner.delete(path),
    commit: (changes, options) => inner.commit(changes, { message: options.message }),
  };
}

/** A storage whose writes are read-check-write with a gap, as naive file code is. */
export function createStorageWithRacyCas(): StorageAdapter {
  const inner = createMemoryStorage();
  return {
    ...inner,
    name: 'broken: racy compare-and-swap',
    async write(path, content, options = {}) {
      if (options.expectedVersion !== undefined) {
        const current = await inner.read(path);
        if ((current?.version ?? null) !== options.expectedVersion) {
          return inner.write(path, content, options);
        }
        await yieldToEventLoop();
      }
      return inner.write(path, content, options.mode ? { mode: options.mode } : {});
    },
  };
}

/**
 * A cache that snapshots its state, yields, then writes the snapshot back: concurrent
 * writers overwrite each other, the classic lost update.
 */
export function createCacheLosingConcurrentWrites(): CacheAdapter {
  let state = new Map<string, CacheValue>();
  const inner = createMemoryCache();
  return {
    ...inner,
    name: 'broken: loses concurrent writes',
    async get(key) {
      return state.get(key);
    },
    async has(key) {
      return state.has(key);
    },
    async getMany(keys) {
      return keys.map((key) => state.get(key));
    },
    async set(key, value) {
      const snapshot = new Map(state);
      await yieldToEventLoop();
      snapshot.set(key, value);
      state = snapshot;
    },
    async setMany(entries) {
      const snapshot = new Map(state);
      await yieldToEventLoop();
      for (const entry of entries) snapshot.set(entry.key, entry.value);
      state = snapshot;
    },
    async delete(key) {
      return state.delete(key);
    },
    async clear() {
      state = new Map();
    },
  };
}

/** A cache whose close() drops the writes still queued instead of finishing them. */
export function createCacheDroppingWritesAtClose(): {
  cache: CacheAdapter;
  reopen: () => Promise<CacheAdapter>;
} {
  const durable = createMemoryCache();
  let isClosed = false;
  const cache: CacheAdapter = {
    ...durable,
    name: 'broken: drops writes at close',
    async set(key, value, options) {
      await yieldToEventLoop();
      if (!isClosed) await durable.set(key, value, options);
    },
    async get(key) {
      if (isClosed) throw new HealingError('CACHE_CLOSED', 'closed');
      return durable.get(key);
    },
    async close() {
      isClosed = true;
    },
  };
  return { cache, reopen: async () => ({ ...durable, close: async () => {} }) };
}

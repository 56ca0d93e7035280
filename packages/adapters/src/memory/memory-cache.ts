import { appendToList } from '../append-to-list.js';
import type { CacheAdapter, CacheEntry, CacheValue, JsonValue } from '../cache.js';
import { cloneCacheValue } from '../cache-value.js';
import { HealingError } from '../errors.js';
import { notAList } from '../not-a-list.js';

export interface MemoryCacheOptions {
  /** Clock for TTL expiry; injected so tests never sleep. */
  readonly now?: () => number;
}

interface Slot {
  readonly value: CacheValue;
  readonly expiresAt: number | null;
}

/** The reference CacheAdapter: a Map with TTLs. Values are copied in and out, as a real store would. */
export function createMemoryCache(options: MemoryCacheOptions = {}): CacheAdapter {
  const now = options.now ?? Date.now;
  const slots = new Map<string, Slot>();
  let isClosed = false;

  const open = (): void => {
    if (isClosed) throw new HealingError('CACHE_CLOSED', 'memory cache is closed: create a new one');
  };
  const live = (key: string): Slot | undefined => {
    const slot = slots.get(key);
    if (slot && slot.expiresAt !== null && slot.expiresAt <= now()) {
      slots.delete(key);
      return undefined;
    }
    return slot;
  };
  const put = (entry: CacheEntry): void => {
    const expiresAt = entry.ttlMs === undefined ? null : now() + entry.ttlMs;
    slots.set(entry.key, { value: cloneCacheValue(entry.value), expiresAt });
  };

  return {
    name: 'memory',
    capabilities: { persistent: false, multiProcess: false },
    async get(key) {
      open();
      const slot = live(key);
      return slot ? cloneCacheValue(slot.value) : undefined;
    },
    async set(key, value, setOptions = {}) {
      open();
      put({ key, value, ...setOptions });
    },
    async delete(key) {
      open();
      const existed = live(key) !== undefined;
      slots.delete(key);
      return existed;
    },
    async has(key) {
      open();
      return live(key) !== undefined;
    },
    async clear(prefix) {
      open();
      if (prefix === undefined) slots.clear();
      else for (const key of [...slots.keys()]) if (key.startsWith(prefix)) slots.delete(key);
    },
    async getMany(keys) {
      open();
      return keys.map((key) => {
        const slot = live(key);
        return slot ? cloneCacheValue(slot.value) : undefined;
      });
    },
    async setMany(entries) {
      open();
      for (const entry of entries) put(entry);
    },
    async append(key, item, appendOptions) {
      open();
      const current = live(key)?.value ?? [];
      if (!Array.isArray(current)) throw notAList(key);
      const list = appendToList(current, item, appendOptions);
      put({ key, value: list });
      return cloneCacheValue(list) as JsonValue[];
    },
    async close() {
      isClosed = true;
    },
  };
}

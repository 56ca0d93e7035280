import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CacheAdapter, createMemoryCache, isHealingError } from '@healing/adapters';

export interface OpenedCache {
  readonly cache: CacheAdapter;
  /** Set when the SQLite cache could not load and an in-memory one stands in (history is not kept). */
  readonly warning?: string;
}

/** The SQLite cache at `path`; when better-sqlite3 is missing, a memory cache and a hint. */
export async function openCache(path: string): Promise<OpenedCache> {
  await mkdir(dirname(path), { recursive: true });
  try {
    const { createSqliteCache } = await import('@healing/local');
    const cache = createSqliteCache({ path });
    await cache.has('heal:probe');
    return { cache };
  } catch (error) {
    if (!isHealingError(error, 'DEPENDENCY_MISSING')) throw error;
    return {
      cache: createMemoryCache(),
      warning: `${error.message}; heal history is not kept in this run`,
    };
  }
}

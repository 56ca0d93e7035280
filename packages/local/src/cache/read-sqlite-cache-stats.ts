import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createSqliteCache } from './sqlite-cache.js';
import type { SqliteCacheStats } from './sqlite-cache-stats.js';

/** Stats of a cache file without keeping it open (what `heal cache stats` runs); a missing file is empty. */
export async function readSqliteCacheStats(path: string): Promise<SqliteCacheStats> {
  const file = resolve(path);
  try {
    await access(file);
  } catch {
    return { path: file, entries: 0, bytesOnDisk: 0, files: [] };
  }
  const cache = createSqliteCache({ path: file, threads: 1 });
  try {
    return await cache.stats();
  } finally {
    await cache.close();
  }
}

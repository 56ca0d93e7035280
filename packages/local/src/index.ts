// Public API of @healing/local.
export { createFsStorage, type FsStorageOptions } from './storage/fs-storage.js';
export { readSqliteCacheStats } from './cache/read-sqlite-cache-stats.js';
export { resetSqliteCache } from './cache/reset-sqlite-cache.js';
export { createSqliteCache, type SqliteCache, type SqliteCacheOptions } from './cache/sqlite-cache.js';
export type { SqliteCacheStats } from './cache/sqlite-cache-stats.js';

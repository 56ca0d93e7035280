import { HealingError } from '@healing/adapters';
import type { SqliteFailure } from './protocol.js';

export function cacheClosed(file: string): HealingError {
  return new HealingError(
    'CACHE_CLOSED',
    `the SQLite cache at ${file} is closed: create a new one with createSqliteCache`,
    {
      details: { path: file },
    },
  );
}

/** The error every operation of a failed batch gets: names the file and what to do. */
export function cacheFailure(
  file: string,
  failure: SqliteFailure | { kind: 'crashed'; error: unknown },
): HealingError {
  const details = { path: file };
  switch (failure.kind) {
    case 'corrupt':
      return new HealingError(
        'CACHE_CORRUPT',
        `the cache file ${file} is damaged or is not a healing cache (${failure.message}): run \`heal cache reset\` to remove it; cached results are rebuilt on demand`,
        { details: { ...details, sqliteCode: failure.sqliteCode } },
      );
    case 'dependency-missing':
      return new HealingError(
        'DEPENDENCY_MISSING',
        `the SQLite cache needs better-sqlite3, which could not be loaded (${failure.message}): run \`pnpm add better-sqlite3@^12\` (it compiles natively; on Node 20 keep it below 13)`,
        { details },
      );
    case 'busy':
      return new HealingError(
        'INTERNAL',
        `the cache file ${file} stayed locked by another process: stop the process holding it, or give this one its own cache file`,
        { details: { ...details, sqliteCode: failure.sqliteCode } },
      );
    case 'invalid':
      return new HealingError('INVALID_INPUT', `cache operation refused: ${failure.message}`, { details });
    case 'internal':
      return new HealingError('INTERNAL', `the SQLite cache at ${file} failed: ${failure.message}`, {
        details: { ...details, sqliteCode: failure.sqliteCode },
      });
    case 'crashed':
      // Already typed (say, DEPENDENCY_MISSING while starting the pool): keep its code.
      if (failure.error instanceof HealingError) return failure.error;
      return new HealingError('INTERNAL', `a SQLite cache worker for ${file} stopped unexpectedly`, {
        cause: failure.error,
        details,
      });
  }
}

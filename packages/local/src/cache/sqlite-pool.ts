import type { Piscina } from 'piscina';
import { loadPiscina } from './load-piscina.js';
import type { SqliteBatch, SqliteBatchResult } from './protocol.js';

export interface SqlitePool {
  run(batch: SqliteBatch): Promise<SqliteBatchResult>;
  /** Waits for running batches, then stops the workers (which closes their connections). */
  close(): Promise<void>;
}

/** The compiled worker beside this file: dist/cache/sqlite-worker.js. */
export const SQLITE_WORKER_URL = new URL('./sqlite-worker.js', import.meta.url);

/** A piscina pool of SQLite workers: every statement runs on one of them, never on the caller's thread. */
export async function createSqlitePool(threads: number): Promise<SqlitePool> {
  const PiscinaPool: typeof Piscina = await loadPiscina();
  const pool = new PiscinaPool<SqliteBatch, SqliteBatchResult>({
    filename: SQLITE_WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    // Workers keep their connections (and prepared statements) for the life of the pool.
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
  });
  return {
    run: (batch) => pool.run(batch),
    close: () => pool.close(),
  };
}

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

/**
 * piscina loads a worker's file with require() first. On Node 20 that is require(esm), which
 * aborted the whole process twice in CI (a failed V8/Node assertion while a worker loaded, most
 * likely one terminated mid-load by a closing pool). Without it, require throws ERR_REQUIRE_ESM
 * and piscina loads the file with import(), which fails safely.
 */
const WORKER_EXEC_ARGV = [
  ...process.execArgv,
  ...(process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module')
    ? ['--no-experimental-require-module']
    : []),
];

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
    execArgv: WORKER_EXEC_ARGV,
  });
  return {
    run: (batch) => pool.run(batch),
    close: () => pool.close(),
  };
}

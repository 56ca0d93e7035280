// The piscina worker: owns the SQLite connections of its thread and runs batches on them.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { operationSets } from './operation-sets.js';
import type { SqliteBatch, SqliteBatchResult } from './protocol.js';
import { openConnection, type SqliteConnection } from './sqlite-connection.js';
import { describeFailure } from './sqlite-failure.js';

const connections = new Map<string, SqliteConnection>();
let database: typeof BetterSqlite3 | undefined;

/** SQLITE_BUSY can still escape the busy timeout (e.g. during WAL recovery); retried this often. */
const BUSY_ATTEMPTS = 5;

function connectionFor(batch: SqliteBatch): SqliteConnection {
  const key = `${batch.operationSet}\0${batch.file}`;
  const existing = connections.get(key);
  if (existing) return existing;
  const operationSet = operationSets.get(batch.operationSet);
  if (!operationSet) throw new Error(`no operation set named ${batch.operationSet}`);
  database ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const connection = openConnection(database, batch.file, operationSet);
  connections.set(key, connection);
  return connection;
}

function execute(batch: SqliteBatch): unknown[] {
  const connection = connectionFor(batch);
  const runAll = (): unknown[] =>
    batch.operations.map((operation) => connection.execute(operation.name, operation.args));
  if (batch.isWrite) return connection.db.transaction(runAll).immediate();
  // Several reads share one snapshot; a single read needs no transaction.
  return batch.operations.length > 1 ? connection.db.transaction(runAll).deferred() : runAll();
}

function forget(batch: SqliteBatch): void {
  const key = `${batch.operationSet}\0${batch.file}`;
  const connection = connections.get(key);
  connections.delete(key);
  try {
    connection?.db.close();
  } catch {
    // Already unusable: the failure that got us here is what the caller sees.
  }
}

export default function runBatch(batch: SqliteBatch): SqliteBatchResult {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, results: execute(batch) };
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.kind === 'busy' && attempt < BUSY_ATTEMPTS) continue;
      if (failure.kind === 'corrupt') forget(batch);
      return { ok: false, failure };
    }
  }
}

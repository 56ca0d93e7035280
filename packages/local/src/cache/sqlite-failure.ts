import { UnknownOperationError } from './operation-set.js';
import type { SqliteFailure } from './protocol.js';
import { ForeignDatabaseError } from './sqlite-connection.js';

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_IOERR_SHORT_READ']);

/** Classifies anything thrown in a worker into a plain object that survives postMessage. */
export function describeFailure(error: unknown): SqliteFailure {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const sqliteCode = typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
  const withCode = sqliteCode === undefined ? {} : { sqliteCode };
  if (error instanceof ForeignDatabaseError) return { kind: 'corrupt', message };
  if (error instanceof UnknownOperationError) return { kind: 'invalid', message };
  if (code === 'MODULE_NOT_FOUND' || /bindings file|NODE_MODULE_VERSION|better_sqlite3\.node/.test(message)) {
    return { kind: 'dependency-missing', message };
  }
  if (sqliteCode !== undefined) {
    if ([...CORRUPT_CODES].some((corrupt) => sqliteCode.startsWith(corrupt))) {
      return { kind: 'corrupt', message, ...withCode };
    }
    if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) {
      return { kind: 'busy', message, ...withCode };
    }
  }
  return { kind: 'internal', message, ...withCode };
}

import type BetterSqlite3 from 'better-sqlite3';
import type { BoundOperations, OperationSet } from './operation-set.js';

export interface SqliteConnection {
  readonly db: BetterSqlite3.Database;
  readonly execute: BoundOperations;
}

/** The file is SQLite but not ours, or from a newer schema: refused rather than misread. */
export class ForeignDatabaseError extends Error {
  override readonly name = 'ForeignDatabaseError';
}

/** How long a connection waits on another process's lock before SQLite reports SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens a database for one operation set: WAL (readers never block the writer), a busy
 * timeout, synchronous=NORMAL (in WAL mode a process crash loses no committed transaction;
 * only a power loss can drop the last few). Creates the schema in an empty file and refuses
 * any other database.
 */
export function openConnection(
  Database: typeof BetterSqlite3,
  file: string,
  operationSet: OperationSet,
): SqliteConnection {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // The first read of the header: a file that is not SQLite fails here with SQLITE_NOTADB.
    // The id and the schema are read in one transaction, one snapshot: read apart, another
    // process creating the schema in between made a new cache look like a foreign database.
    const applicationId = db.transaction(() => {
      const id = db.pragma('application_id', { simple: true }) as number;
      // Refused before anything is set, so another program's database is left exactly as it was.
      if (id !== operationSet.applicationId) refuseForeign(db, id);
      return id;
    })();
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (applicationId !== operationSet.applicationId) {
      db.transaction(() => {
        // Checked again under the write lock: another process may have created it meanwhile.
        const current = db.pragma('application_id', { simple: true }) as number;
        if (current === operationSet.applicationId) return;
        refuseForeign(db, current);
        operationSet.migrate(db);
        db.pragma(`application_id = ${operationSet.applicationId}`);
        db.pragma(`user_version = ${operationSet.schemaVersion}`);
      }).immediate();
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > operationSet.schemaVersion) {
      throw new ForeignDatabaseError(
        `it was written by a newer release (schema ${version}, this one reads ${operationSet.schemaVersion})`,
      );
    }
    return { db, execute: operationSet.bind(db) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Only an empty file (no id, no schema) may become ours. */
function refuseForeign(db: BetterSqlite3.Database, applicationId: number): void {
  const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  if (applicationId === 0 && objects === 0) return;
  throw new ForeignDatabaseError(
    `it is a SQLite database of another program (application_id ${applicationId}, ${objects} schema objects)`,
  );
}

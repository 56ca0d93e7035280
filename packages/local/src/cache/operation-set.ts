import type { Database } from 'better-sqlite3';

/**
 * What a worker needs to serve one kind of database: how to recognise and create the
 * schema, and the named operations it offers. The cache is one; a job queue can be another.
 */
export interface OperationSetDefinition<Statements> {
  readonly name: string;
  /** Stored in SQLite's `application_id`, so a foreign database is recognised and refused. */
  readonly applicationId: number;
  /** Stored in `user_version`; a file from a newer release is refused rather than misread. */
  readonly schemaVersion: number;
  /** Creates the schema in an empty database (called inside a write transaction). */
  readonly migrate: (db: Database) => void;
  readonly prepare: (db: Database) => Statements;
  readonly operations: Readonly<
    Record<string, (statements: Statements, args: readonly unknown[]) => unknown>
  >;
}

/** An operation set bound to one open database: runs an operation by name. */
export type BoundOperations = (name: string, args: readonly unknown[]) => unknown;

export interface OperationSet {
  readonly name: string;
  readonly applicationId: number;
  readonly schemaVersion: number;
  readonly migrate: (db: Database) => void;
  readonly bind: (db: Database) => BoundOperations;
}

/** Erases the statement type, so sets with different statements share one registry. */
export function defineOperationSet<Statements>(definition: OperationSetDefinition<Statements>): OperationSet {
  return {
    name: definition.name,
    applicationId: definition.applicationId,
    schemaVersion: definition.schemaVersion,
    migrate: definition.migrate,
    bind(db) {
      const statements = definition.prepare(db);
      return (name, args) => {
        const operation = definition.operations[name];
        if (!operation) throw new UnknownOperationError(`${definition.name} has no operation ${name}`);
        return operation(statements, args);
      };
    },
  };
}

export class UnknownOperationError extends Error {
  override readonly name = 'UnknownOperationError';
}

/**
 * The message format between the main thread and the SQLite workers. It is generic: a batch
 * names an operation set (the cache today; a job queue can register its own) and carries
 * named operations that the worker runs in order, in one transaction when any of them writes.
 */
export interface SqliteOperation {
  readonly name: string;
  readonly args: readonly unknown[];
}

export interface SqliteBatch {
  /** Absolute path of the database file. */
  readonly file: string;
  /** Which registered operation set (schema plus statements) the operations belong to. */
  readonly operationSet: string;
  /** True when any operation writes: the batch then runs in one BEGIN IMMEDIATE transaction. */
  readonly isWrite: boolean;
  readonly operations: readonly SqliteOperation[];
}

export type SqliteFailureKind = 'corrupt' | 'busy' | 'dependency-missing' | 'invalid' | 'internal';

export interface SqliteFailure {
  readonly kind: SqliteFailureKind;
  readonly message: string;
  /** SQLite's extended result code, when SQLite raised it. */
  readonly sqliteCode?: string;
}

/** One result per operation, in order; a failed transaction fails all of its operations. */
export type SqliteBatchResult =
  | { readonly ok: true; readonly results: readonly unknown[] }
  | { readonly ok: false; readonly failure: SqliteFailure };

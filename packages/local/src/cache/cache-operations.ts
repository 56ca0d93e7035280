import type { JsonValue } from '@healing/adapters';
// The dependency-free subpath: this file runs in the SQLite worker threads.
import { appendToList } from '@healing/adapters/append-to-list';
import type { Statement } from 'better-sqlite3';
import { defineOperationSet } from './operation-set.js';

/** 'heal' in ASCII: marks a SQLite file as a healing cache. */
export const CACHE_APPLICATION_ID = 0x6865616c;

interface CacheStatements {
  readonly get: Statement<[string, number], unknown>;
  readonly has: Statement<[string, number], unknown>;
  readonly set: Statement<[string, unknown, number | null]>;
  readonly delete: Statement<[string], { expires_at: number | null }>;
  readonly clearAll: Statement<[]>;
  readonly clearMatching: Statement<[string]>;
  readonly countLive: Statement<[number], unknown>;
  readonly purgeExpired: Statement<[number, number]>;
}

/** A stored value as it crosses to the main thread: JSON text, bytes, or null for absent. */
export type StoredCacheValue = string | Uint8Array | null;
export type CacheRow = readonly [key: string, value: string | Uint8Array, expiresAt: number | null];

/** What `append` answers for a stored value that is not JSON at all. */
export const APPEND_CORRUPT = 'corrupt';

const isLive = (expiresAt: number | null, now: number): boolean => expiresAt === null || expiresAt > now;

// A Buffer from SQLite may be a view on a larger allocation; structured clone would copy all of it.
function exactBytes(value: unknown): StoredCacheValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const bytes = value as Uint8Array;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}

// SQLite binds Buffers as BLOBs; a Uint8Array that crossed postMessage is wrapped without a copy.
const bindable = (value: string | Uint8Array): string | Buffer =>
  typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

/** GLOB with every metacharacter bracketed, so a prefix matches literally. */
export function globPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[]/g, (character) => `[${character}]`)}*`;
}

function setRow(statements: CacheStatements, [key, value, expiresAt]: CacheRow): void {
  statements.set.run(key, bindable(value), expiresAt);
}

export const cacheOperations = defineOperationSet<CacheStatements>({
  name: 'cache',
  applicationId: CACHE_APPLICATION_ID,
  schemaVersion: 1,
  migrate(db) {
    // `value` has no declared type, so SQLite keeps TEXT (JSON) apart from BLOB (bytes).
    db.exec(`
      CREATE TABLE IF NOT EXISTS cache_entries (
        key TEXT PRIMARY KEY NOT NULL,
        value NOT NULL,
        expires_at INTEGER
      );
      CREATE INDEX IF NOT EXISTS cache_entries_expiry ON cache_entries (expires_at)
        WHERE expires_at IS NOT NULL;
    `);
  },
  prepare(db) {
    const live = '(expires_at IS NULL OR expires_at > ?)';
    return {
      get: db
        .prepare<[string, number], unknown>(`SELECT value FROM cache_entries WHERE key = ? AND ${live}`)
        .pluck(),
      has: db
        .prepare<[string, number], unknown>(`SELECT 1 FROM cache_entries WHERE key = ? AND ${live}`)
        .pluck(),
      set: db.prepare<[string, unknown, number | null]>(
        `INSERT INTO cache_entries (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      ),
      delete: db.prepare<[string], { expires_at: number | null }>(
        'DELETE FROM cache_entries WHERE key = ? RETURNING expires_at',
      ),
      clearAll: db.prepare<[]>('DELETE FROM cache_entries'),
      clearMatching: db.prepare<[string]>('DELETE FROM cache_entries WHERE key GLOB ?'),
      countLive: db.prepare<[number], unknown>(`SELECT count(*) FROM cache_entries WHERE ${live}`).pluck(),
      purgeExpired: db.prepare<[number, number]>(
        `DELETE FROM cache_entries WHERE rowid IN
           (SELECT rowid FROM cache_entries WHERE expires_at <= ? LIMIT ?)`,
      ),
    };
  },
  operations: {
    get: (statements, [key, now]) => exactBytes(statements.get.get(key as string, now as number)),
    has: (statements, [key, now]) => statements.has.get(key as string, now as number) !== undefined,
    getMany: (statements, [keys, now]) =>
      (keys as readonly string[]).map((key) => exactBytes(statements.get.get(key, now as number))),
    set: (statements, row) => setRow(statements, row as unknown as CacheRow),
    setMany: (statements, [rows]) => {
      for (const row of rows as readonly CacheRow[]) setRow(statements, row);
    },
    delete: (statements, [key, now]) => {
      const removed = statements.delete.get(key as string);
      return removed !== undefined && isLive(removed.expires_at, now as number);
    },
    clear: (statements, [prefix]) => {
      if (prefix === null) statements.clearAll.run();
      else statements.clearMatching.run(globPrefix(prefix as string));
    },
    // Read and write in the batch's immediate transaction: no other writer, in this process or
    // another, can slip between them. Nothing here may throw: that would roll back every write
    // batched with this one. Not a list: null; unreadable: 'corrupt'.
    append: (statements, [key, itemText, now, maxLength, isUnique]) => {
      const current = statements.get.get(key as string, now as number);
      let list: JsonValue[] = [];
      if (current !== undefined && current !== null) {
        if (typeof current !== 'string') return null;
        let parsed: unknown;
        try {
          parsed = JSON.parse(current);
        } catch {
          return APPEND_CORRUPT;
        }
        if (!Array.isArray(parsed)) return null;
        list = parsed as JsonValue[];
      }
      const next = appendToList(list, JSON.parse(itemText as string) as JsonValue, {
        unique: isUnique === true,
        ...(maxLength === null ? {} : { maxLength: maxLength as number }),
      });
      const text = JSON.stringify(next);
      statements.set.run(key as string, text, null);
      return text;
    },
    count: (statements, [now]) => statements.countLive.get(now as number) as number,
    purgeExpired: (statements, [now, limit]) =>
      statements.purgeExpired.run(now as number, limit as number).changes,
  },
});

import { describe, expect, it } from 'vitest';
import { ForeignDatabaseError } from './sqlite-connection.js';
import { describeFailure } from './sqlite-failure.js';

const sqliteError = (code: string): Error => Object.assign(new Error(`sqlite said ${code}`), { code });

describe('describeFailure', () => {
  it('classifies SQLite, module and foreign-file failures', () => {
    expect(describeFailure(sqliteError('SQLITE_NOTADB'))).toMatchObject({
      kind: 'corrupt',
      sqliteCode: 'SQLITE_NOTADB',
    });
    expect(describeFailure(sqliteError('SQLITE_CORRUPT_INDEX')).kind).toBe('corrupt');
    expect(describeFailure(sqliteError('SQLITE_BUSY_SNAPSHOT')).kind).toBe('busy');
    expect(describeFailure(sqliteError('SQLITE_FULL')).kind).toBe('internal');
    expect(
      describeFailure(
        Object.assign(new Error("Cannot find module 'better-sqlite3'"), { code: 'MODULE_NOT_FOUND' }),
      ).kind,
    ).toBe('dependency-missing');
    expect(describeFailure(new ForeignDatabaseError('not ours'))).toEqual({
      kind: 'corrupt',
      message: 'not ours',
    });
    expect(describeFailure('thrown text')).toEqual({ kind: 'internal', message: 'thrown text' });
  });
});

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheOperations, globPrefix } from './cache-operations.js';

const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;

function memoryCache() {
  const db = new Database(':memory:');
  cacheOperations.migrate(db);
  return cacheOperations.bind(db);
}

describe('cache operations', () => {
  it('clears a prefix literally, even with GLOB metacharacters in it', () => {
    const execute = memoryCache();
    const keys = ['a*b:1', 'a*b:2', 'aXb:1', 'a?c', 'abc', '[x]:1', 'x:1'];
    for (const key of keys) execute('set', [key, '1', null]);
    execute('clear', ['a*b:']);
    execute('clear', ['a?']);
    execute('clear', ['[x]']);
    const remaining = keys.filter((key) => execute('has', [key, 0]) === true);
    expect(remaining).toEqual(['aXb:1', 'abc', 'x:1']);
    expect(globPrefix('a[b*')).toBe('a[[]b[*]*');
  });

  it('keeps JSON text and bytes apart, and expires at the boundary', () => {
    const execute = memoryCache();
    execute('set', ['text', '"01"', null]);
    execute('set', ['bytes', new Uint8Array([48, 49]), 100]);
    expect(execute('get', ['text', 0])).toBe('"01"');
    expect(execute('get', ['bytes', 99])).toEqual(new Uint8Array([48, 49]));
    expect(execute('get', ['bytes', 100])).toBeNull();
    expect(execute('delete', ['bytes', 100])).toBe(false);
    expect(execute('count', [0])).toBe(1);
  });

  it('purges expired rows in bounded steps', () => {
    const execute = memoryCache();
    for (let index = 0; index < 10; index += 1) execute('set', [`k${index}`, '1', index < 7 ? 5 : null]);
    expect(execute('purgeExpired', [5, 4])).toBe(4);
    expect(execute('purgeExpired', [5, 4])).toBe(3);
    expect(execute('count', [0])).toBe(10 - 7);
  });

  it('refuses an unknown operation by name', () => {
    expect(() => memoryCache()('drop', [])).toThrow('cache has no operation drop');
  });
});

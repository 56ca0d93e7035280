import { HealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { cacheFailure } from './cache-errors.js';

describe('cacheFailure', () => {
  it('names the file and the fix for each kind of failure', () => {
    const corrupt = cacheFailure('/c/cache.sqlite', { kind: 'corrupt', message: 'file is not a database' });
    expect(corrupt.code).toBe('CACHE_CORRUPT');
    expect(corrupt.message).toContain('/c/cache.sqlite');
    expect(corrupt.message).toContain('heal cache reset');
    const missing = cacheFailure('/c/cache.sqlite', { kind: 'dependency-missing', message: 'no module' });
    expect(missing.code).toBe('DEPENDENCY_MISSING');
    expect(missing.message).toContain('pnpm add better-sqlite3@^12');
    expect(cacheFailure('/c/cache.sqlite', { kind: 'busy', message: 'locked' }).code).toBe('INTERNAL');
  });

  it('keeps a typed error from starting the pool, and wraps anything else a worker threw', () => {
    const typed = new HealingError('DEPENDENCY_MISSING', 'piscina is missing');
    expect(cacheFailure('/c/cache.sqlite', { kind: 'crashed', error: typed })).toBe(typed);
    const crashed = cacheFailure('/c/cache.sqlite', { kind: 'crashed', error: new Error('worker exited') });
    expect(crashed).toMatchObject({ code: 'INTERNAL', cause: expect.any(Error) });
    expect(crashed.message).toContain('/c/cache.sqlite');
  });
});

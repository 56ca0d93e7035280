import { type CacheValue, HealingError, serializeJsonValue } from '@healing/adapters';
import type { StoredCacheValue } from './cache-operations.js';

/** What crosses to the worker: JSON text or a private copy of the bytes (so later changes to the caller's array are not seen). */
export function encodeCacheValue(value: CacheValue): string | Uint8Array {
  return value instanceof Uint8Array ? value.slice() : serializeJsonValue(value);
}

export function decodeCacheValue(stored: unknown): CacheValue | undefined {
  const value = stored as StoredCacheValue;
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? (JSON.parse(value) as CacheValue) : value;
}

export function expiryOf(now: number, ttlMs: number | undefined): number | null {
  if (ttlMs === undefined) return null;
  if (typeof ttlMs !== 'number' || Number.isNaN(ttlMs) || ttlMs < 0) {
    throw new HealingError(
      'INVALID_INPUT',
      `ttlMs must be a number of milliseconds >= 0, got ${String(ttlMs)}`,
    );
  }
  return ttlMs === Number.POSITIVE_INFINITY ? null : now + ttlMs;
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string') {
    throw new HealingError(
      'INVALID_INPUT',
      `cache keys are strings, got ${typeof key}: convert the key first`,
    );
  }
  return key;
}

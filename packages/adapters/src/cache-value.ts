import type { CacheValue } from './cache.js';
import { HealingError } from './errors.js';

/** A deep copy through the same rules a persistent cache applies (JSON or bytes). */
export function cloneCacheValue(value: CacheValue): CacheValue {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  return JSON.parse(serializeJsonValue(value)) as CacheValue;
}

/** JSON text of a cache value; refuses what JSON would silently change (undefined, NaN, functions). */
export function serializeJsonValue(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'number' && !Number.isFinite(item)) throw notSerialisable(`the number ${item}`);
    if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') {
      throw notSerialisable(`a ${typeof item}`);
    }
    return item;
  });
  if (text === undefined) throw notSerialisable('undefined');
  return text;
}

function notSerialisable(what: string): HealingError {
  return new HealingError(
    'INVALID_INPUT',
    `cache values must be JSON data or bytes, got ${what}: convert it before caching`,
  );
}

import { HealingError } from './errors.js';

/** What `append` throws for a key that holds something else than a list. */
export function notAList(key: string): HealingError {
  return new HealingError(
    'INVALID_INPUT',
    `cache key ${key} holds a value that is not a list: append needs a list (delete the key or use another)`,
    { details: { key } },
  );
}

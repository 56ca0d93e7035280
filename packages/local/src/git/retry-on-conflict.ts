import { isHealingError } from '@healing/adapters';

/**
 * Retries a read-modify-write of a branch when another writer moved it in between, so
 * concurrent commits all land instead of one losing the other's work. Bounded.
 */
export async function retryOnConflict<T>(task: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= attempts || !isHealingError(error, 'VERSION_CONFLICT')) throw error;
    }
  }
}

/**
 * Runs tasks one at a time per key, in the order they asked. Hand-written because the
 * mutex libraries on npm lock one resource, and this needs one queue per file path that
 * disappears when idle (about twenty lines either way).
 */
export interface KeyedLock {
  run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<void>>();

  const acquire = async (key: string): Promise<() => void> => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release = (): void => {};
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  };

  return {
    async run(keys, task) {
      // Sorted and de-duplicated, so two multi-path commits can never wait on each other.
      const ordered = [...new Set(keys)].sort();
      const releases: Array<() => void> = [];
      try {
        for (const key of ordered) releases.push(await acquire(key));
        return await task();
      } finally {
        for (const release of releases.reverse()) release();
      }
    },
  };
}

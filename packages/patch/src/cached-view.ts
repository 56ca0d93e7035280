import type { FileView, FileViewEntry } from './types.js';

const PREFETCH_CONCURRENCY = 64;

/** Reads each path of a view at most once; the engine asks for the same paths repeatedly. */
export interface CachedView {
  read(path: string): Promise<FileViewEntry | null>;
  prefetch(paths: Iterable<string>): Promise<void>;
}

export function createCachedView(view: FileView): CachedView {
  const cache = new Map<string, Promise<FileViewEntry | null>>();
  const read = (path: string): Promise<FileViewEntry | null> => {
    let entry = cache.get(path);
    if (!entry) {
      entry = view.read(path);
      cache.set(path, entry);
    }
    return entry;
  };
  return {
    read,
    async prefetch(paths) {
      const queue = [...paths];
      const worker = async () => {
        for (let path = queue.pop(); path !== undefined; path = queue.pop()) await read(path);
      };
      await Promise.all(Array.from({ length: Math.min(PREFETCH_CONCURRENCY, queue.length) }, worker));
    },
  };
}

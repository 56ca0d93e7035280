import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parentDirectories, safePath } from '../safe-path.js';
import type { FileView, FileViewEntry } from '../types.js';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A FileView of a directory on disk (a working tree). It lstat()s every parent directory, so
 * a path beyond a symbolic link reads as missing and nothing outside `root` is ever read.
 * Each read is a few synchronous calls: for the small files patches touch, that is about
 * twice as fast as fs/promises' thread-pool round trips, and no single call blocks for long.
 */
export function createDirectoryView(root: string): FileView {
  const directories = new Map<string, boolean>();
  const isRealDirectory = (path: string): boolean => {
    let known = directories.get(path);
    if (known === undefined) {
      try {
        known = lstatSync(join(root, path), { throwIfNoEntry: false })?.isDirectory() === true;
      } catch (error) {
        if (!isMissing(error)) throw error;
        known = false;
      }
      directories.set(path, known);
    }
    return known;
  };
  return {
    async read(path: string): Promise<FileViewEntry | null> {
      const relative = safePath(path);
      if (!parentDirectories(relative).every(isRealDirectory)) return null;
      const full = join(root, relative);
      try {
        // throwIfNoEntry: patches often name files that do not exist yet; an Error is slow to build.
        const stats = lstatSync(full, { throwIfNoEntry: false });
        if (!stats) return null;
        if (stats.isSymbolicLink())
          return { content: readlinkSync(full, { encoding: 'buffer' }), mode: '120000' };
        if (!stats.isFile()) return null;
        return { content: readFileSync(full), mode: stats.mode & 0o100 ? '100755' : '100644' };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

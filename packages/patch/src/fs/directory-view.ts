import { lstat, readFile, readlink } from 'node:fs/promises';
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
 */
export function createDirectoryView(root: string): FileView {
  const directories = new Map<string, Promise<boolean>>();
  const isRealDirectory = (path: string): Promise<boolean> => {
    let known = directories.get(path);
    if (!known) {
      known = lstat(join(root, path)).then(
        (stats) => stats.isDirectory(),
        (error: unknown) => {
          if (isMissing(error)) return false;
          throw error;
        },
      );
      directories.set(path, known);
    }
    return known;
  };
  return {
    async read(path: string): Promise<FileViewEntry | null> {
      const relative = safePath(path);
      for (const directory of parentDirectories(relative)) {
        if (!(await isRealDirectory(directory))) return null;
      }
      const full = join(root, relative);
      try {
        const stats = await lstat(full);
        if (stats.isSymbolicLink())
          return { content: await readlink(full, { encoding: 'buffer' }), mode: '120000' };
        if (!stats.isFile()) return null;
        return { content: await readFile(full), mode: stats.mode & 0o100 ? '100755' : '100644' };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

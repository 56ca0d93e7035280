import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RepositoryFiles } from '@healing/engine';

/** A checkout's files as detection reads them: the working tree on disk. */
export function checkoutFiles(root: string): RepositoryFiles {
  return {
    read: (path) => readFile(join(root, path), 'utf8').catch(() => null),
    list: (directory) => readdir(join(root, directory)).catch(() => []),
  };
}

import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { FileViewEntry } from '../types.js';
import { createDirectoryView } from './directory-view.js';

/** Every file and link under a directory (skipping .git), keyed by POSIX path: input for createPatch. */
export async function readTree(root: string): Promise<Map<string, FileViewEntry>> {
  const view = createDirectoryView(root);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !path.split('/').some((segment) => segment.toLowerCase() === '.git'))
    .sort();
  const tree = new Map<string, FileViewEntry>();
  for (const path of paths) {
    const entry = await view.read(path);
    if (entry) tree.set(path, entry);
  }
  return tree;
}

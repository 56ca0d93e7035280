import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StorageEntry } from '@healing/adapters';
import { isTempName } from './atomic-write.js';
import { gitModeOf } from './file-mode.js';

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function entryFor(absolute: string, path: string): Promise<StorageEntry | null> {
  try {
    const stats = await lstat(absolute);
    if (stats.isDirectory() || !(stats.isFile() || stats.isSymbolicLink())) return null;
    // lstat's size of a link is the length of its target, which is what git stores.
    return { path, mode: gitModeOf(stats), size: stats.size };
  } catch (error) {
    if (isMissing(error)) return null; // removed while we walked
    throw error;
  }
}

async function walk(absolute: string, path: string, into: StorageEntry[]): Promise<void> {
  let children: Dirent[];
  try {
    children = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  await Promise.all(
    children.map(async (child) => {
      if (child.name === '.git' || isTempName(child.name)) return;
      const childAbsolute = join(absolute, child.name);
      const childPath = path === '' ? child.name : `${path}/${child.name}`;
      // Dirent does not follow links, so a symlinked directory is listed as a link, as git does.
      if (child.isDirectory()) return walk(childAbsolute, childPath, into);
      const entry = await entryFor(childAbsolute, childPath);
      if (entry) into.push(entry);
    }),
  );
}

/** Every file at or under `path` (empty for the root), by lstat only: contents are never read. */
export async function listFiles(absolute: string, path: string): Promise<StorageEntry[]> {
  const entries: StorageEntry[] = [];
  let isDirectory: boolean;
  try {
    isDirectory = (await lstat(absolute)).isDirectory();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  if (isDirectory) await walk(absolute, path, entries);
  else {
    const entry = await entryFor(absolute, path);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

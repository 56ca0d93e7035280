import { normalizeRepoPath } from '@healing/adapters';
import { asPatchError } from './patch-error.js';

/** The canonical repository path, or PatchError UNSAFE_PATH for "..", absolute and .git/ paths. */
export function safePath(path: string): string {
  try {
    return normalizeRepoPath(path);
  } catch (error) {
    throw asPatchError(error);
  }
}

/** "a/b/c" → ["a", "a/b"]: the directories a path lies in. */
export function parentDirectories(path: string): string[] {
  const out: string[] = [];
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    out.push(path.slice(0, slash));
  }
  return out;
}

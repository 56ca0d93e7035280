import { toFilePatches } from './patch-input.js';
import { parentDirectories, safePath } from './safe-path.js';
import type { PatchInput } from './types.js';

/**
 * Every path applyPatch may read from its view, sorted: the files the patch reads or writes
 * and the directories they lie in (checked for symbolic links). A remote view can fetch just
 * these. Throws PatchError UNSAFE_PATH for paths outside the tree.
 */
export function touchedPaths(patch: PatchInput): string[] {
  const paths = new Set<string>();
  for (const file of toFilePatches(patch)) {
    for (const name of [file.oldPath, file.newPath]) {
      if (name === null) continue;
      const path = safePath(name);
      paths.add(path);
      for (const directory of parentDirectories(path)) paths.add(directory);
    }
  }
  return [...paths].sort();
}

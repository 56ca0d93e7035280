import type { TreeReader } from './tree-reader.js';

/** Past this many paths, both trees are read whole (one request each) rather than walked. */
const PRIME_THRESHOLD = 32;

/**
 * The touched paths whose entry (blob id and mode, or absence) differs between two trees.
 * Walks only the directories on those paths; unchanged subtrees share a sha and are read once.
 */
export async function touchedPathsChanged(
  trees: TreeReader,
  beforeTree: string,
  afterTree: string,
  paths: readonly string[],
): Promise<string[]> {
  if (beforeTree === afterTree) return [];
  if (paths.length > PRIME_THRESHOLD) await Promise.all([trees.prime(beforeTree), trees.prime(afterTree)]);
  const changed = await Promise.all(
    paths.map(async (path) => {
      const [before, after] = await Promise.all([
        trees.entryAt(beforeTree, path),
        trees.entryAt(afterTree, path),
      ]);
      const same = before?.sha === after?.sha && before?.mode === after?.mode;
      return same ? null : path;
    }),
  );
  return changed.filter((path): path is string => path !== null).sort();
}

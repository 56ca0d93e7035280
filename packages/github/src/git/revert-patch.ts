import { type FileMode, HealingError, type RevertPatch } from '@healing/adapters';
import { createRevertPatch, type ThreeWayFile } from '@healing/patch';
import type { TreeReader } from '../tree/tree-reader.js';
import { changedPaths } from './tree-diff.js';
import { type BlobCache, createTreeFileView } from './tree-file-view.js';

export interface RevertTrees {
  /** The reverted commit's tree: the merge base. */
  readonly commit: string;
  /** Its first parent's tree: the side the revert goes back to. */
  readonly parent: string;
  /** The tree the revert lands on. */
  readonly onto: string;
}

const PRIME_THRESHOLD = 16;

export function noParentToRevert(sha: string): HealingError {
  return new HealingError('INVALID_INPUT', `commit ${sha} has no parent to revert to: pick a later commit`, {
    details: { sha },
  });
}

/**
 * `git revert`'s per-file merge over the API: the commit's changed paths from two recursive
 * tree reads, onto's versions of those paths through cached trees, one blob read per version.
 */
export async function githubRevertPatch(
  trees: TreeReader,
  blobs: BlobCache,
  revert: RevertTrees,
): Promise<RevertPatch> {
  const changed = await changedPaths(trees, revert.parent, revert.commit);
  // Walking costs a request per directory; past a handful, one recursive tree read is cheaper.
  if (changed.paths.length > PRIME_THRESHOLD) await trees.prime(revert.onto);
  const onto = createTreeFileView(trees, blobs, revert.onto);
  const versionIn = async (side: ReadonlyMap<string, { sha: string; mode: FileMode }>, path: string) => {
    const file = side.get(path);
    return file ? { content: await blobs.read(file.sha), mode: file.mode } : null;
  };
  const files: ThreeWayFile[] = await Promise.all(
    changed.paths.map(async (path) => {
      const [base, ours, theirs] = await Promise.all([
        versionIn(changed.after, path),
        onto.read(path),
        versionIn(changed.before, path),
      ]);
      return { path, base, ours, theirs };
    }),
  );
  return createRevertPatch(files);
}

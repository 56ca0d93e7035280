import type { RevertFile, RevertPatch } from '@healing/adapters';
import { createPatch } from '../create-patch.js';
import type { FileViewEntry } from '../types.js';
import { mergeFile, type ThreeWayFile } from './merge-file.js';

/**
 * The revert of a commit as `git revert` computes it, from the three versions of every file
 * the commit changed (base: the commit's, ours: the target's, theirs: the commit's first
 * parent's): each file merged on its own, and a git-format patch from the target to the
 * merged files that merged cleanly. Conflicting files are listed and left out of the patch.
 */
export function createRevertPatch(files: readonly ThreeWayFile[]): RevertPatch {
  const before = new Map<string, FileViewEntry>();
  const after = new Map<string, FileViewEntry>();
  const statuses: RevertFile[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const merged = mergeFile(file);
    if (merged.status === 'conflict') {
      statuses.push({ path: file.path, status: 'conflict' });
      continue;
    }
    statuses.push({ path: file.path, status: 'reverted' });
    if (file.ours) before.set(file.path, file.ours);
    if (merged.result) after.set(file.path, merged.result);
  }
  return { patch: createPatch(before, after, { detectRenames: false }), files: statuses };
}

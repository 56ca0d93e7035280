import type { FileChange } from '@healing/adapters';
import { applyPatch, createPatch } from '@healing/patch';
import type { TreeFileEntry, TreeFileView } from './file-view.js';

/** Applies a patch to a view of a tree in memory (pure): every hunk checked before anything is written. */
export async function computePatchChanges(
  patch: string,
  view: TreeFileView,
  reverse: boolean,
): Promise<FileChange[]> {
  const application = await applyPatch(patch, view, { reverse });
  return [...application.changes];
}

/** Git-format text (binary included, renames detected) between two sets of files. */
export function createGitPatch(
  before: ReadonlyMap<string, TreeFileEntry>,
  after: ReadonlyMap<string, TreeFileEntry>,
): string {
  return createPatch(before, after, { detectRenames: true });
}

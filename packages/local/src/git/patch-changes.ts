import type { FileChange } from '@healing/adapters';
import type { TreeFileEntry, TreeFileView } from './file-view.js';

// @healing/patch is loaded by name at run time until its exports are committed; then this becomes a static import.
interface PatchModule {
  applyPatch(
    patch: string,
    view: TreeFileView,
    options?: { reverse?: boolean },
  ): Promise<{ readonly changes: readonly FileChange[] }>;
  createPatch(
    before: ReadonlyMap<string, TreeFileEntry>,
    after: ReadonlyMap<string, TreeFileEntry>,
    options?: { context?: number; detectRenames?: boolean },
  ): string;
}

const loadPatch = async (): Promise<PatchModule> =>
  (await import('@healing/patch')) as unknown as PatchModule;

/** Applies a patch to a view of a tree in memory (pure): every hunk checked before anything is written. */
export async function computePatchChanges(
  patch: string,
  view: TreeFileView,
  reverse: boolean,
): Promise<FileChange[]> {
  const application = await (await loadPatch()).applyPatch(patch, view, { reverse });
  return [...application.changes];
}

/** Git-format text (binary included, renames detected) between two sets of files. */
export async function createGitPatch(
  before: ReadonlyMap<string, TreeFileEntry>,
  after: ReadonlyMap<string, TreeFileEntry>,
): Promise<string> {
  return (await loadPatch()).createPatch(before, after, { detectRenames: true });
}

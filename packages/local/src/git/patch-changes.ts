import type { FileChange } from '@healing/adapters';
import type { TreeFileView } from './file-view.js';

interface PatchModule {
  applyPatch(
    patch: string,
    view: TreeFileView,
    options?: { reverse?: boolean },
  ): Promise<{ readonly changes: readonly FileChange[] }>;
}

/** Applies a patch to a view of a tree in memory (pure): every hunk checked before anything is written. */
export async function computePatchChanges(
  patch: string,
  view: TreeFileView,
  reverse: boolean,
): Promise<FileChange[]> {
  const patchModule = (await import('@healing/patch')) as unknown as PatchModule;
  const application = await patchModule.applyPatch(patch, view, { reverse });
  return [...application.changes];
}

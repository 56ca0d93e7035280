import type { FileChange, Workspace } from '@healing/adapters';
import { applyPatch } from '@healing/patch';

export interface AppliedCandidate {
  readonly changes: readonly FileChange[];
  /** The content each touched path had before (null: it did not exist). */
  readonly previous: ReadonlyMap<string, Uint8Array | null>;
}

/**
 * Applies a candidate patch to a workspace's files: computed purely by @healing/patch over
 * the workspace's storage, then written in one storage commit. Throws PATCH_CONFLICT (or
 * another PatchError) when it does not apply; nothing is written then.
 */
export async function applyToWorkspace(workspace: Workspace, patch: string): Promise<AppliedCandidate> {
  const { storage } = workspace;
  const previous = new Map<string, Uint8Array | null>();
  const application = await applyPatch(patch, {
    async read(path) {
      const file = await storage.read(path);
      previous.set(path, file?.content ?? null);
      return file === null ? null : { content: file.content, mode: file.mode };
    },
  });
  await storage.commit(application.changes, { message: 'healing candidate' });
  return { changes: application.changes, previous };
}

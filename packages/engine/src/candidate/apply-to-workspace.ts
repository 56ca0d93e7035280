import type { FileChange, Workspace } from '@healing/adapters';
import { applyPatch } from '@healing/patch';

/**
 * Applies a candidate patch to a workspace's files: computed purely by @healing/patch over
 * the workspace's storage, then written in one storage commit. Throws PATCH_CONFLICT (or
 * another PatchError) when it does not apply; nothing is written then.
 */
export async function applyToWorkspace(workspace: Workspace, patch: string): Promise<readonly FileChange[]> {
  const { storage } = workspace;
  const application = await applyPatch(patch, {
    async read(path) {
      const file = await storage.read(path);
      return file === null ? null : { content: file.content, mode: file.mode };
    },
  });
  await storage.commit(application.changes, { message: 'healing candidate' });
  return application.changes;
}

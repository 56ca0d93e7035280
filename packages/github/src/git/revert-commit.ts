import { type GitAdapter, isHealingError } from '@healing/adapters';
import { revertConflictError } from '@healing/patch';

/**
 * Reverts as `git revert` does: revertPatch merges the commit's changes out of the branch's
 * head (or `base` for a new branch) file by file, and a revert that conflicts anywhere
 * commits nothing (PATCH_CONFLICT naming the files).
 */
export async function revertCommit(
  git: Pick<GitAdapter, 'log' | 'headSha' | 'revertPatch' | 'commitPatch'>,
  sha: string,
  options: { readonly branch: string; readonly base?: string; readonly message?: string },
): Promise<{ sha: string; patch: string }> {
  const commitSha = await git.headSha(sha);
  const onto = await git.headSha(options.branch).catch((error: unknown) => {
    if (isHealingError(error) && error.code === 'NOT_FOUND') return git.headSha(options.base ?? 'HEAD');
    throw error;
  });
  const reverted = await git.revertPatch(commitSha, { onto });
  const conflicts = reverted.files.filter((file) => file.status === 'conflict').map((file) => file.path);
  if (conflicts.length > 0) throw revertConflictError(commitSha, conflicts);
  const [info] = await git.log({ to: commitSha, limit: 1 });
  const subject = info?.message.split('\n')[0] ?? '';
  const result = await git.commitPatch(reverted.patch, {
    branch: options.branch,
    base: onto,
    message: options.message ?? `Revert "${subject}"\n\nThis reverts commit ${commitSha}.\n`,
  });
  return { sha: result.sha, patch: reverted.patch };
}

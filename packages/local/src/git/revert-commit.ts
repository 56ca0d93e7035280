import { type GitAdapter, isHealingError } from '@healing/adapters';
import { revertConflictError } from '@healing/patch';
import { revertMessage } from './git-names.js';

/**
 * Reverts as `git revert` does, through the adapter's own revertPatch and commitPatch: the
 * commit's changes are merged out of the branch's head file by file, and a revert that
 * conflicts anywhere commits nothing (PATCH_CONFLICT naming the files).
 */
export async function revertCommit(
  git: Pick<GitAdapter, 'log' | 'headSha' | 'revertPatch' | 'commitPatch'>,
  sha: string,
  options: { readonly branch: string; readonly base?: string; readonly message?: string },
): Promise<{ sha: string; patch: string }> {
  const [commit] = await git.log({ to: sha, limit: 1 });
  // The branch's head when it exists; otherwise the revision it will be created from.
  const onto = await git.headSha(options.branch).catch((error: unknown) => {
    if (isHealingError(error) && error.code === 'NOT_FOUND') return git.headSha(options.base ?? 'HEAD');
    throw error;
  });
  const reverted = await git.revertPatch(sha, { onto });
  const conflicts = reverted.files.filter((file) => file.status === 'conflict').map((file) => file.path);
  if (conflicts.length > 0) throw revertConflictError(commit?.sha ?? sha, conflicts);
  const subject = commit?.message.split('\n')[0] ?? '';
  const result = await git.commitPatch(reverted.patch, {
    branch: options.branch,
    base: onto,
    message: options.message ?? revertMessage(commit?.sha ?? sha, subject),
  });
  return { sha: result.sha, patch: reverted.patch };
}

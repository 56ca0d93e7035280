import { type GitAdapter, HealingError } from '@healing/adapters';
import { revertMessage } from './git-names.js';

/**
 * Reverts through the adapter's own diff and commitPatch: the inverse patch is the diff from
 * the commit back to its first parent, applied on the target branch.
 */
export async function revertCommit(
  git: Pick<GitAdapter, 'log' | 'diff' | 'commitPatch'>,
  sha: string,
  options: { readonly branch: string; readonly base?: string; readonly message?: string },
): Promise<{ sha: string; patch: string }> {
  const [commit] = await git.log({ to: sha, limit: 1 });
  const parent = commit?.parents[0];
  if (commit === undefined || parent === undefined) {
    throw new HealingError('INVALID_INPUT', `commit ${sha} has no parent to revert to: pick a later commit`, {
      details: { sha },
    });
  }
  const patch = await git.diff({ from: commit.sha, to: parent });
  const subject = commit.message.split('\n')[0] ?? '';
  const result = await git.commitPatch(patch, {
    branch: options.branch,
    ...(options.base === undefined ? {} : { base: options.base }),
    message: options.message ?? revertMessage(commit.sha, subject),
  });
  return { sha: result.sha, patch };
}

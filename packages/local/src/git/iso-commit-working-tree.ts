import { type GitIdentity, HealingError } from '@healing/adapters';
import type { IsoContext } from './iso-context.js';
import { isoSignature, withTrailingNewline } from './iso-signature.js';

/** `git add -A && git commit` on isomorphic-git: stages what differs from the index, then commits. */
export async function commitWorkingTree(
  context: IsoContext,
  options: { readonly message: string; readonly branch?: string },
  author: GitIdentity,
): Promise<{ sha: string }> {
  const { git, fs, dir, cache } = context;
  const current = (await git.currentBranch({ fs, dir, fullname: false })) ?? null;
  if (options.branch !== undefined && options.branch !== current) {
    throw new HealingError(
      'INVALID_INPUT',
      `the working tree is on ${current ?? 'a detached HEAD'}, not ${options.branch}: switch first or pass changes`,
    );
  }
  const rows = await git.statusMatrix({ fs, dir, cache });
  const toAdd = rows
    .filter(([, , workdir, stage]) => workdir !== 0 && stage !== (workdir === 1 ? 1 : 2))
    .map(([path]) => path);
  const toRemove = rows.filter(([, , workdir, stage]) => workdir === 0 && stage !== 0).map(([path]) => path);
  const hasChanges = rows.some(
    ([, head, workdir]) => !(head === 1 && workdir === 1) && !(head === 0 && workdir === 0),
  );
  if (!hasChanges) {
    throw new HealingError(
      'INVALID_INPUT',
      `nothing to commit in ${dir}: change a file first or pass changes`,
    );
  }
  if (toAdd.length > 0) await git.add({ fs, dir, cache, filepath: toAdd });
  for (const filepath of toRemove) await git.remove({ fs, dir, cache, filepath });
  const message = withTrailingNewline(options.message);
  const sha = await git.commit({
    fs,
    dir,
    cache,
    message,
    author: isoSignature(author),
    committer: isoSignature(author),
  });
  return { sha };
}

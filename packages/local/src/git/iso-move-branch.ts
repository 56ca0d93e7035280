import { ConflictError } from '@healing/adapters';
import type { IsoContext } from './iso-context.js';
import { branchHead } from './iso-resolve.js';
import { commitTreeOid } from './iso-tree.js';
import { diffTrees } from './iso-tree-diff.js';
import { localChangesError } from './local-changes-error.js';

/**
 * Moves a branch after checking it still points at `oldSha`. isomorphic-git has no atomic
 * compare-and-swap for refs, so this is only safe against writers in this process (the
 * adapter serialises its own writes); the CLI backend is atomic across processes. When the
 * branch is checked out, the changed files follow, refusing to overwrite local changes.
 */
export async function isoMoveBranch(
  context: IsoContext,
  branch: string,
  newSha: string,
  oldSha: string | null,
): Promise<void> {
  const { git, fs, dir, cache } = context;
  const follow = oldSha !== null && (await git.currentBranch({ fs, dir, fullname: false })) === branch;
  let paths: string[] = [];
  if (follow && oldSha !== null) {
    const [before, after] = await Promise.all([
      commitTreeOid(context, oldSha),
      commitTreeOid(context, newSha),
    ]);
    paths = (await diffTrees(context, before, after)).map((difference) => difference.path);
    if (paths.length > 0) {
      await git
        .checkout({ fs, dir, cache, ref: newSha, filepaths: paths, noUpdateHead: true, dryRun: true })
        .catch((error: unknown) => {
          throw localChangesError(dir, branch, error);
        });
    }
  }
  if ((await branchHead(context, branch)) !== oldSha) {
    throw new ConflictError(
      'VERSION_CONFLICT',
      `branch ${branch} moved while healing was updating it: read it again and retry`,
      {
        details: { branch, expected: oldSha },
      },
    );
  }
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: newSha, force: true });
  if (paths.length > 0)
    await git.checkout({ fs, dir, cache, ref: branch, filepaths: paths, noUpdateHead: true });
}

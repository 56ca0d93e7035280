import type { RevertPatch } from '@healing/adapters';
import { createRevertPatch } from '@healing/patch';
import { noParentToRevert } from './git-names.js';
import { createIsoCommitView } from './iso-commit-view.js';
import type { IsoContext } from './iso-context.js';
import { commitTreeOid } from './iso-tree.js';
import { diffTrees } from './iso-tree-diff.js';

/** `git revert`'s per-file merge onto `onto`, from the three versions of each file the commit changed. */
export async function isoRevertPatch(
  context: IsoContext,
  commit: string,
  onto: string,
): Promise<RevertPatch> {
  const { commit: parsed } = await context.git.readCommit({
    fs: context.fs,
    dir: context.dir,
    oid: commit,
    cache: context.cache,
  });
  const parent = parsed.parent[0];
  if (parent === undefined) throw noParentToRevert(commit);
  const changed = await diffTrees(context, await commitTreeOid(context, parent), parsed.tree);
  const base = createIsoCommitView(context, commit);
  const ours = createIsoCommitView(context, onto);
  const theirs = createIsoCommitView(context, parent);
  const files = [];
  for (const { path } of changed) {
    files.push({
      path,
      base: await base.read(path),
      ours: await ours.read(path),
      theirs: await theirs.read(path),
    });
  }
  return createRevertPatch(files);
}

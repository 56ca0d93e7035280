import { isUnderPrefix, normalizeRepoPath } from '@healing/adapters';
import { asFileMode, type TreeFileEntry } from './file-view.js';
import { createIsoCommitView } from './iso-commit-view.js';
import type { IsoContext } from './iso-context.js';
import { resolveCommit } from './iso-resolve.js';
import { commitTreeOid } from './iso-tree.js';
import { diffTrees } from './iso-tree-diff.js';
import { createGitPatch } from './patch-changes.js';
import { readWorkingFile } from './working-tree-files.js';

async function readBlob(context: IsoContext, oid: string, mode: string): Promise<TreeFileEntry | null> {
  const fileMode = asFileMode(mode);
  if (fileMode === null) return null;
  const { blob } = await context.git.readBlob({
    fs: context.fs,
    dir: context.dir,
    oid,
    cache: context.cache,
  });
  return { content: blob, mode: fileMode };
}

/**
 * Git-format text between two commits, or from a commit to the working tree (tracked files
 * only, like `git diff <rev>`): only the differing files are read, then @healing/patch
 * writes the patch.
 */
export async function isoDiff(
  context: IsoContext,
  options: { readonly from: string; readonly to?: string; readonly paths?: readonly string[] },
): Promise<string> {
  const from = await resolveCommit(context, options.from);
  const prefixes = (options.paths ?? []).map(normalizeRepoPath);
  const wanted = (path: string) =>
    prefixes.length === 0 || prefixes.some((prefix) => isUnderPrefix(path, prefix));
  const before = new Map<string, TreeFileEntry>();
  const after = new Map<string, TreeFileEntry>();
  const keep = (
    path: string,
    old: TreeFileEntry | null | undefined,
    next: TreeFileEntry | null | undefined,
  ) => {
    if (old) before.set(path, old);
    if (next) after.set(path, next);
  };
  if (options.to !== undefined) {
    const to = await resolveCommit(context, options.to);
    const differences = await diffTrees(
      context,
      await commitTreeOid(context, from),
      await commitTreeOid(context, to),
    );
    for (const { path, before: old, after: next } of differences.filter((entry) => wanted(entry.path))) {
      keep(
        path,
        old && (await readBlob(context, old.oid, old.mode)),
        next && (await readBlob(context, next.oid, next.mode)),
      );
    }
    return createGitPatch(before, after);
  }
  const rows = await context.git.statusMatrix({
    fs: context.fs,
    dir: context.dir,
    cache: context.cache,
    ref: from,
  });
  const view = createIsoCommitView(context, from);
  for (const [path, head, workdir, stage] of rows) {
    const differs = workdir === 2 || (head === 1 && workdir === 0);
    if (!differs || (head === 0 && stage === 0) || !wanted(path)) continue;
    keep(
      path,
      head === 1 ? await view.read(path) : null,
      workdir === 0 ? null : await readWorkingFile(context.dir, path),
    );
  }
  return createGitPatch(before, after);
}

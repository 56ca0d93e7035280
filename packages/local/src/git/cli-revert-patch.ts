import type { RevertFile, RevertPatch } from '@healing/adapters';
import type { CliContext } from './cli-context.js';
import { createScratchObjects, type ScratchObjects, type TreeEntries } from './cli-scratch-trees.js';

const only = (entries: TreeEntries, paths: readonly string[]): TreeEntries =>
  new Map(paths.flatMap((path) => (entries.has(path) ? [[path, entries.get(path) as string]] : [])));

interface GroupMerge {
  readonly conflicted: readonly string[];
  readonly merged: TreeEntries;
}

/**
 * git's merge-ort, run by `git merge-tree --write-tree` (git 2.39 has no --merge-base), on
 * three scratch trees holding only `paths`, with a scratch commit of the base as the merge
 * base of the other two. Holding only the commit's paths keeps ort from following renames
 * to files the commit never touched (2.39's ort ignores merge.renames).
 */
async function mergeGroup(
  context: CliContext,
  scratch: ScratchObjects,
  versions: { readonly base: TreeEntries; readonly ours: TreeEntries; readonly theirs: TreeEntries },
  paths: readonly string[],
): Promise<GroupMerge> {
  // One scratch index: the trees are written one after another.
  const baseTree = await scratch.writeTree(null, only(versions.base, paths));
  const oursTree = await scratch.writeTree(null, only(versions.ours, paths));
  const theirsTree = await scratch.writeTree(null, only(versions.theirs, paths));
  const baseCommit = await scratch.commitTree(baseTree, []);
  const ours = await scratch.commitTree(oursTree, [baseCommit]);
  const theirs = await scratch.commitTree(theirsTree, [baseCommit]);
  // The conflict style is pinned: diff3 style skips git's conflict refinement.
  const merge = await context.run(
    ['-c', 'merge.conflictStyle=merge', 'merge-tree', '--write-tree', '-z', '--name-only', ours, theirs],
    { env: scratch.env, okExitCodes: [1] },
  );
  // Output: the merged tree, the conflicted paths, an empty field, then messages.
  const [tree = '', ...rest] = merge.stdout.toString('utf8').split('\0');
  const end = rest.indexOf('');
  return {
    conflicted: end === -1 ? rest : rest.slice(0, end),
    merged: await scratch.entries(tree.trim(), paths),
  };
}

/**
 * The revert of `commit` onto `onto` exactly as `git revert` merges each file: git itself
 * merges, file by file. Files the commit added or changed and files it deleted merge apart,
 * so no file can be taken for a rename of another. Every object goes to a scratch object
 * directory; the repository, its index and its working tree stay as they were.
 */
export async function cliRevertPatch(
  context: CliContext,
  commit: string,
  parent: string,
  onto: string,
): Promise<RevertPatch> {
  const scratch = await createScratchObjects(context);
  try {
    const changedText = await context.text(['diff', '--name-only', '--no-renames', '-z', parent, commit], {
      env: scratch.env,
    });
    const changed = changedText
      .split('\0')
      .filter((path) => path !== '')
      .sort();
    if (changed.length === 0) return { patch: '', files: [] };
    const [base, ours, theirs] = await Promise.all(
      [commit, onto, parent].map((revision) => scratch.entries(revision, changed)),
    );
    const versions = { base: base as TreeEntries, ours: ours as TreeEntries, theirs: theirs as TreeEntries };
    const inCommit = changed.filter((path) => versions.base.has(path));
    const notInCommit = changed.filter((path) => !versions.base.has(path));
    const conflicted: string[] = [];
    const merged: TreeEntries = new Map();
    for (const group of [inCommit, notInCommit]) {
      if (group.length === 0) continue;
      const result = await mergeGroup(context, scratch, versions, group);
      conflicted.push(...result.conflicted);
      for (const [path, entry] of result.merged) merged.set(path, entry);
    }
    // A file/directory conflict is reported at the path git moved the file aside to (path~side).
    const conflicts = (path: string) =>
      conflicted.some(
        (other) => other === path || other.startsWith(`${path}~`) || other.startsWith(`${path}/`),
      );
    const files: RevertFile[] = changed.map((path) => ({
      path,
      status: conflicts(path) ? 'conflict' : 'reverted',
    }));
    const clean = files.filter((file) => file.status === 'reverted').map((file) => file.path);
    const tree = await scratch.writeTree(
      onto,
      only(merged, clean),
      clean.filter((path) => !merged.has(path)),
    );
    const patch = await context.text(
      [
        'diff',
        '--binary',
        '--no-renames',
        '--no-ext-diff',
        '--no-textconv',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        onto,
        tree,
      ],
      { env: scratch.env },
    );
    return { patch, files };
  } finally {
    await scratch.dispose();
  }
}

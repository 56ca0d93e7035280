import { type FileChange, normalizeRepoPath } from '@healing/adapters';
import { asFileMode, type TreeFileView } from './file-view.js';
import type { IsoContext } from './iso-context.js';

export interface TreeBlob {
  readonly oid: string;
  readonly mode: string;
}

/** Every file of a tree by path (submodules left out, as they are not files). */
export async function flattenTree(
  context: IsoContext,
  treeOid: string,
  prefix = '',
  into = new Map<string, TreeBlob>(),
) {
  const { git, fs, dir, cache } = context;
  const { tree } = await git.readTree({ fs, dir, oid: treeOid, cache });
  for (const entry of tree) {
    const path = prefix === '' ? entry.path : `${prefix}/${entry.path}`;
    if (entry.type === 'tree') await flattenTree(context, entry.oid, path, into);
    else if (entry.type === 'blob') into.set(path, { oid: entry.oid, mode: entry.mode });
  }
  return into;
}

export async function commitTreeOid(context: IsoContext, commitSha: string): Promise<string> {
  const { commit } = await context.git.readCommit({
    fs: context.fs,
    dir: context.dir,
    oid: commitSha,
    cache: context.cache,
  });
  return commit.tree;
}

interface PendingChange {
  readonly rest: string;
  readonly change: FileChange;
}

/** Rewrites only the directories on the changed paths; untouched subtrees keep their oids. */
async function rewriteTree(
  context: IsoContext,
  treeOid: string | null,
  changes: readonly PendingChange[],
): Promise<string | null> {
  const { git, fs, dir, cache } = context;
  const entries = new Map<string, { mode: string; oid: string; type: 'blob' | 'tree' | 'commit' }>();
  if (treeOid !== null) {
    for (const entry of (await git.readTree({ fs, dir, oid: treeOid, cache })).tree)
      entries.set(entry.path, entry);
  }
  const nested = new Map<string, PendingChange[]>();
  for (const pending of changes) {
    const slash = pending.rest.indexOf('/');
    if (slash >= 0) {
      const name = pending.rest.slice(0, slash);
      nested.set(name, [
        ...(nested.get(name) ?? []),
        { rest: pending.rest.slice(slash + 1), change: pending.change },
      ]);
    } else if (pending.change.kind === 'delete') {
      entries.delete(pending.rest);
    } else {
      const oid = await git.writeBlob({ fs, dir, blob: pending.change.content });
      entries.set(pending.rest, { mode: pending.change.mode, oid, type: 'blob' });
    }
  }
  for (const [name, group] of nested) {
    const existing = entries.get(name);
    const subtree = await rewriteTree(context, existing?.type === 'tree' ? existing.oid : null, group);
    if (subtree === null) entries.delete(name);
    else entries.set(name, { mode: '040000', oid: subtree, type: 'tree' });
  }
  if (entries.size === 0 && treeOid !== null) return null;
  const tree = [...entries].map(([path, entry]) => ({ ...entry, path }));
  return git.writeTree({ fs, dir, tree });
}

/** The tree of `baseTree` plus `changes`, written to the object store. */
export async function writeTreeWithChanges(
  context: IsoContext,
  baseTree: string | null,
  changes: readonly FileChange[],
): Promise<string> {
  const written = new Set(changes.filter((c) => c.kind === 'write').map((c) => normalizeRepoPath(c.path)));
  const pending: PendingChange[] = [];
  for (const change of changes) {
    if (change.kind === 'write' && change.renamedFrom !== undefined) {
      const oldPath = normalizeRepoPath(change.renamedFrom);
      if (!written.has(oldPath)) pending.push({ rest: oldPath, change: { kind: 'delete', path: oldPath } });
    }
    pending.push({ rest: normalizeRepoPath(change.path), change });
  }
  // Deletions first, so a file can become a directory in the same change set.
  pending.sort((a, b) => Number(a.change.kind !== 'delete') - Number(b.change.kind !== 'delete'));
  return (
    (await rewriteTree(context, baseTree, pending)) ?? (await context.git.writeTree({ ...context, tree: [] }))
  );
}

/** Reads files of one commit's tree, for @healing/patch. */
export function createIsoTreeView(context: IsoContext, files: ReadonlyMap<string, TreeBlob>): TreeFileView {
  return {
    async read(path) {
      const entry = files.get(path);
      const mode = entry === undefined ? null : asFileMode(entry.mode);
      if (entry === undefined || mode === null) return null;
      const { blob } = await context.git.readBlob({
        fs: context.fs,
        dir: context.dir,
        oid: entry.oid,
        cache: context.cache,
      });
      return { content: blob, mode };
    },
  };
}

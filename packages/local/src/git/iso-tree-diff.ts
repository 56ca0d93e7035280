import type { IsoContext } from './iso-context.js';
import { flattenTree, type TreeBlob } from './iso-tree.js';

export interface TreeDifference {
  readonly path: string;
  readonly before?: TreeBlob;
  readonly after?: TreeBlob;
}

type Entry = { mode: string; oid: string; type: string };

async function entriesOf(context: IsoContext, treeOid: string | null): Promise<Map<string, Entry>> {
  if (treeOid === null) return new Map();
  const { tree } = await context.git.readTree({
    fs: context.fs,
    dir: context.dir,
    oid: treeOid,
    cache: context.cache,
  });
  return new Map(tree.map((entry) => [entry.path, entry]));
}

async function filesUnder(
  context: IsoContext,
  entry: Entry | undefined,
  path: string,
): Promise<Map<string, TreeBlob>> {
  if (entry === undefined) return new Map();
  if (entry.type === 'tree') return flattenTree(context, entry.oid, path);
  if (entry.type === 'blob') return new Map([[path, { oid: entry.oid, mode: entry.mode }]]);
  return new Map();
}

/** Files that differ between two trees; subtrees with equal oids are skipped without reading them. */
export async function diffTrees(
  context: IsoContext,
  before: string | null,
  after: string | null,
  prefix = '',
): Promise<TreeDifference[]> {
  const [left, right] = await Promise.all([entriesOf(context, before), entriesOf(context, after)]);
  const differences: TreeDifference[] = [];
  for (const name of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(name);
    const b = right.get(name);
    if (a?.oid === b?.oid && a?.mode === b?.mode) continue;
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (a?.type === 'tree' && b?.type === 'tree') {
      differences.push(...(await diffTrees(context, a.oid, b.oid, path)));
      continue;
    }
    const [removed, added] = await Promise.all([filesUnder(context, a, path), filesUnder(context, b, path)]);
    for (const file of new Set([...removed.keys(), ...added.keys()])) {
      const beforeBlob = removed.get(file);
      const afterBlob = added.get(file);
      differences.push({
        path: file,
        ...(beforeBlob ? { before: beforeBlob } : {}),
        ...(afterBlob ? { after: afterBlob } : {}),
      });
    }
  }
  return differences.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

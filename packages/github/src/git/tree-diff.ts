import { type FileMode, isUnderPrefix } from '@healing/adapters';
import { createPatch } from '@healing/patch';
import { EMPTY_TREE, isFileEntry } from '../tree/tree-entries.js';
import type { TreeReader } from '../tree/tree-reader.js';
import type { BlobCache } from './tree-file-view.js';

interface FileAt {
  readonly sha: string;
  readonly mode: FileMode;
}

async function filesOf(trees: TreeReader, treeSha: string): Promise<Map<string, FileAt>> {
  if (treeSha === EMPTY_TREE) return new Map();
  const { entries } = await trees.listRecursive(treeSha);
  const files = new Map<string, FileAt>();
  for (const entry of entries)
    if (isFileEntry(entry)) files.set(entry.path, { sha: entry.sha, mode: entry.mode });
  return files;
}

/** Paths whose blob or mode differs between two trees (one recursive tree request each), sorted. */
export async function changedPaths(
  trees: TreeReader,
  beforeTree: string,
  afterTree: string,
  paths?: readonly string[],
): Promise<{ paths: string[]; before: Map<string, FileAt>; after: Map<string, FileAt> }> {
  if (beforeTree === afterTree) return { paths: [], before: new Map(), after: new Map() };
  const [before, after] = await Promise.all([filesOf(trees, beforeTree), filesOf(trees, afterTree)]);
  const wanted = (path: string): boolean =>
    paths === undefined || paths.some((prefix) => isUnderPrefix(path, prefix));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((path) => {
    if (!wanted(path)) return false;
    const a = before.get(path);
    const b = after.get(path);
    return a?.sha !== b?.sha || a?.mode !== b?.mode;
  });
  return { paths: changed.sort(), before, after };
}

/** Git-format text from one tree to another, binaries included, built from the changed blobs only. */
export async function diffTrees(
  trees: TreeReader,
  blobs: BlobCache,
  beforeTree: string,
  afterTree: string,
  paths?: readonly string[],
): Promise<string> {
  const changed = await changedPaths(trees, beforeTree, afterTree, paths);
  const load = async (side: Map<string, FileAt>) => {
    const files = new Map<string, { content: Uint8Array; mode: FileMode }>();
    await Promise.all(
      changed.paths.map(async (path) => {
        const file = side.get(path);
        if (file) files.set(path, { content: await blobs.read(file.sha), mode: file.mode });
      }),
    );
    return files;
  };
  const [before, after] = await Promise.all([load(changed.before), load(changed.after)]);
  return createPatch(before, after, { detectRenames: true });
}

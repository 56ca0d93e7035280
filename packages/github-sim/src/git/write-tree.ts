import type { TreeChange } from './git-repository.js';
import type { LineProcess } from './line-process.js';
import type { ObjectReader } from './object-reader.js';
import { parseTreeObject } from './parse-tree.js';

export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

interface Leaf {
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
}

/** Changes under one directory: a name maps to a new entry, a deletion, or changes one level down. */
interface DirectoryChanges {
  /** The tree this directory starts from when a change replaced it with a whole tree. */
  base: string | null | undefined;
  /** A file set earlier in the batch at this path; it stays if the changes below leave nothing. */
  readonly replaces?: Leaf;
  readonly entries: Map<string, Leaf | null | DirectoryChanges>;
}

function isDirectory(value: Leaf | null | DirectoryChanges | undefined): value is DirectoryChanges {
  return value !== null && value !== undefined && 'entries' in value;
}

/** Later changes win, as with `git update-index --replace`: a file can replace a directory and back. */
function planChanges(changes: readonly TreeChange[]): DirectoryChanges {
  const root: DirectoryChanges = { base: undefined, entries: new Map() };
  for (const change of changes) {
    const parts = change.path.split('/');
    const name = parts.pop() ?? '';
    let directory = root;
    for (const part of parts) {
      const existing = directory.entries.get(part);
      if (isDirectory(existing)) {
        directory = existing;
        continue;
      }
      // A tree set earlier in this batch becomes the base of the directory; a file or deletion is replaced.
      const base =
        existing && existing.type === 'tree' ? existing.sha : existing === undefined ? undefined : null;
      const next: DirectoryChanges =
        existing && existing.type !== 'tree'
          ? { base, replaces: existing, entries: new Map() }
          : { base, entries: new Map() };
      directory.entries.set(part, next);
      directory = next;
    }
    directory.entries.set(
      name,
      change.sha === null ? null : { mode: change.mode, type: change.type, sha: change.sha },
    );
  }
  return root;
}

/**
 * Applies changes to a tree and writes every new tree with `git mktree` (which sorts entries the
 * way git does), reading the base trees through cat-file. Directories left empty disappear, as
 * they do in git. Returns the new root tree id.
 */
export async function writeTreeChanges(
  reader: ObjectReader,
  mktree: LineProcess,
  baseTree: string | null,
  changes: readonly TreeChange[],
): Promise<string> {
  async function write(directory: DirectoryChanges, base: string | null): Promise<string | null> {
    const entries = new Map<string, Leaf>();
    const start = directory.base === undefined ? base : directory.base;
    if (start !== null) {
      const object = await reader.read(start);
      for (const entry of object?.type === 'tree' ? parseTreeObject(object.content) : []) {
        const type = entry.mode === '040000' ? 'tree' : entry.mode === '160000' ? 'commit' : 'blob';
        entries.set(entry.name, { mode: entry.mode, type, sha: entry.sha });
      }
    }
    for (const [name, change] of directory.entries) {
      if (change === null) {
        entries.delete(name);
      } else if (isDirectory(change)) {
        const existing = entries.get(name);
        const sha = await write(change, existing?.type === 'tree' ? existing.sha : null);
        // Changes below a file that leave nothing (deleting a path that never existed) keep the file.
        const kept = change.replaces ?? (existing?.type === 'tree' ? undefined : existing);
        if (sha !== null) entries.set(name, { mode: '040000', type: 'tree', sha });
        else if (kept) entries.set(name, kept);
        else entries.delete(name);
      } else if (change.type === 'tree' && change.sha === EMPTY_TREE) {
        entries.delete(name);
      } else {
        entries.set(name, change);
      }
    }
    if (entries.size === 0) return null;
    const lines = [...entries].map(([name, entry]) => `${entry.mode} ${entry.type} ${entry.sha}\t${name}\n`);
    return mktree.request(`${lines.join('')}\n`);
  }
  return (await write(planChanges(changes), baseTree)) ?? EMPTY_TREE;
}

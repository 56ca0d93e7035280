import { gitBlobId } from '@healing/adapters';
import { splitLines } from './apply-hunks.js';
import { isBinaryContent } from './bytes.js';
import { isSymlinkMode } from './file-modes.js';
import type { FileViewEntry } from './types.js';

type Tree = ReadonlyMap<string, FileViewEntry>;

export interface Rename {
  readonly source: string;
  /** Percent of content kept, as git's "similarity index". */
  readonly similarity: number;
}

/** git's default -M threshold. */
const MIN_SIMILARITY = 50;
/** Like git's diff.renameLimit: past this many pairs, only exact renames are looked for. */
const MAX_PAIRS = 10_000;

interface LineProfile {
  readonly size: number;
  /** How often each line (as latin1 text, ending included) occurs. */
  readonly counts: Map<string, number>;
  readonly lines: readonly string[];
}

function profile(content: Uint8Array): LineProfile {
  const lines = splitLines(content).map((line) => line.toString('latin1'));
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return { size: content.length, counts, lines };
}

/** Share of bytes in whole lines two files have in common, against the larger file. */
function similarityOf(a: LineProfile, b: LineProfile): number {
  const larger = Math.max(a.size, b.size);
  if (larger === 0) return 100;
  const used = new Map<string, number>();
  let common = 0;
  for (const line of b.lines) {
    const taken = used.get(line) ?? 0;
    if (taken >= (a.counts.get(line) ?? 0)) continue;
    used.set(line, taken + 1);
    common += line.length;
  }
  return Math.floor((common * 100) / larger);
}

function isCandidate(entry: FileViewEntry): boolean {
  return entry.content.length > 0 && !isBinaryContent(entry.content);
}

/**
 * Pairs added files with deleted ones: identical content first (100%), then, for text, the
 * most similar remaining pair at or above 50%, best first, as `git diff -M` reports them.
 */
export function findRenames(before: Tree, after: Tree, deleted: readonly string[], added: readonly string[]) {
  const renames = new Map<string, Rename>();
  const bySource = new Map<string, string[]>();
  for (const path of deleted) {
    const entry = before.get(path) as FileViewEntry;
    const key = `${isSymlinkMode(entry.mode)}:${gitBlobId(entry.content)}`;
    const group = bySource.get(key);
    if (group) group.push(path);
    else bySource.set(key, [path]);
  }
  const taken = new Map<string, number>();
  const used = new Set<string>();
  for (const path of added) {
    const entry = after.get(path) as FileViewEntry;
    const key = `${isSymlinkMode(entry.mode)}:${gitBlobId(entry.content)}`;
    const next = taken.get(key) ?? 0;
    const source = bySource.get(key)?.[next];
    if (source === undefined) continue;
    taken.set(key, next + 1);
    renames.set(path, { source, similarity: 100 });
    used.add(source);
  }
  const sources = deleted.filter((path) => !used.has(path) && isCandidate(before.get(path) as FileViewEntry));
  const targets = added.filter((path) => !renames.has(path) && isCandidate(after.get(path) as FileViewEntry));
  if (sources.length * targets.length > MAX_PAIRS) return renames;
  const pairs: Array<{ source: string; target: string; similarity: number }> = [];
  const profiles = new Map<string, LineProfile>();
  const profileOf = (tree: Tree, path: string, side: string) => {
    const key = `${side}:${path}`;
    let found = profiles.get(key);
    if (!found) {
      found = profile((tree.get(path) as FileViewEntry).content);
      profiles.set(key, found);
    }
    return found;
  };
  for (const target of targets) {
    const next = after.get(target) as FileViewEntry;
    for (const source of sources) {
      const old = before.get(source) as FileViewEntry;
      if (isSymlinkMode(old.mode) || isSymlinkMode(next.mode)) continue;
      const small = Math.min(old.content.length, next.content.length);
      const large = Math.max(old.content.length, next.content.length);
      if (small * 100 < large * MIN_SIMILARITY) continue; // cannot reach the threshold
      const similarity = similarityOf(profileOf(before, source, 'old'), profileOf(after, target, 'new'));
      if (similarity >= MIN_SIMILARITY) pairs.push({ source, target, similarity });
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity || (x.target < y.target ? -1 : 1));
  for (const { source, target, similarity } of pairs) {
    if (used.has(source) || renames.has(target)) continue;
    renames.set(target, { source, similarity });
    used.add(source);
  }
  return renames;
}

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

/** Share of bytes in whole lines the two files have in common, against the larger file. */
export function lineSimilarity(a: Uint8Array, b: Uint8Array): number {
  const larger = Math.max(a.length, b.length);
  if (larger === 0) return 100;
  const available = new Map<string, number>();
  for (const line of splitLines(a)) {
    const key = line.toString('latin1');
    available.set(key, (available.get(key) ?? 0) + 1);
  }
  let common = 0;
  for (const line of splitLines(b)) {
    const key = line.toString('latin1');
    const left = available.get(key) ?? 0;
    if (left === 0) continue;
    available.set(key, left - 1);
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
    bySource.set(key, [...(bySource.get(key) ?? []), path]);
  }
  const used = new Set<string>();
  for (const path of added) {
    const entry = after.get(path) as FileViewEntry;
    const source = bySource.get(`${isSymlinkMode(entry.mode)}:${gitBlobId(entry.content)}`)?.shift();
    if (source === undefined) continue;
    renames.set(path, { source, similarity: 100 });
    used.add(source);
  }
  const sources = deleted.filter((path) => !used.has(path) && isCandidate(before.get(path) as FileViewEntry));
  const targets = added.filter((path) => !renames.has(path) && isCandidate(after.get(path) as FileViewEntry));
  if (sources.length * targets.length > MAX_PAIRS) return renames;
  const pairs: Array<{ source: string; target: string; similarity: number }> = [];
  for (const target of targets) {
    const next = after.get(target) as FileViewEntry;
    for (const source of sources) {
      const old = before.get(source) as FileViewEntry;
      if (isSymlinkMode(old.mode) || isSymlinkMode(next.mode)) continue;
      const [small, large] = [old.content.length, next.content.length].sort((x, y) => x - y) as [
        number,
        number,
      ];
      if (small * 100 < large * MIN_SIMILARITY) continue; // cannot reach the threshold
      const similarity = lineSimilarity(old.content, next.content);
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

import { asBuffer, isBinaryContent } from '../bytes.js';
import type { FileViewEntry } from '../types.js';
import { mergeLines } from './merge-lines.js';

/** One path in its three versions; null where the file does not exist. */
export interface ThreeWayFile {
  readonly path: string;
  readonly base: FileViewEntry | null;
  readonly ours: FileViewEntry | null;
  readonly theirs: FileViewEntry | null;
}

export type MergedFile =
  | { readonly path: string; readonly status: 'merged'; readonly result: FileViewEntry | null }
  | { readonly path: string; readonly status: 'conflict' };

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => asBuffer(a).equals(b);
const sameVersion = (a: FileViewEntry | null, b: FileViewEntry | null): boolean =>
  a === null || b === null ? a === b : a.mode === b.mode && sameBytes(a.content, b.content);
const typeOf = (mode: string): string => mode.slice(0, 2);
const REGULAR = '10';

/**
 * Merges one path as git's merge-ort does (`process_entry` and `handle_content_merge`):
 * a side equal to the base yields the other side; both sides equal yield either; a side that
 * is missing while the other changed the file (modify/delete), two different file types,
 * two different executable bits, links changed both ways, binary content changed both ways
 * and overlapping line changes all conflict. Without a base (add/add) the lines merge
 * against an empty file, as git does.
 */
export function mergeFile(file: ThreeWayFile): MergedFile {
  const { path, base, ours, theirs } = file;
  const conflict: MergedFile = { path, status: 'conflict' };
  if (sameVersion(ours, theirs) || sameVersion(base, theirs)) return { path, status: 'merged', result: ours };
  if (sameVersion(base, ours)) return { path, status: 'merged', result: theirs };
  if (ours === null || theirs === null || typeOf(ours.mode) !== typeOf(theirs.mode)) return conflict;
  let mode = theirs.mode;
  if (ours.mode !== theirs.mode && ours.mode !== base?.mode) {
    if (theirs.mode !== base?.mode) return conflict;
    mode = ours.mode;
  }
  if (sameBytes(ours.content, theirs.content) || (base && sameBytes(ours.content, base.content)))
    return { path, status: 'merged', result: { content: theirs.content, mode } };
  if (base && sameBytes(theirs.content, base.content))
    return { path, status: 'merged', result: { content: ours.content, mode } };
  if (typeOf(ours.mode) !== REGULAR) return conflict;
  const baseContent = base?.content ?? new Uint8Array(0);
  if ([baseContent, ours.content, theirs.content].some(isBinaryContent)) return conflict;
  const lines = mergeLines(baseContent, ours.content, theirs.content);
  return lines.hasConflicts ? conflict : { path, status: 'merged', result: { content: lines.content, mode } };
}

import { diff3MergeRegions } from 'node-diff3';
import { splitLines } from '../apply-hunks.js';

export type LineMergeResult =
  | { readonly hasConflicts: false; readonly content: Uint8Array }
  | { readonly hasConflicts: true };

/** Lines as latin1 strings, so every byte survives and equal lines compare equal. */
const toLines = (content: Uint8Array): string[] => splitLines(content).map((line) => line.toString('latin1'));

/**
 * A three-way merge of text by lines, keeping each line's "\n" as git's xdiff does (so a
 * missing final newline is a change of the last line). Changes that overlap or touch
 * (adjacent, with no unchanged line between them) conflict, as in git, unless both sides
 * made the same change.
 */
export function mergeLines(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array): LineMergeResult {
  const regions = diff3MergeRegions(toLines(ours), toLines(base), toLines(theirs));
  const merged: string[] = [];
  for (const region of regions) {
    if (region.stable) {
      merged.push(...region.bufferContent);
      continue;
    }
    const oursText = region.aContent.join('');
    if (oursText !== region.bContent.join('')) return { hasConflicts: true };
    merged.push(oursText);
  }
  return { hasConflicts: false, content: Buffer.from(merged.join(''), 'latin1') };
}

import { diffArrays } from 'diff';
import { splitLines } from './apply-hunks.js';
import type { Hunk, HunkLine } from './types.js';

interface Edit {
  readonly kind: ' ' | '-' | '+';
  readonly line: Buffer;
  /** 0-based indexes of the line in the old and new file (the next line's, for the other side). */
  readonly oldIndex: number;
  readonly newIndex: number;
}

/** The edit script between two files, line by line; lines are interned to ids so jsdiff compares numbers. */
function editScript(before: Uint8Array, after: Uint8Array): Edit[] {
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  const ids = new Map<string, number>();
  const intern = (line: Buffer) => {
    const key = line.toString('latin1');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const changes = diffArrays(oldLines.map(intern), newLines.map(intern));
  const edits: Edit[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of changes) {
    for (let i = 0; i < change.count; i += 1) {
      if (change.removed) {
        edits.push({ kind: '-', line: oldLines[oldIndex] as Buffer, oldIndex, newIndex });
        oldIndex += 1;
      } else if (change.added) {
        edits.push({ kind: '+', line: newLines[newIndex] as Buffer, oldIndex, newIndex });
        newIndex += 1;
      } else {
        edits.push({ kind: ' ', line: oldLines[oldIndex] as Buffer, oldIndex, newIndex });
        oldIndex += 1;
        newIndex += 1;
      }
    }
  }
  return edits;
}

function toHunk(edits: readonly Edit[], from: number, to: number): Hunk {
  const first = edits[from] as Edit;
  const lines: HunkLine[] = [];
  let oldLines = 0;
  let newLines = 0;
  for (let i = from; i < to; i += 1) {
    const edit = edits[i] as Edit;
    lines.push({ kind: edit.kind, content: edit.line });
    if (edit.kind !== '+') oldLines += 1;
    if (edit.kind !== '-') newLines += 1;
  }
  // An empty range names the line before it, as diff does ("-0,0" for the start of the file).
  return {
    oldStart: oldLines === 0 ? first.oldIndex : first.oldIndex + 1,
    oldLines,
    newStart: newLines === 0 ? first.newIndex : first.newIndex + 1,
    newLines,
    section: '',
    lines,
    patchLine: 0,
  };
}

/** Unified-diff hunks between two texts with `context` lines around changes, merged as git merges them. */
export function diffHunks(before: Uint8Array, after: Uint8Array, context: number): Hunk[] {
  const edits = editScript(before, after);
  const hunks: Hunk[] = [];
  let i = 0;
  while (i < edits.length) {
    while (i < edits.length && (edits[i] as Edit).kind === ' ') i += 1;
    if (i === edits.length) break;
    const from = Math.max(0, i - context);
    let lastChange = i;
    let j = i;
    while (j < edits.length) {
      if ((edits[j] as Edit).kind !== ' ') {
        lastChange = j;
        j += 1;
        continue;
      }
      let next = j;
      while (next < edits.length && (edits[next] as Edit).kind === ' ') next += 1;
      if (next === edits.length || next - j > 2 * context) break;
      j = next;
    }
    const to = Math.min(edits.length, lastChange + 1 + context);
    hunks.push(toHunk(edits, from, to));
    i = to;
  }
  return hunks;
}

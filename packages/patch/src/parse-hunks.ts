import { advance, type Line, type LineCursor, peekLine, startsWith } from './line-cursor.js';
import { parseFailure } from './patch-error.js';
import type { Hunk, HunkLine } from './types.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/s;

export interface HunkHeader {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly section: string;
}

/** git's parse_fragment_header: "@@ -a[,b] +c[,d] @@ section"; null when malformed. */
export function parseHunkHeader(text: string): HunkHeader | null {
  const match = HUNK_HEADER.exec(text);
  if (!match) return null;
  const [, oldStart, oldLines, newStart, newLines, section] = match;
  const numbers = [oldStart, oldLines ?? '1', newStart, newLines ?? '1'].map(Number);
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  return {
    oldStart: numbers[0] as number,
    oldLines: numbers[1] as number,
    newStart: numbers[2] as number,
    newLines: numbers[3] as number,
    section: section ?? '',
  };
}

function isNoNewlineMarker(bytes: Buffer, line: Line): boolean {
  return line.end - line.start >= 11 && startsWith(bytes, line, '\\ ');
}

/** Drops the "\n" of the last line: it was followed by "\ No newline at end of file". */
function stripNewline(lines: HunkLine[]): void {
  const last = lines.at(-1);
  if (last?.content.at(-1) !== 0x0a) return;
  lines[lines.length - 1] = { kind: last.kind, content: last.content.subarray(0, last.content.length - 1) };
}

/**
 * git apply --recount: the line counts a hunk really has, read from its body up to the next
 * "@@ " or "diff " line (or the end); null (keep the header's) on any other line, as git does.
 */
function recount(cursor: LineCursor, from: number): { oldLines: number; newLines: number } | null {
  const { bytes } = cursor;
  let oldLines = 0;
  let newLines = 0;
  for (let line = peekLine(cursor, from); line; line = peekLine(cursor, line.next)) {
    const first = line.end === line.start ? 0x0a : bytes[line.start];
    if (first === 0x20 || first === 0x0a) {
      oldLines += 1;
      newLines += 1;
    } else if (first === 0x2d) oldLines += 1;
    else if (first === 0x2b) newLines += 1;
    else if (first === 0x5c) continue;
    else if (startsWith(bytes, line, '@@ ') || startsWith(bytes, line, 'diff ')) break;
    else return null;
  }
  return { oldLines, newLines };
}

/**
 * Reads one hunk at the cursor (which is on its "@@" line), consuming exactly the lines its
 * header counts, so lines that look like headers ("--- a", "@@") inside it stay content.
 * With `recountLines`, the counts come from the body instead (for hand- or model-made patches).
 */
export function parseHunk(cursor: LineCursor, recountLines = false): Hunk {
  const { bytes } = cursor;
  const headerLine = peekLine(cursor) as Line;
  const patchLine = cursor.line;
  const parsed = parseHunkHeader(bytes.toString('latin1', headerLine.start, headerLine.end));
  if (!parsed) throw parseFailure('malformed hunk header', cursor.line);
  const counted = recountLines ? recount(cursor, headerLine.next) : null;
  const header = counted ? { ...parsed, ...counted } : parsed;
  advance(cursor, headerLine);
  let oldRemaining = header.oldLines;
  let newRemaining = header.newLines;
  let changes = 0;
  const lines: HunkLine[] = [];
  while (oldRemaining > 0 || newRemaining > 0) {
    const line = peekLine(cursor);
    if (!line) {
      throw parseFailure(
        `hunk @@ -${header.oldStart},${header.oldLines} +${header.newStart},${header.newLines} @@ ends early: ${oldRemaining} old and ${newRemaining} new lines missing`,
        cursor.line,
      );
    }
    // A last line that lost its "\n" in transport still counts as a full line.
    const content = line.hasNewline
      ? bytes.subarray(line.start + 1, line.next)
      : Buffer.concat([bytes.subarray(line.start + 1, line.end), Buffer.of(0x0a)]);
    const first = line.end === line.start ? 0x0a : bytes[line.start];
    if (first === 0x0a) {
      // An empty line is a blank context line whose leading space was stripped.
      lines.push({ kind: ' ', content: Buffer.of(0x0a) });
      oldRemaining -= 1;
      newRemaining -= 1;
    } else if (first === 0x20) {
      lines.push({ kind: ' ', content });
      oldRemaining -= 1;
      newRemaining -= 1;
    } else if (first === 0x2d) {
      lines.push({ kind: '-', content });
      oldRemaining -= 1;
      changes += 1;
    } else if (first === 0x2b) {
      lines.push({ kind: '+', content });
      newRemaining -= 1;
      changes += 1;
    } else if (first === 0x5c && isNoNewlineMarker(bytes, line)) {
      stripNewline(lines);
    } else {
      throw parseFailure('hunk line does not start with " ", "-", "+" or "\\"', cursor.line);
    }
    if (oldRemaining < 0 || newRemaining < 0) {
      throw parseFailure('hunk has more lines than its header counts', cursor.line);
    }
    advance(cursor, line);
  }
  const marker = peekLine(cursor);
  if (marker && isNoNewlineMarker(bytes, marker)) {
    stripNewline(lines);
    advance(cursor, marker);
  }
  if (changes === 0) throw parseFailure('hunk changes nothing', patchLine);
  return { ...header, lines, patchLine };
}

/** Reads every consecutive hunk at the cursor. */
export function parseHunks(cursor: LineCursor, recountLines = false): Hunk[] {
  const hunks: Hunk[] = [];
  for (;;) {
    const line = peekLine(cursor);
    if (!line || !startsWith(cursor.bytes, line, '@@ -')) return hunks;
    hunks.push(parseHunk(cursor, recountLines));
  }
}

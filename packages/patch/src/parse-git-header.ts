import { canonicalMode } from './file-modes.js';
import { findName, gitHeaderName, isDevNull } from './header-names.js';
import { advance, type Line, type LineCursor, peekLine, startsWith } from './line-cursor.js';
import { parseFailure } from './patch-error.js';

/** What the extended header lines of one `diff --git` section say. */
export interface GitHeader {
  oldName: Uint8Array | null;
  newName: Uint8Array | null;
  oldMode?: string;
  newMode?: string;
  oldId?: string;
  newId?: string;
  similarity?: number;
  dissimilarity?: number;
  isNew: boolean;
  isDelete: boolean;
  isRename: boolean;
  isCopy: boolean;
}

type HeaderHandler = (header: GitHeader, line: Line, valueStart: number, context: HeaderContext) => void;

interface HeaderContext {
  readonly cursor: LineCursor;
  readonly defaultName: Uint8Array | null;
  readonly pValue: number;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

function parseMode(context: HeaderContext, line: Line, start: number): string {
  const text = context.cursor.bytes.toString('latin1', start, line.end).trimEnd();
  const mode = canonicalMode(text);
  if (!mode) throw parseFailure(`invalid mode "${text}"`, context.cursor.line);
  return mode;
}

/** git's gitdiff_verify_name: a ---/+++ name must agree with what the header already said. */
function verifyName(
  header: GitHeader,
  side: 'oldName' | 'newName',
  isNull: boolean,
  line: Line,
  start: number,
  context: HeaderContext,
): void {
  const { bytes } = context.cursor;
  const current = header[side];
  const label = side === 'oldName' ? 'old' : 'new';
  if (!current && !isNull) {
    const name = findName(bytes, start, line.end, context.pValue, 'tab');
    // When the `diff --git` line names one file, ---/+++ must name the same one.
    if (name && context.defaultName && !sameBytes(name, context.defaultName)) {
      throw parseFailure(`inconsistent ${label} file name in a git diff header`, context.cursor.line);
    }
    header[side] = name;
    return;
  }
  if (current) {
    if (isNull) throw parseFailure(`expected /dev/null as the ${label} file name`, context.cursor.line);
    const another = findName(bytes, start, line.end, context.pValue, 'tab');
    if (!another || !sameBytes(another, current)) {
      throw parseFailure(`inconsistent ${label} file name in a git diff header`, context.cursor.line);
    }
    return;
  }
  if (!isDevNull(bytes, start, line.end)) {
    throw parseFailure(`expected /dev/null as the ${label} file name`, context.cursor.line);
  }
}

function nameWithoutPrefix(context: HeaderContext, line: Line, start: number): Uint8Array | null {
  return findName(context.cursor.bytes, start, line.end, Math.max(context.pValue - 1, 0), 'line');
}

function setMode(side: 'oldMode' | 'newMode'): HeaderHandler {
  return (header, line, start, context) => {
    header[side] = parseMode(context, line, start);
  };
}

function setMovedName(kind: 'isRename' | 'isCopy', side: 'oldName' | 'newName'): HeaderHandler {
  return (header, line, start, context) => {
    header[kind] = true;
    header[side] = nameWithoutPrefix(context, line, start);
  };
}

function setScore(side: 'similarity' | 'dissimilarity'): HeaderHandler {
  return (header, line, start, context) => {
    header[side] = percent(context, line, start);
  };
}

// Order matters, as in git's table: the first prefix that matches handles the line.
const HANDLERS: ReadonlyArray<readonly [string, HeaderHandler | 'end']> = [
  ['@@ -', 'end'],
  ['--- ', (h, line, start, c) => verifyName(h, 'oldName', h.isNew, line, start, c)],
  ['+++ ', (h, line, start, c) => verifyName(h, 'newName', h.isDelete, line, start, c)],
  ['old mode ', setMode('oldMode')],
  ['new mode ', setMode('newMode')],
  [
    'deleted file mode ',
    (h, line, start, c) => {
      h.isDelete = true;
      h.oldName = c.defaultName;
      h.oldMode = parseMode(c, line, start);
    },
  ],
  [
    'new file mode ',
    (h, line, start, c) => {
      h.isNew = true;
      h.oldName = null;
      h.newMode = parseMode(c, line, start);
    },
  ],
  ['copy from ', setMovedName('isCopy', 'oldName')],
  ['copy to ', setMovedName('isCopy', 'newName')],
  ['rename old ', setMovedName('isRename', 'oldName')],
  ['rename new ', setMovedName('isRename', 'newName')],
  ['rename from ', setMovedName('isRename', 'oldName')],
  ['rename to ', setMovedName('isRename', 'newName')],
  ['similarity index ', setScore('similarity')],
  ['dissimilarity index ', setScore('dissimilarity')],
  ['index ', parseIndexLine],
];

function percent(context: HeaderContext, line: Line, start: number): number {
  const value = Number.parseInt(context.cursor.bytes.toString('latin1', start, line.end), 10);
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 100) : 0;
}

/** "index abc123..def456[ mode]": the ids, and the mode when the file's mode did not change. */
function parseIndexLine(header: GitHeader, line: Line, start: number, context: HeaderContext): void {
  const text = context.cursor.bytes.toString('latin1', start, line.end);
  const match = /^([0-9a-fA-F]{1,64})\.\.([0-9a-fA-F]{1,64})(?: (\S+))?\s*$/.exec(text);
  if (!match) return;
  header.oldId = (match[1] as string).toLowerCase();
  header.newId = (match[2] as string).toLowerCase();
  if (match[3] !== undefined) {
    const mode = canonicalMode(match[3]);
    if (!mode) throw parseFailure(`invalid mode "${match[3]}" in index line`, context.cursor.line);
    header.oldMode = mode;
  }
}

function countExtensions(header: GitHeader): number {
  return Number(header.isNew) + Number(header.isDelete) + Number(header.isRename) + Number(header.isCopy);
}

/**
 * Parses the `diff --git` line at the cursor and the extended header lines after it, leaving
 * the cursor on the first line that is not a header (a hunk, a binary patch or the next file).
 * Returns null (cursor untouched) when the line has no header lines after it, as git does.
 */
export function parseGitHeader(cursor: LineCursor, pValue: number): GitHeader | null {
  const { bytes } = cursor;
  const first = peekLine(cursor) as Line;
  const start = cursor.pos;
  const startLine = cursor.line;
  const context: HeaderContext = {
    cursor,
    defaultName: gitHeaderName(bytes, first.start + 'diff --git '.length, first.end, pValue),
    pValue,
  };
  const header: GitHeader = {
    oldName: null,
    newName: null,
    isNew: false,
    isDelete: false,
    isRename: false,
    isCopy: false,
  };
  advance(cursor, first);
  let consumed = 0;
  lines: for (;;) {
    const line = peekLine(cursor);
    if (!line?.hasNewline) break;
    for (const [prefix, handler] of HANDLERS) {
      if (!startsWith(bytes, line, prefix)) continue;
      if (handler === 'end') break lines;
      handler(header, line, line.start + prefix.length, context);
      if (countExtensions(header) > 1) throw parseFailure('inconsistent header lines', cursor.line);
      advance(cursor, line);
      consumed += 1;
      continue lines;
    }
    break;
  }
  if (consumed === 0 && !isHunkStart(cursor)) {
    cursor.pos = start;
    cursor.line = startLine;
    return null;
  }
  if (!header.oldName && !header.newName) {
    if (!context.defaultName) {
      throw parseFailure('git diff header lacks file name information', startLine);
    }
    header.oldName = context.defaultName;
    header.newName = context.defaultName;
  }
  if ((!header.newName && !header.isDelete) || (!header.oldName && !header.isNew)) {
    throw parseFailure('git diff header lacks file name information', startLine);
  }
  return header;
}

function isHunkStart(cursor: LineCursor): boolean {
  const line = peekLine(cursor);
  return line !== null && startsWith(cursor.bytes, line, '@@ -');
}

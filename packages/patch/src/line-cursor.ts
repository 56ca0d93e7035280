/** A forward cursor over the lines of a patch, kept as bytes so file content survives exactly. */
export interface LineCursor {
  readonly bytes: Buffer;
  /** Byte offset of the current line. */
  pos: number;
  /** 1-based number of the current line, for messages. */
  line: number;
}

export interface Line {
  readonly start: number;
  /** Index of the terminating "\n", or the end of input when the last line lacks one. */
  readonly end: number;
  /** Offset of the next line. */
  readonly next: number;
  readonly hasNewline: boolean;
}

export function createLineCursor(bytes: Buffer): LineCursor {
  return { bytes, pos: 0, line: 1 };
}

export function atEnd(cursor: LineCursor): boolean {
  return cursor.pos >= cursor.bytes.length;
}

/** The line at `pos` (the cursor's by default); null at the end of input. */
export function peekLine(cursor: LineCursor, pos = cursor.pos): Line | null {
  const { bytes } = cursor;
  if (pos >= bytes.length) return null;
  const newline = bytes.indexOf(0x0a, pos);
  if (newline === -1) return { start: pos, end: bytes.length, next: bytes.length, hasNewline: false };
  return { start: pos, end: newline, next: newline + 1, hasNewline: true };
}

export function advance(cursor: LineCursor, line: Line): void {
  cursor.pos = line.next;
  cursor.line += 1;
}

/** True when the line begins with the ASCII `prefix`. */
export function startsWith(bytes: Buffer, line: Line, prefix: string): boolean {
  if (line.end - line.start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i += 1) {
    if (bytes[line.start + i] !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/** The line's text without its newline, as latin1 (byte-preserving) for header parsing. */
export function lineText(bytes: Buffer, line: Line): string {
  return bytes.toString('latin1', line.start, line.end);
}

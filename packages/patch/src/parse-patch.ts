import { PatchError } from '@healing/adapters';
import { findTraditionalName, isDevNull } from './header-names.js';
import {
  advance,
  createLineCursor,
  type Line,
  type LineCursor,
  peekLine,
  startsWith,
} from './line-cursor.js';
import { parseBinaryPatch } from './parse-binary.js';
import { type GitHeader, parseGitHeader } from './parse-git-header.js';
import { parseHunkHeader, parseHunks } from './parse-hunks.js';
import { parseFailure } from './patch-error.js';
import type { BinaryPatch, FilePatch, FilePatchStatus, Hunk, ParseOptions } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(name: Uint8Array | null, line: number): string | null {
  if (name === null) return null;
  try {
    return utf8.decode(name);
  } catch {
    throw new PatchError('PATCH_UNSUPPORTED', `file name at line ${line} is not UTF-8: rename the file`, {
      details: { line },
    });
  }
}

interface Body {
  readonly hunks: Hunk[];
  readonly binary?: BinaryPatch;
  readonly isBinaryWithoutData?: boolean;
}

/** Hunks, a `GIT binary patch`, or a "Binary files ... differ" line after a file header. */
function parseBody(cursor: LineCursor, recountLines: boolean): Body {
  const line = peekLine(cursor);
  const { bytes } = cursor;
  if (line?.hasNewline && bytes.toString('latin1', line.start, line.end) === 'GIT binary patch') {
    advance(cursor, line);
    return { hunks: [], binary: parseBinaryPatch(cursor) };
  }
  if (line && (startsWith(bytes, line, 'Binary files ') || startsWith(bytes, line, 'Files '))) {
    if (bytes.toString('latin1', line.end - 7, line.end) === ' differ') {
      advance(cursor, line);
      return { hunks: [], isBinaryWithoutData: true };
    }
  }
  return { hunks: parseHunks(cursor, recountLines) };
}

function statusOf(header: GitHeader): FilePatchStatus {
  if (header.isNew) return 'added';
  if (header.isDelete) return 'deleted';
  if (header.isRename) return 'renamed';
  if (header.isCopy) return 'copied';
  return 'modified';
}

function hasMetadataChange(header: GitHeader): boolean {
  return (
    header.isNew ||
    header.isDelete ||
    header.isRename ||
    header.isCopy ||
    (header.oldMode !== undefined && header.newMode !== undefined && header.oldMode !== header.newMode)
  );
}

function checkLineCounts(patch: FilePatch): void {
  const name = patch.newPath ?? patch.oldPath;
  if (patch.status === 'added' && patch.hunks.some((hunk) => hunk.oldLines > 0)) {
    throw parseFailure(`new file ${name} depends on old contents`, patch.patchLine);
  }
  if (patch.status === 'deleted' && patch.hunks.some((hunk) => hunk.newLines > 0)) {
    throw parseFailure(`deleted file ${name} still has contents`, patch.patchLine);
  }
}

function parseGitPatch(
  cursor: LineCursor,
  state: ParserState,
  header: GitHeader,
  patchLine: number,
): FilePatch {
  const body = parseBody(cursor, state.recount);
  if (body.hunks.length === 0 && !body.binary && !body.isBinaryWithoutData && !hasMetadataChange(header)) {
    throw parseFailure('file header without any change ("patch with only garbage")', patchLine);
  }
  const status = statusOf(header);
  const patch: FilePatch = {
    status,
    oldPath: status === 'added' ? null : decodeName(header.oldName, patchLine),
    newPath: status === 'deleted' ? null : decodeName(header.newName, patchLine),
    ...(header.oldMode !== undefined && { oldMode: header.oldMode }),
    ...(header.newMode !== undefined && { newMode: header.newMode }),
    ...(header.oldId !== undefined && { oldId: header.oldId }),
    ...(header.newId !== undefined && { newId: header.newId }),
    ...(header.similarity !== undefined && { similarity: header.similarity }),
    ...(header.dissimilarity !== undefined && { dissimilarity: header.dissimilarity }),
    isGit: true,
    hunks: body.hunks,
    ...(body.binary && { binary: body.binary }),
    ...(body.isBinaryWithoutData && { isBinaryWithoutData: true }),
    patchLine,
  };
  checkLineCounts(patch);
  return patch;
}

interface ParserState {
  pValue: number;
  pValueKnown: boolean;
  readonly recount: boolean;
}

/** git's guess_p_value: a traditional name without any "/" was made with -p0. */
function guessPValue(state: ParserState, bytes: Buffer, line: Line): void {
  if (state.pValueKnown) return;
  const start = line.start + 4;
  if (isDevNull(bytes, start, line.end)) return;
  const name = findTraditionalName(bytes, start, line.end, 0);
  if (!name) return;
  state.pValue = name.includes(0x2f) ? 1 : 0;
  state.pValueKnown = true;
}

function parseTraditionalPatch(
  cursor: LineCursor,
  state: ParserState,
  oldLine: Line,
  newLine: Line,
): FilePatch {
  const { bytes } = cursor;
  const patchLine = cursor.line;
  guessPValue(state, bytes, oldLine);
  if (!state.pValueKnown) guessPValue(state, bytes, newLine);
  const oldIsNull = isDevNull(bytes, oldLine.start + 4, oldLine.end);
  const newIsNull = isDevNull(bytes, newLine.start + 4, newLine.end);
  const oldName = oldIsNull ? null : findTraditionalName(bytes, oldLine.start + 4, oldLine.end, state.pValue);
  const newName = newIsNull ? null : findTraditionalName(bytes, newLine.start + 4, newLine.end, state.pValue);
  advance(cursor, oldLine);
  advance(cursor, newLine);
  let status: FilePatchStatus = 'modified';
  if (oldIsNull) status = 'added';
  else if (newIsNull) status = 'deleted';
  const name = decodeName(newName ?? oldName, patchLine);
  if (name === null || (status === 'added' && !newName) || (status === 'deleted' && !oldName)) {
    throw parseFailure('unified diff header lacks a file name', patchLine);
  }
  const patch: FilePatch = {
    status,
    oldPath: status === 'added' ? null : name,
    newPath: status === 'deleted' ? null : name,
    isGit: false,
    hunks: parseHunks(cursor, state.recount),
    patchLine,
  };
  checkLineCounts(patch);
  return patch;
}

function toBuffer(text: string | Uint8Array): Buffer {
  if (typeof text === 'string') return Buffer.from(text, 'utf8');
  return Buffer.from(text.buffer, text.byteOffset, text.byteLength);
}

/**
 * Parses `git diff`, `git format-patch` and plain unified diff output into one FilePatch per
 * file section, the way git apply reads it; text around the patches (mail headers, commit
 * messages, signatures) is skipped. Throws PatchError PATCH_PARSE_FAILED naming the line.
 * `recount` ignores the hunk headers' line counts, as `git apply --recount` does.
 */
export function parsePatch(text: string | Uint8Array, options: ParseOptions = {}): FilePatch[] {
  if (typeof text !== 'string' && !(text instanceof Uint8Array)) {
    throw new PatchError('PATCH_PARSE_FAILED', 'patch must be a string or bytes');
  }
  const cursor = createLineCursor(toBuffer(text));
  const state: ParserState = { pValue: 1, pValueKnown: false, recount: options.recount === true };
  const patches: FilePatch[] = [];
  const { bytes } = cursor;
  for (;;) {
    const line = peekLine(cursor);
    if (!line) break;
    if (startsWith(bytes, line, '@@ -') && parseHunkHeader(bytes.toString('latin1', line.start, line.end))) {
      throw parseFailure('hunk without a file header before it', cursor.line);
    }
    if (startsWith(bytes, line, 'diff --git ')) {
      const patchLine = cursor.line;
      const header = parseGitHeader(cursor, state.pValue);
      if (header) {
        patches.push(parseGitPatch(cursor, state, header, patchLine));
        continue;
      }
    } else if (startsWith(bytes, line, '--- ')) {
      const next = peekLine(cursor, line.next);
      const third = next ? peekLine(cursor, next.next) : null;
      if (next && third && startsWith(bytes, next, '+++ ') && startsWith(bytes, third, '@@ -')) {
        patches.push(parseTraditionalPatch(cursor, state, line, next));
        continue;
      }
    }
    advance(cursor, line);
  }
  if (patches.length === 0) {
    throw new PatchError(
      'PATCH_PARSE_FAILED',
      'no patch found in the input: expected `diff --git` sections or `---`/`+++` unified diff headers',
    );
  }
  return patches;
}

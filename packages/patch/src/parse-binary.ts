import { inflateSync } from 'node:zlib';
import { decodeBase85 } from './base85.js';
import { advance, type LineCursor, peekLine, startsWith } from './line-cursor.js';
import { parseFailure } from './patch-error.js';
import type { BinaryHunk, BinaryPatch } from './types.js';

// Larger binary hunks are refused rather than inflated: a corrupt or hostile size must not
// make the parser allocate without bound.
const MAX_BINARY_SIZE = 1024 * 1024 * 1024;

function lengthOfLine(code: number | undefined): number {
  if (code === undefined) return -1;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 + 1;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 27;
  return -1;
}

function parseBinaryHunk(cursor: LineCursor): BinaryHunk | null {
  const header = peekLine(cursor);
  if (!header) return null;
  const { bytes } = cursor;
  let kind: BinaryHunk['kind'];
  let sizeText: string;
  if (startsWith(bytes, header, 'literal ')) {
    kind = 'literal';
    sizeText = bytes.toString('latin1', header.start + 8, header.end);
  } else if (startsWith(bytes, header, 'delta ')) {
    kind = 'delta';
    sizeText = bytes.toString('latin1', header.start + 6, header.end);
  } else {
    return null;
  }
  if (!/^\d{1,10}$/.test(sizeText)) throw parseFailure(`bad binary hunk size "${sizeText}"`, cursor.line);
  const size = Number(sizeText);
  if (size > MAX_BINARY_SIZE) throw parseFailure(`binary hunk of ${size} bytes is too large`, cursor.line);
  advance(cursor, header);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const line = peekLine(cursor);
    if (!line) break; // a patch that lost its final blank line still ends here
    if (line.end === line.start) {
      advance(cursor, line);
      break;
    }
    const length = lengthOfLine(bytes[line.start]);
    const encoded = line.end - line.start - 1;
    const maxLength = Math.floor(encoded / 5) * 4;
    if (length < 0 || encoded < 5 || encoded % 5 !== 0 || length > maxLength || length <= maxLength - 4) {
      throw parseFailure('corrupt binary patch line', cursor.line);
    }
    const chunk = new Uint8Array(length);
    if (!decodeBase85(bytes, line.start + 1, chunk, 0, length)) {
      throw parseFailure('corrupt base85 data in binary patch', cursor.line);
    }
    chunks.push(chunk);
    total += length;
    advance(cursor, line);
  }
  const deflated = Buffer.concat(chunks, total);
  let data: Buffer;
  try {
    data = inflateSync(deflated, { maxOutputLength: Math.max(size, 1) });
  } catch (error) {
    throw parseFailure(`binary hunk does not inflate (${(error as Error).message})`, cursor.line);
  }
  if (data.length !== size) {
    throw parseFailure(`binary hunk inflates to ${data.length} bytes, header says ${size}`, cursor.line);
  }
  return { kind, data };
}

/** Parses the hunks after "GIT binary patch": the forward one and, usually, its reverse. */
export function parseBinaryPatch(cursor: LineCursor): BinaryPatch {
  const forward = parseBinaryHunk(cursor);
  if (!forward)
    throw parseFailure('"GIT binary patch" is not followed by a literal or delta hunk', cursor.line);
  const reverse = parseBinaryHunk(cursor);
  return reverse ? { forward, reverse } : { forward };
}

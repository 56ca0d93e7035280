import { PatchError } from '@healing/adapters';
import { asBuffer } from './bytes.js';
import type { Hunk } from './types.js';

/** Splits content into lines that keep their "\n"; the last may lack one. */
export function splitLines(content: Uint8Array): Buffer[] {
  const bytes = asBuffer(content);
  const lines: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline + 1;
    lines.push(bytes.subarray(start, end));
    start = end;
  }
  return lines;
}

interface Image {
  lines: Buffer[];
  /** Lines written by an earlier hunk: git never lets a later hunk match them. */
  patched: boolean[];
}

function matchesAt(
  image: Image,
  preimage: readonly Buffer[],
  at: number,
  beginning: boolean,
  end: boolean,
): boolean {
  const total = image.lines.length;
  if (beginning && at !== 0) return false;
  if (end && at + preimage.length !== total) return false;
  if (at + preimage.length > total) return false;
  for (let i = 0; i < preimage.length; i += 1) {
    if (image.patched[at + i]) return false;
    if (!(image.lines[at + i] as Buffer).equals(preimage[i] as Buffer)) return false;
  }
  return true;
}

/** git's find_pos: try the expected line, then alternately one further back and forward. */
function findPosition(
  image: Image,
  preimage: readonly Buffer[],
  line: number,
  beginning: boolean,
  end: boolean,
) {
  const total = image.lines.length;
  let start = line;
  if (beginning) start = 0;
  else if (end) start = total - preimage.length;
  if (start < 0 || start > total) start = total;
  let backwards = start;
  let forwards = start;
  let current = start;
  for (let i = 0; ; i += 1) {
    if (matchesAt(image, preimage, current, beginning, end)) return current;
    for (;;) {
      if (backwards === 0 && forwards === total) return -1;
      if (i & 1) {
        if (backwards === 0) {
          i += 1;
          continue;
        }
        backwards -= 1;
        current = backwards;
      } else {
        if (forwards === total) {
          i += 1;
          continue;
        }
        forwards += 1;
        current = forwards;
      }
      break;
    }
  }
}

function show(line: Uint8Array | undefined): string {
  if (line === undefined) return 'the end of the file';
  const text = Buffer.from(line)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function conflict(
  path: string,
  nth: number,
  hunk: Hunk,
  image: Image,
  preimage: readonly Buffer[],
): PatchError {
  const at = Math.min(Math.max(hunk.newStart - 1, 0), image.lines.length);
  let why = 'its context matches nowhere in the file';
  for (let i = 0; i < preimage.length; i += 1) {
    const found = image.lines[at + i];
    if (found === undefined || !found.equals(preimage[i] as Buffer)) {
      why = `expected ${show(preimage[i])} at line ${at + i + 1}, found ${show(found)}`;
      break;
    }
  }
  const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
  return new PatchError(
    'PATCH_CONFLICT',
    `patch does not apply: ${path} hunk ${nth} (${header}) ${why}; the file changed since the patch was made: regenerate or rebase the patch`,
    { details: { path, hunk: nth, patchLine: hunk.patchLine } },
  );
}

function replace<T>(array: T[], at: number, remove: number, insert: readonly T[]): void {
  if (insert.length < 10_000) {
    array.splice(at, remove, ...insert);
    return;
  }
  const tail = array.splice(at + remove);
  array.length = at;
  for (const item of insert) array.push(item);
  for (const item of tail) array.push(item);
}

/**
 * Applies text hunks as `git apply` does without fuzz: every context and removed line must
 * match exactly; a hunk may be found at an offset; lines an earlier hunk wrote never match.
 * `unidiffZero` is git's --unidiff-zero, for patches made without context.
 */
export function applyHunks(
  content: Uint8Array,
  hunks: readonly Hunk[],
  path: string,
  unidiffZero: boolean,
): Buffer {
  const lines = splitLines(content);
  const image: Image = { lines, patched: new Array<boolean>(lines.length).fill(false) };
  hunks.forEach((hunk, index) => {
    const preimage: Buffer[] = [];
    const postimage: Buffer[] = [];
    let trailing = 0;
    for (const line of hunk.lines) {
      const content = asBuffer(line.content);
      if (line.kind !== '+') preimage.push(content);
      if (line.kind !== '-') postimage.push(content);
      trailing = line.kind === ' ' ? trailing + 1 : 0;
    }
    const beginning = hunk.oldStart === 0 || (hunk.oldStart === 1 && !unidiffZero);
    const end = !unidiffZero && trailing === 0;
    const expected = hunk.newStart > 0 ? hunk.newStart - 1 : 0;
    const at = findPosition(image, preimage, expected, beginning, end);
    if (at < 0) throw conflict(path, index + 1, hunk, image, preimage);
    replace(image.lines, at, preimage.length, postimage);
    replace(image.patched, at, preimage.length, new Array<boolean>(postimage.length).fill(true));
  });
  return Buffer.concat(image.lines);
}

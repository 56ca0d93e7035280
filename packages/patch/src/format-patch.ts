import { deflateSync } from 'node:zlib';
import { encodeBase85 } from './base85.js';
import { quoteCStyle } from './quote-path.js';
import type { BinaryHunk, FilePatch, Hunk } from './types.js';

const NO_NEWLINE = Buffer.from('\n\\ No newline at end of file\n');
const NEWLINE = Buffer.of(0x0a);

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** "--- a/name": git adds a tab after names with spaces so GNU patch finds their end. */
function nameLine(marker: string, name: string | null, prefix: string): string {
  if (name === null) return `${marker} /dev/null\n`;
  const quoted = quoteCStyle(`${prefix}${name}`);
  return `${marker} ${quoted}${quoted.includes(' ') && !quoted.startsWith('"') ? '\t' : ''}\n`;
}

function pushHunk(out: Buffer[], hunk: Hunk): void {
  out.push(
    Buffer.from(
      `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@${hunk.section}\n`,
    ),
  );
  for (const line of hunk.lines) {
    out.push(Buffer.from(line.kind), line.content as Buffer);
    if (line.content.at(-1) !== 0x0a) out.push(NO_NEWLINE);
  }
}

/** One `literal`/`delta` block: zlib data in base85 lines of at most 52 bytes, then a blank line. */
function pushBinaryHunk(out: Buffer[], hunk: BinaryHunk): void {
  out.push(Buffer.from(`${hunk.kind} ${hunk.data.length}\n`));
  const deflated = deflateSync(hunk.data);
  for (let offset = 0; offset < deflated.length; offset += 52) {
    const chunk = deflated.subarray(offset, offset + 52);
    const length = chunk.length;
    const code = length <= 26 ? 0x41 + length - 1 : 0x61 + length - 27;
    out.push(Buffer.of(code), encodeBase85(chunk), NEWLINE);
  }
  out.push(NEWLINE);
}

function headerLines(patch: FilePatch): string {
  const a = patch.status === 'added' ? patch.newPath : patch.oldPath;
  const b = patch.status === 'deleted' ? patch.oldPath : patch.newPath;
  let text = `diff --git ${quoteCStyle(`a/${a}`)} ${quoteCStyle(`b/${b}`)}\n`;
  const modeChanged =
    patch.oldMode !== undefined && patch.newMode !== undefined && patch.oldMode !== patch.newMode;
  if (patch.status === 'added') text += `new file mode ${patch.newMode ?? '100644'}\n`;
  else if (patch.status === 'deleted') text += `deleted file mode ${patch.oldMode ?? '100644'}\n`;
  else if (modeChanged) text += `old mode ${patch.oldMode}\nnew mode ${patch.newMode}\n`;
  if (patch.status === 'renamed' || patch.status === 'copied') {
    const verb = patch.status === 'renamed' ? 'rename' : 'copy';
    if (patch.similarity !== undefined) text += `similarity index ${patch.similarity}%\n`;
    text += `${verb} from ${quoteCStyle(patch.oldPath ?? '')}\n${verb} to ${quoteCStyle(patch.newPath ?? '')}\n`;
  }
  if (patch.oldId !== undefined && patch.newId !== undefined) {
    const sameMode = patch.status !== 'added' && patch.status !== 'deleted' && !modeChanged;
    const mode = sameMode ? (patch.oldMode ?? patch.newMode) : undefined;
    text += `index ${patch.oldId}..${patch.newId}${mode === undefined ? '' : ` ${mode}`}\n`;
  }
  return text;
}

/** Writes file patches as git-format diff text (what `git diff --binary` would print). */
export function formatPatch(patches: readonly FilePatch[]): string {
  const out: Buffer[] = [];
  for (const patch of patches) {
    out.push(Buffer.from(headerLines(patch)));
    if (patch.binary) {
      out.push(Buffer.from('GIT binary patch\n'));
      pushBinaryHunk(out, patch.binary.forward);
      if (patch.binary.reverse) pushBinaryHunk(out, patch.binary.reverse);
      continue;
    }
    if (patch.isBinaryWithoutData) {
      out.push(
        Buffer.from(
          `Binary files ${patch.oldPath === null ? '/dev/null' : `a/${patch.oldPath}`} and ${patch.newPath === null ? '/dev/null' : `b/${patch.newPath}`} differ\n`,
        ),
      );
      continue;
    }
    if (patch.hunks.length === 0) continue;
    out.push(Buffer.from(nameLine('---', patch.oldPath, 'a/') + nameLine('+++', patch.newPath, 'b/')));
    for (const hunk of patch.hunks) pushHunk(out, hunk);
  }
  return Buffer.concat(out).toString('utf8');
}

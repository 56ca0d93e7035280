import { PatchError } from '@healing/adapters';
import type { FilePatch, FilePatchStatus, Hunk, HunkLine } from './types.js';

const REVERSED_STATUS: Readonly<Record<FilePatchStatus, FilePatchStatus>> = {
  added: 'deleted',
  deleted: 'added',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
};

/** Swaps "-" and "+" and keeps git's order inside each change: removals before additions. */
function reverseLines(lines: readonly HunkLine[]): HunkLine[] {
  const out: HunkLine[] = [];
  let removed: HunkLine[] = [];
  let added: HunkLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.kind === ' ') {
      flush();
      out.push(line);
    } else if (line.kind === '+') removed.push({ kind: '-', content: line.content });
    else added.push({ kind: '+', content: line.content });
  }
  flush();
  return out;
}

function reverseHunk(hunk: Hunk): Hunk {
  return {
    oldStart: hunk.newStart,
    oldLines: hunk.newLines,
    newStart: hunk.oldStart,
    newLines: hunk.oldLines,
    section: hunk.section,
    lines: reverseLines(hunk.lines),
    patchLine: hunk.patchLine,
  };
}

/** The inverse of one file's patch. Copies have no per-file inverse (see applyPatch). */
export function reverseFilePatch(patch: FilePatch): FilePatch {
  const path = patch.newPath ?? patch.oldPath;
  if (patch.status === 'copied') {
    throw new PatchError(
      'PATCH_UNSUPPORTED',
      `cannot reverse the copy of ${patch.oldPath} to ${path} as text`,
      {
        details: { path },
      },
    );
  }
  if (patch.binary && !patch.binary.reverse) {
    throw new PatchError(
      'PATCH_UNSUPPORTED',
      `cannot reverse the binary patch of ${path}: it has no reverse hunk; regenerate it with git diff --binary`,
      { details: { path } },
    );
  }
  // A mode from the index line (old only) means "unchanged" and stays where it is.
  const swapModes = patch.newMode !== undefined || patch.status === 'deleted';
  const oldMode = swapModes ? patch.newMode : patch.oldMode;
  const newMode = swapModes ? patch.oldMode : undefined;
  const { binary } = patch;
  return {
    status: REVERSED_STATUS[patch.status],
    oldPath: patch.newPath,
    newPath: patch.oldPath,
    ...(oldMode !== undefined && { oldMode }),
    ...(newMode !== undefined && { newMode }),
    ...(patch.newId !== undefined && { oldId: patch.newId }),
    ...(patch.oldId !== undefined && { newId: patch.oldId }),
    ...(patch.similarity !== undefined && { similarity: patch.similarity }),
    ...(patch.dissimilarity !== undefined && { dissimilarity: patch.dissimilarity }),
    isGit: patch.isGit,
    hunks: patch.hunks.map(reverseHunk),
    ...(binary?.reverse && { binary: { forward: binary.reverse, reverse: binary.forward } }),
    ...(patch.isBinaryWithoutData && { isBinaryWithoutData: true }),
    patchLine: patch.patchLine,
  };
}

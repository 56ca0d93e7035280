import { type FilePatch, parsePatch } from '@healing/patch';
import type { PatchFileSummary, PatchSummary } from '../guardrails/patch-summary.js';

const decoder = new TextDecoder();

/** Parses a candidate diff (throws PATCH_PARSE_FAILED) into what the guardrails check. */
export function summarizePatch(patch: string): PatchSummary {
  const files = parsePatch(patch).map(summarizeFile);
  return {
    files,
    insertions: files.reduce((sum, file) => sum + file.addedLines.length, 0),
    deletions: files.reduce((sum, file) => sum + file.removedLines.length, 0),
  };
}

function summarizeFile(file: FilePatch): PatchFileSummary {
  const addedLines: string[] = [];
  const removedLines: string[] = [];
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      const text = decoder.decode(line.content).replace(/\r?\n$/, '');
      if (line.kind === '+') addedLines.push(text);
      else if (line.kind === '-') removedLines.push(text);
    }
  }
  return {
    oldPath: file.oldPath,
    newPath: file.newPath,
    addedLines,
    removedLines,
    isBinary: file.binary !== undefined || file.isBinaryWithoutData === true,
  };
}

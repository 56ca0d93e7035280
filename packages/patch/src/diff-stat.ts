import { toFilePatches } from './patch-input.js';
import type { PatchInput } from './types.js';

/** Files touched and lines added and removed, as `git apply --stat` counts them (binary: 0 lines). */
export function diffStat(patch: PatchInput): { files: number; insertions: number; deletions: number } {
  const patches = toFilePatches(patch);
  let insertions = 0;
  let deletions = 0;
  for (const file of patches) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === '+') insertions += 1;
        else if (line.kind === '-') deletions += 1;
      }
    }
  }
  return { files: patches.length, insertions, deletions };
}

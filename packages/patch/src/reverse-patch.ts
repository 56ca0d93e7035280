import { formatPatch } from './format-patch.js';
import { parsePatch } from './parse-patch.js';
import { reverseFilePatch } from './reverse-file-patch.js';

/**
 * The inverse of a patch as git-format text: applying it undoes the original (what
 * `git apply -R` does). Copies cannot be undone as text: use applyPatch with reverse.
 */
export function reversePatch(text: string): string {
  return formatPatch(parsePatch(text).reverse().map(reverseFilePatch));
}

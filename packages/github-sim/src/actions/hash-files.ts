import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { matchWorkspaceFiles } from './workspace-glob.js';

/**
 * `hashFiles(patterns…)` as the runner computes it: the SHA-256 of each matched file under the
 * workspace, fed in order into one SHA-256, as hex; the empty string when nothing matches.
 */
export function hashFiles(workspace: string, patterns: readonly string[]): string {
  const total = createHash('sha256');
  let count = 0;
  for (const file of matchWorkspaceFiles(workspace, patterns)) {
    const path = join(workspace, file);
    // A link to a directory is skipped, a link to a file hashed, as the runner's stat does.
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    total.update(createHash('sha256').update(readFileSync(path)).digest());
    count += 1;
  }
  return count === 0 ? '' : total.digest('hex');
}

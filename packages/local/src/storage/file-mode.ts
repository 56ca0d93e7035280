import type { Stats } from 'node:fs';
import type { FileMode } from '@healing/adapters';

/** The git mode of a file on disk: a link, an executable, or a plain file. */
export function gitModeOf(stats: Stats): FileMode {
  if (stats.isSymbolicLink()) return '120000';
  return (stats.mode & 0o111) !== 0 ? '100755' : '100644';
}

/** The permission bits a new regular file gets for a git mode (links have none of their own). */
export function permissionsFor(mode: FileMode): number {
  return mode === '100755' ? 0o755 : 0o644;
}

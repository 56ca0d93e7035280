import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { HealingError, normalizeRepoPath } from '@healing/adapters';

export interface ResolvedPath {
  /** Canonical repository-relative path. */
  readonly path: string;
  /** Absolute path on disk (under the real root). */
  readonly absolute: string;
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
}

async function deepestExisting(directory: string, root: string): Promise<string> {
  let current = directory;
  while (current !== root) {
    try {
      await lstat(current);
      return current;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      current = dirname(current);
    }
  }
  return root;
}

/**
 * Maps a repository path to a file under `realRoot`, refusing any path whose parent
 * directories lead outside the root, including through a symlinked directory. The last
 * segment itself is never followed: a link there is read and replaced as a link.
 */
export async function resolveInsideRoot(realRoot: string, path: string): Promise<ResolvedPath> {
  const normalized = normalizeRepoPath(path);
  const absolute = join(realRoot, ...normalized.split('/'));
  const existing = await deepestExisting(dirname(absolute), realRoot);
  let resolved: string;
  try {
    resolved = await realpath(existing);
  } catch (error) {
    // A dangling symlinked directory: following it would create files wherever it points.
    throw unsafe(normalized, existing, error);
  }
  if (!isInside(realRoot, resolved)) throw unsafe(normalized, existing);
  return { path: normalized, absolute: join(resolved, relative(existing, absolute)) };
}

function unsafe(path: string, through: string, cause?: unknown): HealingError {
  return new HealingError(
    'UNSAFE_PATH',
    `path ${JSON.stringify(path)} leads outside the storage root through the symbolic link ${JSON.stringify(through)}: remove the link or write somewhere else`,
    { details: { path }, ...(cause === undefined ? {} : { cause }) },
  );
}

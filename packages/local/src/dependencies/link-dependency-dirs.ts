import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DependencyDir } from './find-dependency-dirs.js';
import { linkNodeModules } from './link-node-modules.js';
import { linkVirtualenv } from './link-virtualenv.js';
import { exists, type MirrorContext, mirrorSymlink } from './mirror-entry.js';

/**
 * Gives the workspace each dependency directory of the source (checkout or cache entry),
 * linked as `linkNodeModules` and `linkVirtualenv` describe. A directory whose package the
 * workspace's revision lacks is skipped. Returns those linked.
 */
export async function linkDependencyDirs(
  dirs: readonly DependencyDir[],
  context: MirrorContext,
  workspaceRoot: string,
): Promise<DependencyDir[]> {
  const linked: DependencyDir[] = [];
  for (const dir of dirs) {
    const from = join(context.sourceRoot, dir.path);
    const to = join(workspaceRoot, dir.path);
    const info = await lstat(from).catch(() => null);
    if (!info || !(await exists(dirname(to)))) continue;
    if (info.isSymbolicLink()) {
      if (!(await exists(to))) await mirrorSymlink(from, to, context);
    } else if (dir.kind === 'node_modules') await linkNodeModules(from, to, context);
    else await linkVirtualenv(from, to, context);
    linked.push(dir);
  }
  return linked;
}

import { lstat, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DependencyDir } from './find-dependency-dirs.js';
import { linkNodeModules } from './link-node-modules.js';
import { linkVirtualenv } from './link-virtualenv.js';
import { exists, type MirrorContext, mirrorSymlink } from './mirror-entry.js';
import { pathInside } from './root-rewriter.js';

/**
 * Whether `path` resolves inside the workspace: a tracked symlink on the way (`packages/a ->
 * ../elsewhere`) must never make linking, or the removal at dispose, act outside it.
 */
export async function resolvesInside(workspaceRoot: string, path: string): Promise<boolean> {
  const [root, resolved] = await Promise.all([realpath(workspaceRoot), realpath(path).catch(() => null)]);
  return resolved !== null && pathInside(root, resolved) !== null;
}

/**
 * Gives the workspace each dependency directory of the source (checkout or cache entry),
 * linked as `linkNodeModules` and `linkVirtualenv` describe. A directory whose package the
 * workspace's revision lacks, or that resolves outside the workspace, is skipped. Returns
 * those linked.
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
    if (!info || !(await resolvesInside(workspaceRoot, dirname(to)))) continue;
    const existing = await lstat(to).catch(() => null);
    if (existing && !existing.isDirectory()) continue; // the revision tracks something there: keep it
    if (info.isSymbolicLink()) {
      if (!(await exists(to))) await mirrorSymlink(from, to, context);
    } else if (dir.kind === 'node_modules') await linkNodeModules(from, to, context);
    else await linkVirtualenv(from, to, context);
    linked.push(dir);
  }
  return linked;
}

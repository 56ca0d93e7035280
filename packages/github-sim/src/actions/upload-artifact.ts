import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';

async function collectFiles(root: string, path: string, files: Record<string, Uint8Array>): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isDirectory()) {
    for (const name of await readdir(path)) await collectFiles(root, join(path, name), files);
    return;
  }
  if (info.isFile()) files[relative(root, path)] = new Uint8Array(await readFile(path));
}

/**
 * Zips what `actions/upload-artifact` would upload: each line of `path` is a file or directory
 * under the workspace (globs are not emulated). A directory's files are stored relative to it,
 * as upload-artifact does. Returns null when nothing was found.
 */
export async function zipArtifact(
  workspace: string,
  pathSpec: string,
): Promise<{ zip: Uint8Array; files: number } | null> {
  const files: Record<string, Uint8Array> = {};
  const paths = pathSpec
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('!'));
  for (const path of paths) {
    const absolute = resolve(workspace, path);
    if (absolute !== workspace && !absolute.startsWith(`${workspace}/`)) continue;
    const info = await stat(absolute).catch(() => null);
    if (!info) continue;
    // Stored relative to the paths' common directory, as upload-artifact does for one file or folder.
    const root = paths.length > 1 ? workspace : info.isDirectory() ? absolute : dirname(absolute);
    await collectFiles(root, absolute, files);
  }
  const count = Object.keys(files).length;
  if (count === 0) return null;
  return { zip: zipSync(files), files: count };
}

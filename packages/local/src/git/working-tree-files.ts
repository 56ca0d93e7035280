import { lstat, mkdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type FileChange, type FileMode, HealingError, normalizeRepoPath } from '@healing/adapters';

export interface WorkingFile {
  readonly content: Uint8Array;
  readonly mode: FileMode;
}

/** Reads a working-tree file as git sees it: symlinks as their target, the executable bit as 100755. */
export async function readWorkingFile(dir: string, path: string): Promise<WorkingFile | null> {
  const normalized = normalizeRepoPath(path);
  // Like @healing/patch's views: a path beyond a symbolic link does not exist.
  if (await hasSymlinkParent(dir, normalized)) return null;
  const absolute = join(dir, normalized);
  const info = await lstat(absolute).catch(() => null);
  if (info === null || info.isDirectory()) return null;
  if (info.isSymbolicLink())
    return { content: Buffer.from(await readlink(absolute), 'utf8'), mode: '120000' };
  const content = new Uint8Array(await readFile(absolute));
  return { content, mode: (info.mode & 0o111) !== 0 ? '100755' : '100644' };
}

async function symlinkParent(dir: string, path: string): Promise<string | null> {
  let current = dir;
  for (const segment of path.split('/').slice(0, -1)) {
    current = join(current, segment);
    const info = await lstat(current).catch(() => null);
    if (info === null) return null;
    if (info.isSymbolicLink()) return segment;
  }
  return null;
}

async function hasSymlinkParent(dir: string, path: string): Promise<boolean> {
  return (await symlinkParent(dir, path)) !== null;
}

// A directory on the way that is really a symlink could point outside the repository.
async function assertNoSymlinkParents(dir: string, path: string): Promise<void> {
  const segment = await symlinkParent(dir, path);
  if (segment !== null) {
    throw new HealingError(
      'UNSAFE_PATH',
      `path ${path} goes through the symbolic link ${segment}: healing never writes through links`,
      {
        details: { path },
      },
    );
  }
}

/** Writes changes into a working tree. Call only after every change was computed, so failures come first. */
export async function writeWorkingChanges(dir: string, changes: readonly FileChange[]): Promise<void> {
  const paths = changes.map((change) => normalizeRepoPath(change.path));
  for (const path of paths) await assertNoSymlinkParents(dir, path);
  const written = new Set(
    changes.filter((change) => change.kind === 'write').map((change) => normalizeRepoPath(change.path)),
  );
  for (const change of changes) {
    const absolute = join(dir, normalizeRepoPath(change.path));
    if (change.kind === 'delete') {
      await rm(absolute, { force: true });
      continue;
    }
    if (change.renamedFrom !== undefined && !written.has(normalizeRepoPath(change.renamedFrom))) {
      await rm(join(dir, normalizeRepoPath(change.renamedFrom)), { force: true });
    }
    await mkdir(dirname(absolute), { recursive: true });
    await rm(absolute, { force: true });
    if (change.mode === '120000') await symlink(Buffer.from(change.content).toString('utf8'), absolute);
    else await writeFile(absolute, change.content, { mode: change.mode === '100755' ? 0o755 : 0o644 });
  }
}

import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  rename,
  rm,
  rmdir,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { FileChange, FileWrite } from '@healing/adapters';
import { HealingError, PatchError } from '@healing/adapters';
import { parentDirectories, safePath } from '../safe-path.js';

type Undo = () => Promise<unknown>;

async function lstatOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Every file under a directory, relative to the root, so we can tell whether it empties. */
async function filesUnder(root: string, directory: string): Promise<string[]> {
  const entries = await readdir(join(root, directory), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Refuses, before anything is written, a write onto a directory that keeps files. */
async function preflight(
  root: string,
  writes: readonly FileWrite[],
  deleted: ReadonlySet<string>,
): Promise<void> {
  for (const write of writes) {
    const stats = await lstatOrNull(join(root, write.path));
    if (!stats?.isDirectory()) continue;
    const kept = (await filesUnder(root, write.path)).filter((file) => !deleted.has(file));
    if (kept.length > 0) {
      throw new PatchError(
        'PATCH_CONFLICT',
        `patch does not apply: ${write.path} is a directory holding ${kept[0]}, which the patch keeps; remove it first`,
        { details: { path: write.path } },
      );
    }
  }
}

async function stage(path: string, write: FileWrite): Promise<void> {
  if (write.mode === '120000') await symlink(Buffer.from(write.content), path);
  else await writeFile(path, write.content, { mode: write.mode === '100755' ? 0o777 : 0o666 });
}

/** Removes directories left empty by deletions (and empty ones a file replaces), deepest first, as git does. */
async function pruneEmptyDirectories(
  root: string,
  displaced: readonly string[],
  writes: readonly FileWrite[],
  undo: Undo[],
): Promise<void> {
  const candidates = new Set<string>(writes.map((write) => write.path));
  for (const path of displaced) for (const directory of parentDirectories(path)) candidates.add(directory);
  const deepestFirst = [...candidates].sort((a, b) => b.length - a.length);
  for (const directory of deepestFirst) {
    const full = join(root, directory);
    const stats = await lstatOrNull(full);
    if (!stats?.isDirectory() || (await readdir(full)).length > 0) continue;
    await rmdir(full);
    undo.push(() => mkdir(full));
  }
}

async function makeParents(root: string, path: string, undo: Undo[]): Promise<void> {
  for (const directory of parentDirectories(path)) {
    const full = join(root, directory);
    if ((await lstatOrNull(full))?.isDirectory()) continue;
    await mkdir(full);
    undo.push(() => rmdir(full));
  }
}

/**
 * Writes a change set to a directory all-or-nothing: new contents are staged first, replaced
 * and deleted files are moved aside, and any failure puts every moved file back. Symbolic
 * links are written as links; no write goes through one.
 */
export async function writeChanges(root: string, changes: readonly FileChange[]): Promise<void> {
  const writes = changes.filter((change): change is FileWrite => change.kind === 'write');
  const deletes = changes.filter((change) => change.kind === 'delete').map((change) => safePath(change.path));
  for (const write of writes) safePath(write.path);
  await preflight(root, writes, new Set(deletes));
  const staging = await mkdtemp(join(root, '.heal-patch-'));
  const undo: Undo[] = [];
  try {
    const staged = await Promise.all(
      writes.map(async (write, index) => {
        const path = join(staging, `new-${index}`);
        await stage(path, write);
        return path;
      }),
    );
    const displaced = [...deletes, ...writes.map((write) => write.path)];
    for (const [index, path] of displaced.entries()) {
      const target = join(root, path);
      const stats = await lstatOrNull(target);
      if (!stats || stats.isDirectory()) continue;
      const backup = join(staging, `old-${index}`);
      await rename(target, backup);
      undo.push(async () => {
        await mkdir(dirname(target), { recursive: true });
        await rename(backup, target);
      });
    }
    await pruneEmptyDirectories(root, displaced, writes, undo);
    for (const [index, write] of writes.entries()) {
      const target = join(root, write.path);
      await makeParents(root, write.path, undo);
      await rename(staged[index] as string, target);
      undo.push(() => unlink(target));
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    if (error instanceof HealingError) throw error;
    throw new PatchError(
      'PATCH_CONFLICT',
      `could not write the patch (${(error as Error).message}); the tree is as it was`,
      {
        cause: error,
      },
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

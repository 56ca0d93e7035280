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

/** Like Promise.all, but waits for every step, so none is still running when we roll back. */
async function settleAll(steps: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(steps);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

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

/**
 * Refuses, before anything is written, a write onto a directory that keeps files. Returns the
 * write targets that exist as files or links: those are moved aside before the new ones land.
 */
async function preflight(
  root: string,
  writes: readonly FileWrite[],
  deleted: ReadonlySet<string>,
): Promise<Set<string>> {
  const existing = new Set<string>();
  const stats = await Promise.all(writes.map((write) => lstatOrNull(join(root, write.path))));
  for (const [index, write] of writes.entries()) {
    const found = stats[index];
    if (!found) continue;
    if (!found.isDirectory()) {
      existing.add(write.path);
      continue;
    }
    const kept = (await filesUnder(root, write.path)).filter((file) => !deleted.has(file));
    if (kept.length > 0) {
      throw new PatchError(
        'PATCH_CONFLICT',
        `patch does not apply: ${write.path} is a directory holding ${kept[0]}, which the patch keeps; remove it first`,
        { details: { path: write.path } },
      );
    }
  }
  return existing;
}

/** Moves a file aside; false when there was nothing there (a deletion git would skip too). */
async function moveAside(target: string, backup: string): Promise<boolean> {
  try {
    await rename(target, backup);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw error;
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

async function makeParents(root: string, path: string, made: Set<string>, undo: Undo[]): Promise<void> {
  for (const directory of parentDirectories(path)) {
    if (made.has(directory)) continue;
    const full = join(root, directory);
    if (!(await lstatOrNull(full))?.isDirectory()) {
      await mkdir(full);
      undo.push(() => rmdir(full));
    }
    made.add(directory);
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
  const existing = await preflight(root, writes, new Set(deletes));
  // Only files and links are deleted; a directory named by a delete stays (git removes files, not trees).
  const deletable = await Promise.all(
    deletes.map(async (path) => !(await lstatOrNull(join(root, path)))?.isDirectory()),
  );
  const staging = await mkdtemp(join(root, '.heal-patch-'));
  const undo: Undo[] = [];
  try {
    const staged = writes.map((_, index) => join(staging, `new-${index}`));
    await settleAll(writes.map((write, index) => stage(staged[index] as string, write)));
    const displaced = [
      ...deletes.filter((_, index) => deletable[index]),
      ...writes.map((write) => write.path).filter((path) => existing.has(path)),
    ];
    // Paths are distinct, so each phase runs its renames concurrently.
    await settleAll(
      displaced.map(async (path, index) => {
        const target = join(root, path);
        const backup = join(staging, `old-${index}`);
        if (!(await moveAside(target, backup))) return;
        undo.push(async () => {
          await mkdir(dirname(target), { recursive: true });
          await rename(backup, target);
        });
      }),
    );
    await pruneEmptyDirectories(root, displaced, writes, undo);
    const made = new Set<string>();
    for (const write of writes) await makeParents(root, write.path, made, undo);
    await settleAll(
      writes.map(async (write, index) => {
        const target = join(root, write.path);
        await rename(staged[index] as string, target);
        undo.push(() => unlink(target));
      }),
    );
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

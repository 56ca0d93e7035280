import type { FileChange, FileMode } from '@healing/adapters';
import { gitBlobId, PatchError } from '@healing/adapters';
import { applyBinaryPatch } from './apply-binary.js';
import { applyHunks } from './apply-hunks.js';
import { asBuffer } from './bytes.js';
import { type CachedView, createCachedView } from './cached-view.js';
import { isSymlinkMode, toFileMode } from './file-modes.js';
import { toFilePatches } from './patch-input.js';
import { reverseFilePatch } from './reverse-file-patch.js';
import { parentDirectories, safePath } from './safe-path.js';
import type {
  ApplyOptions,
  FilePatch,
  FileView,
  FileViewEntry,
  PatchApplication,
  PatchedFile,
  PatchInput,
} from './types.js';

const DELETED = 'deleted';
type PathState = FileViewEntry | typeof DELETED;

/** One step of the application: a file patch, or (under reverse) the undoing of a copy. */
interface Operation {
  readonly patch: FilePatch;
  readonly oldPath: string | null;
  readonly newPath: string | null;
  readonly isUncopy: boolean;
}

function toOperation(patch: FilePatch, isUncopy = false): Operation {
  const oldPath = patch.oldPath === null ? null : safePath(patch.oldPath);
  const newPath = patch.newPath === null ? null : safePath(patch.newPath);
  for (const [mode, path] of [
    [patch.oldMode, oldPath],
    [patch.newMode, newPath],
  ] as const) {
    if (mode !== undefined) toFileMode(mode, path ?? oldPath ?? newPath ?? '(unnamed)');
  }
  return { patch, oldPath, newPath, isUncopy };
}

/** The inverse sequence: each patch reversed, last first, so later changes are undone first. */
function orient(patches: readonly FilePatch[], reverse: boolean): Operation[] {
  if (!reverse) return patches.map((patch) => toOperation(patch));
  return [...patches].reverse().map((patch) => {
    if (patch.status !== 'copied') return toOperation(reverseFilePatch(patch));
    // Undoing a copy deletes the copy after checking it still reads as source plus hunks.
    const backwards = reverseFilePatch({ ...patch, status: 'modified' });
    return toOperation(backwards, true);
  });
}

/**
 * No context line anywhere means the patch was made with -U0: apply it as `git apply
 * --unidiff-zero` does (plain `git apply` would put such insertions at the end of the file).
 */
function isUnidiffZero(patches: readonly FilePatch[]): boolean {
  return !patches.some((patch) => patch.hunks.some((hunk) => hunk.lines.some((line) => line.kind === ' ')));
}

interface Engine {
  readonly view: CachedView;
  readonly results: Map<string, PathState>;
  readonly toBeDeleted: Set<string>;
  readonly renamedFrom: Map<string, string>;
  readonly unidiffZero: boolean;
}

function missing(path: string, why: string): PatchError {
  return new PatchError(
    'NOT_FOUND',
    `patch does not apply: ${path} ${why}; check that the patch is for this tree`,
    {
      details: { path },
    },
  );
}

async function checkCreatable(engine: Engine, path: string): Promise<void> {
  const prior = engine.results.get(path);
  if (prior === DELETED || (prior === undefined && engine.toBeDeleted.has(path))) return;
  if (prior !== undefined || (await engine.view.read(path)) !== null) {
    throw new PatchError(
      'ALREADY_EXISTS',
      `patch does not apply: ${path} already exists but the patch creates it; remove it or regenerate the patch`,
      { details: { path } },
    );
  }
}

async function readPreimage(engine: Engine, op: Operation): Promise<FileViewEntry | null> {
  const { patch, oldPath } = op;
  if (patch.status === 'added' || oldPath === null) return null;
  let preimage: FileViewEntry | null;
  // As in git, renames and copies read the tree as it was; other patches see earlier results.
  if (patch.status === 'renamed' || patch.status === 'copied') preimage = await engine.view.read(oldPath);
  else {
    const prior = engine.results.get(oldPath);
    if (prior === DELETED) throw missing(oldPath, 'was already deleted by an earlier part of this patch');
    preimage = prior ?? (await engine.view.read(oldPath));
  }
  if (!preimage) throw missing(oldPath, 'does not exist');
  if (patch.oldMode !== undefined && isSymlinkMode(patch.oldMode) !== isSymlinkMode(preimage.mode)) {
    const expected = isSymlinkMode(patch.oldMode) ? 'a symbolic link' : 'a regular file';
    throw new PatchError(
      'PATCH_CONFLICT',
      `patch does not apply: ${oldPath} has the wrong type (mode ${preimage.mode}); the patch expects ${expected}`,
      { details: { path: oldPath, mode: preimage.mode } },
    );
  }
  return preimage;
}

function deleteWithoutData(patch: FilePatch, preimage: FileViewEntry | null, path: string): Uint8Array {
  if (patch.status === 'deleted' && preimage && patch.oldId && gitBlobId(preimage.content) === patch.oldId) {
    return new Uint8Array(0);
  }
  throw new PatchError(
    'PATCH_UNSUPPORTED',
    `${path} is a binary change without data ("Binary files differ"): regenerate the patch with git diff --binary`,
    { details: { path } },
  );
}

function newContent(engine: Engine, op: Operation, preimage: FileViewEntry | null): Uint8Array {
  const { patch } = op;
  const path = op.newPath ?? op.oldPath ?? '';
  if (patch.isBinaryWithoutData) return deleteWithoutData(patch, preimage, path);
  if (patch.binary) return applyBinaryPatch(patch, preimage?.content ?? null, path);
  const before = preimage?.content ?? new Uint8Array(0);
  if (patch.hunks.length === 0) return before;
  return applyHunks(before, patch.hunks, path, engine.unidiffZero);
}

async function applyUncopy(engine: Engine, op: Operation, preimage: FileViewEntry, copyPath: string) {
  const source = op.newPath === null ? null : await engine.view.read(op.newPath);
  const restored = newContent(engine, op, preimage);
  if (!source || !asBuffer(source.content).equals(restored)) {
    throw new PatchError(
      'PATCH_CONFLICT',
      `cannot undo the copy to ${copyPath}: it no longer matches its source ${op.newPath}`,
      { details: { path: copyPath } },
    );
  }
  engine.results.set(copyPath, DELETED);
}

async function applyOperation(engine: Engine, op: Operation): Promise<PatchedFile> {
  const { patch, oldPath, newPath } = op;
  const preimage = await readPreimage(engine, op);
  if (op.isUncopy && oldPath !== null && preimage) {
    await applyUncopy(engine, op, preimage, oldPath);
    return { path: oldPath, status: 'deleted' };
  }
  const creates = patch.status === 'added' || patch.status === 'renamed' || patch.status === 'copied';
  if (creates && newPath !== null) await checkCreatable(engine, newPath);
  const content = newContent(engine, op, preimage);
  if (patch.status === 'deleted' || newPath === null) {
    const path = oldPath ?? '';
    if (content.length > 0) {
      throw new PatchError(
        'PATCH_CONFLICT',
        `patch does not apply: deleting ${path} would leave content the patch does not remove; regenerate the patch`,
        { details: { path } },
      );
    }
    engine.results.set(path, DELETED);
    engine.renamedFrom.delete(path);
    return { path, status: 'deleted' };
  }
  const mode: FileMode = toFileMode(patch.newMode ?? preimage?.mode ?? '100644', newPath);
  if (patch.status === 'renamed' && oldPath !== null) engine.results.set(oldPath, DELETED);
  engine.results.set(newPath, { content, mode });
  if (patch.status === 'renamed' && oldPath !== null) engine.renamedFrom.set(newPath, oldPath);
  else engine.renamedFrom.delete(newPath);
  const moved = (patch.status === 'renamed' || patch.status === 'copied') && oldPath !== null;
  return moved ? { path: newPath, oldPath, status: patch.status } : { path: newPath, status: patch.status };
}

/** Refuses paths that lie beyond a symbolic link of the tree (git: "beyond a symbolic link"). */
async function checkNotBeyondSymlink(view: CachedView, paths: Iterable<string>): Promise<void> {
  for (const path of paths) {
    for (const directory of parentDirectories(path)) {
      const entry = await view.read(directory);
      if (entry && isSymlinkMode(entry.mode)) {
        throw new PatchError(
          'UNSAFE_PATH',
          `unsafe patch: ${path} is beyond the symbolic link ${directory}; healing never reads or writes through a link`,
          { details: { path, symlink: directory } },
        );
      }
    }
  }
}

/** Every written file's directories must be directories after the patch, never links or files. */
async function checkWritableParents(engine: Engine, path: string): Promise<void> {
  for (const directory of parentDirectories(path)) {
    const state = engine.results.get(directory) ?? (await engine.view.read(directory));
    if (!state || state === DELETED) continue;
    if (isSymlinkMode(state.mode)) {
      throw new PatchError(
        'UNSAFE_PATH',
        `unsafe patch: writing ${path} would go through the symbolic link ${directory}; healing never writes through a link`,
        { details: { path, symlink: directory } },
      );
    }
    throw new PatchError(
      'PATCH_CONFLICT',
      `patch does not apply: ${path} needs ${directory} to be a directory, but it is a file`,
      { details: { path, file: directory } },
    );
  }
}

async function collectChanges(engine: Engine): Promise<FileChange[]> {
  const deletes: FileChange[] = [];
  const writes: FileChange[] = [];
  for (const [path, state] of engine.results) {
    if (state === DELETED) {
      if ((await engine.view.read(path)) !== null) deletes.push({ kind: 'delete', path });
      continue;
    }
    await checkWritableParents(engine, path);
    const renamedFrom = engine.renamedFrom.get(path);
    writes.push({
      kind: 'write',
      path,
      content: state.content,
      mode: state.mode,
      ...(renamedFrom !== undefined && { renamedFrom }),
    });
  }
  const byPath = (a: FileChange, b: FileChange) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return [...deletes.sort(byPath).reverse(), ...writes.sort(byPath)];
}

/**
 * Applies a patch to a view the way `git apply` (no fuzz) applies it to a working tree, and
 * returns every resulting change without writing anything: all files apply or it throws.
 * Throws PatchError: PATCH_PARSE_FAILED, PATCH_CONFLICT, PATCH_UNSUPPORTED, UNSAFE_PATH,
 * NOT_FOUND (modifying or deleting a missing file), ALREADY_EXISTS (creating an existing one).
 */
export async function applyPatch(
  input: PatchInput,
  view: FileView,
  options: ApplyOptions = {},
): Promise<PatchApplication> {
  const patches = toFilePatches(input, options.recount === true ? { recount: true } : {});
  const operations = orient(patches, options.reverse === true);
  const cached = createCachedView(view);
  const touched = new Set<string>();
  for (const op of operations) {
    for (const path of [op.oldPath, op.newPath]) {
      if (path === null) continue;
      touched.add(path);
      for (const directory of parentDirectories(path)) touched.add(directory);
    }
  }
  await cached.prefetch(touched);
  // As git does, no path may lie beyond a link of the tree, even one the patch removes.
  await checkNotBeyondSymlink(cached, touched);
  const engine: Engine = {
    view: cached,
    results: new Map(),
    toBeDeleted: new Set(
      operations
        .filter((op) => op.patch.status === 'deleted' || op.patch.status === 'renamed' || op.isUncopy)
        .flatMap((op) => (op.oldPath === null ? [] : [op.oldPath])),
    ),
    renamedFrom: new Map(),
    unidiffZero: isUnidiffZero(patches),
  };
  const files: PatchedFile[] = [];
  for (const op of operations) files.push(await applyOperation(engine, op));
  return { changes: await collectChanges(engine), files };
}

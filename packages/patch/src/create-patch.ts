import { isUtf8 } from 'node:buffer';
import { gitBlobId } from '@healing/adapters';
import { asBuffer, isBinaryContent } from './bytes.js';
import { isSymlinkMode } from './file-modes.js';
import { findRenames, type Rename } from './find-renames.js';
import { formatPatch } from './format-patch.js';
import { diffHunks } from './line-diff.js';
import { safePath } from './safe-path.js';
import type { CreatePatchOptions, FilePatch, FileViewEntry } from './types.js';

const NULL_ID = '0'.repeat(40);

type Tree = ReadonlyMap<string, FileViewEntry>;

function normalizeTree(tree: Tree): Map<string, FileViewEntry> {
  const out = new Map<string, FileViewEntry>();
  for (const [path, entry] of tree) out.set(safePath(path), entry);
  return out;
}

/** Content git would diff as text; other bytes travel as a binary literal so the patch stays exact. */
function isText(content: Uint8Array): boolean {
  return !isBinaryContent(content) && isUtf8(content);
}

function filePatch(
  oldPath: string | null,
  newPath: string | null,
  before: FileViewEntry | null,
  after: FileViewEntry | null,
  context: number,
): FilePatch {
  const status = before === null ? 'added' : after === null ? 'deleted' : 'modified';
  const oldContent = before?.content ?? new Uint8Array(0);
  const newContent = after?.content ?? new Uint8Array(0);
  const base = {
    status,
    oldPath,
    newPath,
    ...(before && { oldMode: before.mode }),
    ...(after && { newMode: after.mode }),
    oldId: before ? gitBlobId(oldContent) : NULL_ID,
    newId: after ? gitBlobId(newContent) : NULL_ID,
    isGit: true,
    patchLine: 0,
  } as const;
  if (asBuffer(oldContent).equals(newContent)) return { ...base, hunks: [] };
  if (isText(oldContent) && isText(newContent))
    return { ...base, hunks: diffHunks(oldContent, newContent, context) };
  return {
    ...base,
    hunks: [],
    binary: {
      forward: { kind: 'literal', data: newContent },
      reverse: { kind: 'literal', data: oldContent },
    },
  };
}

function renamePatch(
  oldPath: string,
  newPath: string,
  before: FileViewEntry,
  after: FileViewEntry,
  similarity: number,
  context: number,
): FilePatch {
  const changed = !asBuffer(before.content).equals(after.content);
  return {
    status: 'renamed',
    oldPath,
    newPath,
    oldMode: before.mode,
    newMode: after.mode,
    similarity,
    ...(changed && { oldId: gitBlobId(before.content), newId: gitBlobId(after.content) }),
    isGit: true,
    hunks: changed ? diffHunks(before.content, after.content, context) : [],
    patchLine: 0,
  };
}

/**
 * A git-format patch that turns `before` into `after` (maps of path to content and mode):
 * line diffs for text, binary literals for the rest, mode changes, and renames (exact, and
 * text files that keep at least half their lines, as git diff -M finds them).
 * `git apply` accepts it and produces exactly `after`.
 */
export function createPatch(beforeTree: Tree, afterTree: Tree, options: CreatePatchOptions = {}): string {
  const context = Math.max(0, Math.floor(options.context ?? 3));
  const before = normalizeTree(beforeTree);
  const after = normalizeTree(afterTree);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const typeChanged = (path: string) =>
    isSymlinkMode(before.get(path)?.mode) !== isSymlinkMode(after.get(path)?.mode);
  const deleted = paths.filter((path) => before.has(path) && (!after.has(path) || typeChanged(path)));
  const added = paths.filter((path) => after.has(path) && (!before.has(path) || typeChanged(path)));
  const renames =
    options.detectRenames === false ? new Map<string, Rename>() : findRenames(before, after, deleted, added);
  const renamedSources = new Set([...renames.values()].map((rename) => rename.source));
  const patches: FilePatch[] = [];
  for (const path of paths) {
    const old = before.get(path) ?? null;
    const next = after.get(path) ?? null;
    if (old && next && !typeChanged(path)) {
      if (old.mode !== next.mode || !asBuffer(old.content).equals(next.content)) {
        patches.push(filePatch(path, path, old, next, context));
      }
      continue;
    }
    if (old && !renamedSources.has(path)) patches.push(filePatch(path, null, old, null, context));
    if (!next) continue;
    const rename = renames.get(path);
    if (rename === undefined) patches.push(filePatch(null, path, null, next, context));
    else {
      const source = before.get(rename.source) as FileViewEntry;
      patches.push(renamePatch(rename.source, path, source, next, rename.similarity, context));
    }
  }
  return formatPatch(patches);
}

// Public API of @healing/patch: parse, apply and create git-format diffs exactly as git does.
export { applyPatch } from './apply-patch.js';
export { createPatch } from './create-patch.js';
export { diffStat } from './diff-stat.js';
export { formatPatch } from './format-patch.js';
export { createDirectoryView } from './fs/directory-view.js';
export { readTree } from './fs/read-tree.js';
export { writeChanges } from './fs/write-changes.js';
export { createRevertPatch } from './merge/create-revert-patch.js';
export { type MergedFile, mergeFile, type ThreeWayFile } from './merge/merge-file.js';
export { type LineMergeResult, mergeLines } from './merge/merge-lines.js';
export { revertConflictError } from './merge/revert-conflict-error.js';
export { parsePatch } from './parse-patch.js';
export { reversePatch } from './reverse-patch.js';
export { touchedPaths } from './touched-paths.js';
export type {
  ApplyOptions,
  BinaryHunk,
  BinaryPatch,
  CreatePatchOptions,
  FilePatch,
  FilePatchStatus,
  FileView,
  FileViewEntry,
  Hunk,
  HunkLine,
  ParseOptions,
  PatchApplication,
  PatchedFile,
  PatchInput,
} from './types.js';

import type { FileChange, FileMode } from '@healing/adapters';

/** One file as a view sees it. Mode 120000: `content` is the link target. */
export interface FileViewEntry {
  readonly content: Uint8Array;
  readonly mode: FileMode;
}

/**
 * Read access to the tree a patch applies to: a working tree, a git commit, a remote branch.
 * A view never follows symbolic links: a path beyond a link reads as null.
 */
export interface FileView {
  /** null when the path does not exist (or is a directory). */
  read(path: string): Promise<FileViewEntry | null>;
}

export type FilePatchStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied';

/** A line of a hunk. `content` keeps its line ending; it lacks "\n" when the line is the file's last without one. */
export interface HunkLine {
  readonly kind: ' ' | '-' | '+';
  readonly content: Uint8Array;
}

export interface Hunk {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** Text after the closing "@@" (git puts the enclosing function there). */
  readonly section: string;
  readonly lines: readonly HunkLine[];
  /** 1-based line of the "@@" header in the patch text, for messages. */
  readonly patchLine: number;
}

/** A `GIT binary patch` hunk, already base85-decoded and inflated. */
export interface BinaryHunk {
  readonly kind: 'literal' | 'delta';
  readonly data: Uint8Array;
}

export interface BinaryPatch {
  readonly forward: BinaryHunk;
  /** The hunk that undoes `forward`; git writes it, and `-R` needs it. */
  readonly reverse?: BinaryHunk;
}

/** One file's part of a patch, as parsed. Paths are as written (after stripping `a/`/`b/`), not yet checked. */
export interface FilePatch {
  readonly status: FilePatchStatus;
  /** null for added files. */
  readonly oldPath: string | null;
  /** null for deleted files. */
  readonly newPath: string | null;
  /** Raw octal modes from the header (e.g. "100644"); absent when the patch does not say. */
  readonly oldMode?: string;
  readonly newMode?: string;
  /** Object ids from the `index` line (abbreviated unless the patch used --full-index). */
  readonly oldId?: string;
  readonly newId?: string;
  readonly similarity?: number;
  readonly dissimilarity?: number;
  /** True for `diff --git` sections, false for plain unified diffs. */
  readonly isGit: boolean;
  readonly hunks: readonly Hunk[];
  readonly binary?: BinaryPatch;
  /** "Binary files a and b differ": a binary change without data (cannot be applied). */
  readonly isBinaryWithoutData?: boolean;
  /** 1-based line where this file's header starts, for messages. */
  readonly patchLine: number;
}

export interface PatchedFile {
  readonly path: string;
  readonly oldPath?: string;
  readonly status: FilePatchStatus;
}

/** The outcome of applying a patch to a view: nothing is written yet. */
export interface PatchApplication {
  /** Writes (with mode; renamedFrom set on renames) and deletes, deletes first: safe to apply in order. */
  readonly changes: readonly FileChange[];
  readonly files: readonly PatchedFile[];
}

export interface ParseOptions {
  /**
   * Ignore the line counts in "@@" headers and count the hunk's lines instead (git apply
   * --recount): for patches written by hand or by a model, whose counts are often wrong.
   */
  readonly recount?: boolean;
}

export interface ApplyOptions extends ParseOptions {
  /** Apply the inverse of the patch (git apply -R). */
  readonly reverse?: boolean;
}

export interface CreatePatchOptions {
  /** Lines of context around each change; git's default is 3. */
  readonly context?: number;
  /** Pair deleted and added files with identical content as renames (default true). */
  readonly detectRenames?: boolean;
}

export type PatchInput = string | Uint8Array | readonly FilePatch[];

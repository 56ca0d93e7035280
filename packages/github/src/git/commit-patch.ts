import type { CommitPatchOptions, FileChange } from '@healing/adapters';
import { assertBranchName } from '@healing/adapters';
import { applyPatch, touchedPaths } from '@healing/patch';
import { type BranchHead, readBranchHead } from '../tree/branch-head.js';
import { commitChanges, type TreeWriterContext } from '../tree/commit-changes.js';
import { type BlobCache, createTreeFileView } from './tree-file-view.js';

export interface CommitPatchContext extends TreeWriterContext {
  readonly blobs: BlobCache;
  /** The commit sha and tree of a revision (HEAD: the default branch). */
  readonly resolve: (revision: string) => Promise<{ sha: string; treeSha: string }>;
}

const PRIME_THRESHOLD = 16;

/** The branch's head, or `base` (HEAD: the default branch) when the branch does not exist yet. */
async function headOrBase(
  context: CommitPatchContext,
  branch: string,
  base: string | undefined,
): Promise<{ head: BranchHead; exists: boolean }> {
  assertBranchName(branch);
  try {
    return { head: await readBranchHead(context.octokit, context.coordinates, branch), exists: true };
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'NOT_FOUND')) throw error;
  }
  const start = await context.resolve(base ?? 'HEAD');
  return { head: { commitSha: start.sha, treeSha: start.treeSha }, exists: false };
}

/**
 * Applies a patch as one commit without a working tree: reads only the files the patch
 * touches (through cached trees and blobs), applies it with @healing/patch, and commits the
 * result on the head it read from; a moved branch is retried only when those files did not change.
 */
export async function commitPatchOnBranch(
  context: CommitPatchContext,
  patch: string,
  options: CommitPatchOptions,
  author: CommitPatchOptions['author'],
): Promise<{ sha: string; changes: readonly FileChange[] }> {
  const { head, exists } = await headOrBase(context, options.branch, options.base);
  // Walking costs a request per directory; past a handful, one recursive tree read is cheaper.
  if (touchedPaths(patch).length > PRIME_THRESHOLD) await context.trees.prime(head.treeSha);
  const view = createTreeFileView(context.trees, context.blobs, head.treeSha);
  const application = await applyPatch(patch, view, { reverse: options.reverse === true });
  // A new branch is created at the commit itself: one push, so CI runs once, on the change.
  const result = await commitChanges(context, {
    branch: options.branch,
    changes: application.changes,
    message: options.message,
    base: head,
    createBranch: !exists,
    ...(author ? { author } : {}),
  });
  if (application.changes.length === 0) return { sha: head.commitSha, changes: [] };
  return { sha: result.commitSha, changes: application.changes };
}

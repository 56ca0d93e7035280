import type { TreeChange } from './git/git-repository.js';
import type { SimUser } from './json/user-json.js';
import { branchHead } from './resolve-ref.js';
import type { RepoState } from './state.js';

export interface BranchCommitInput {
  readonly branch: string;
  readonly changes: readonly TreeChange[];
  readonly message: string;
  readonly user: SimUser;
  readonly date: string;
  /** The head the caller read; the commit is refused if the branch is elsewhere. Read now when undefined. */
  readonly expectedHead?: string | null;
  /** Parent for a branch that does not exist yet (e.g. the default branch's head); a root commit when absent. */
  readonly parentIfMissing?: string | null;
}

export interface BranchCommit {
  readonly before: string | null;
  readonly sha: string;
}

/**
 * Commits `changes` on top of the branch head and moves the branch, refusing (ConflictError
 * VERSION_CONFLICT) if the branch moved meanwhile.
 */
export async function commitToBranch(repo: RepoState, input: BranchCommitInput): Promise<BranchCommit> {
  const before = input.expectedHead === undefined ? await branchHead(repo, input.branch) : input.expectedHead;
  const parent = before ?? input.parentIfMissing ?? null;
  const baseTree = parent ? ((await repo.git.readCommit(parent))?.tree ?? null) : null;
  const tree = await repo.git.writeTree(baseTree, input.changes);
  const signature = { name: input.user.name, email: input.user.email, date: input.date };
  const sha = await repo.git.commitTree({
    tree,
    parents: parent ? [parent] : [],
    message: input.message,
    author: signature,
    committer: signature,
  });
  await repo.git.updateRef(`refs/heads/${input.branch}`, sha, before);
  repo.pushedAt = input.date;
  return { before, sha };
}

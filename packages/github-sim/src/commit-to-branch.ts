import type { TreeChange } from './git/git-repository.js';
import type { SimUser } from './json/user-json.js';
import { branchHead } from './resolve-ref.js';
import type { RepoState } from './state.js';

export interface Identity {
  readonly name: string;
  readonly email: string;
  readonly date?: string | undefined;
}

export interface BranchCommitInput {
  readonly branch: string;
  readonly changes: readonly TreeChange[];
  readonly message: string;
  readonly user: SimUser;
  /** GitHub's optional `author` and `committer`; both default to `user`, the author to the committer. */
  readonly author?: Identity | undefined;
  readonly committer?: Identity | undefined;
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
  const signatureOf = (identity: Identity) => ({
    name: identity.name,
    email: identity.email,
    date: identity.date && !Number.isNaN(Date.parse(identity.date)) ? identity.date : input.date,
  });
  const committer = signatureOf(input.committer ?? input.user);
  const author = signatureOf(input.author ?? input.committer ?? input.user);
  const sha = await repo.git.commitTree({
    tree,
    parents: parent ? [parent] : [],
    message: input.message,
    author,
    committer,
  });
  await repo.git.updateRef(`refs/heads/${input.branch}`, sha, before);
  repo.pushedAt = input.date;
  return { before, sha };
}

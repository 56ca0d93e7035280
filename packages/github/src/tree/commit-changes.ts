import {
  ConflictError,
  type FileChange,
  type GitIdentity,
  gitBlobId,
  HealingError,
  versionConflict,
} from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { githubMessageOf, statusOf, toGitHubError } from '../errors/github-request-error.js';
import { type BranchHead, readBranchHead } from './branch-head.js';
import { type PlannedEntry, planTreeRequests, type TreeLimits } from './plan-tree-requests.js';
import { touchedPathsChanged } from './touched-paths-changed.js';
import type { TreeReader } from './tree-reader.js';

export interface TreeWriterContext {
  readonly octokit: GitHubClient;
  readonly coordinates: RepositoryCoordinates;
  readonly trees: TreeReader;
  readonly limits?: TreeLimits;
  /** Attempts when the branch moves under us and the touched paths did not change (default 8). */
  readonly maxAttempts?: number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly random?: () => number;
}

export interface CommitChangesInput {
  readonly branch: string;
  /** Paths already normalised. */
  readonly changes: readonly FileChange[];
  readonly message: string;
  readonly author?: GitIdentity;
  /** Per-path compare-and-swap against the head the commit is built on. */
  readonly expectedVersions?: Readonly<Record<string, string | null>>;
  /** The head the caller read its files from; read afresh when omitted. */
  readonly base?: BranchHead;
  /**
   * The branch does not exist yet: create it at the new commit (one push, so the repository's
   * CI runs once, on the change) instead of moving it. `base` is then where it starts from.
   */
  readonly createBranch?: boolean;
}

export interface CommitChangesResult {
  readonly commitSha: string;
  readonly treeSha: string;
  readonly parentSha: string;
  readonly versions: Readonly<Record<string, string>>;
}

const BLOB_CONCURRENCY = 8;
const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/**
 * Commits file changes through the git data API in 4 + B requests: the branch head, one
 * `POST /git/trees` with `base_tree` and inline text (chained when past the limits), the commit,
 * and a `PATCH` of the ref with `force: false`. When the ref moved meanwhile, the commit is
 * rebuilt on the new head only if none of the touched paths changed; otherwise a typed conflict.
 */
export async function commitChanges(
  context: TreeWriterContext,
  input: CommitChangesInput,
): Promise<CommitChangesResult> {
  const { octokit, coordinates } = context;
  const where = `${coordinates.owner}/${coordinates.repo}@${input.branch}`;
  let head = input.base ?? (await readBranchHead(octokit, coordinates, input.branch));
  if (input.expectedVersions) await checkExpectedVersions(context.trees, head, input.expectedVersions);

  const plan = planTreeRequests(input.changes, context.limits);
  const blobShas = await createBlobs(
    context,
    plan.blobs.map((blob) => blob.content),
  );
  const versions: Record<string, string> = {};
  for (const change of input.changes)
    if (change.kind === 'write') versions[change.path] = gitBlobId(change.content);
  const touched = [
    ...new Set([...input.changes.map((change) => change.path), ...Object.keys(input.expectedVersions ?? {})]),
  ];

  const maxAttempts = context.maxAttempts ?? 8;
  let isNewBranch = input.createBranch === true;
  for (let attempt = 1; ; attempt += 1) {
    let treeSha = head.treeSha;
    for (const chunk of plan.chunks) treeSha = await postTree(context, treeSha, chunk, blobShas);
    // Nothing changed: an empty commit would only be noise (and a duplicate if ever retried).
    if (treeSha === head.treeSha) {
      if (isNewBranch) await createBranchAt(context, input.branch, head.commitSha);
      return { commitSha: head.commitSha, treeSha, parentSha: head.commitSha, versions };
    }
    const commitSha = await postCommit(context, input, treeSha, head.commitSha);
    const wasNewBranch = isNewBranch;
    isNewBranch = false;
    try {
      if (wasNewBranch) {
        await octokit.rest.git.createRef({
          ...coordinates,
          ref: `refs/heads/${input.branch}`,
          sha: commitSha,
        });
      } else {
        await octokit.rest.git.updateRef({
          ...coordinates,
          ref: `heads/${input.branch}`,
          sha: commitSha,
          force: false,
        });
      }
      return { commitSha, treeSha, parentSha: head.commitSha, versions };
    } catch (error) {
      const moved = await readBranchHead(octokit, coordinates, input.branch).catch((readError: unknown) => {
        // The branch still does not exist: creating it failed for another reason than a race.
        if (wasNewBranch && readError instanceof HealingError && readError.code === 'NOT_FOUND') {
          throw toGitHubError(error, `creating ${where} at ${commitSha.slice(0, 12)}`);
        }
        throw readError;
      });
      if (moved.commitSha === commitSha) return { commitSha, treeSha, parentSha: head.commitSha, versions };
      // Creating a branch that somebody made meanwhile is refused like a move that is not a
      // fast-forward: the same rule decides whether to rebuild on their head.
      const isRefused = wasNewBranch ? isAlreadyExists(error) : isNotFastForward(error);
      const changed = await touchedPathsChanged(context.trees, head.treeSha, moved.treeSha, touched);
      // Our paths changed, or the failure was not a plain refusal: the answer may have been lost
      // after the ref moved (a 5xx, then a retry that met someone else's commit). If our commit is
      // on the branch it landed, and committing again would duplicate it.
      if ((changed.length > 0 || !isRefused) && (await commitLanded(context, commitSha, moved.commitSha))) {
        return { commitSha, treeSha, parentSha: head.commitSha, versions };
      }
      // A branch created meanwhile at our own base is no surprise: commit on it.
      if (!isRefused || (!wasNewBranch && moved.commitSha === head.commitSha)) {
        throw toGitHubError(error, `moving ${where} to ${commitSha.slice(0, 12)}`);
      }
      if (changed.length > 0) {
        throw new ConflictError(
          'VERSION_CONFLICT',
          `${where} moved to ${moved.commitSha.slice(0, 12)} and changed ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} meanwhile; read them again and reapply the change`,
          { cause: error, details: { branch: input.branch, changed, head: moved.commitSha } },
        );
      }
      if (attempt >= maxAttempts) {
        throw new ConflictError(
          'VERSION_CONFLICT',
          `${where} kept moving: ${maxAttempts} attempts to commit on its head were overtaken; retry later`,
          { cause: error, details: { branch: input.branch, attempts: attempt } },
        );
      }
      head = moved;
      const random = context.random ?? Math.random;
      await (context.sleep ?? defaultSleep)(Math.min(20 * 2 ** attempt, 1000) * random());
    }
  }
}

/** Creates `branch` at `sha`; one that exists already (a race) is left as it is. */
async function createBranchAt(context: TreeWriterContext, branch: string, sha: string): Promise<void> {
  try {
    await context.octokit.rest.git.createRef({ ...context.coordinates, ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    if (!isAlreadyExists(error))
      throw toGitHubError(error, `creating branch ${branch} at ${sha.slice(0, 12)}`);
  }
}

async function commitLanded(
  context: TreeWriterContext,
  commitSha: string,
  headSha: string,
): Promise<boolean> {
  if (commitSha === headSha) return true;
  try {
    const { data } = await context.octokit.rest.repos.compareCommitsWithBasehead({
      ...context.coordinates,
      basehead: `${commitSha}...${headSha}`,
      per_page: 1,
    });
    return data.status === 'ahead' || data.status === 'identical';
  } catch (error) {
    throw toGitHubError(error, `checking whether ${commitSha.slice(0, 12)} reached the branch`);
  }
}

function isAlreadyExists(error: unknown): boolean {
  return statusOf(error) === 422 && /already exists/i.test(githubMessageOf(error));
}

function isNotFastForward(error: unknown): boolean {
  const status = statusOf(error);
  return status === 409 || (status === 422 && /fast[- ]forward/i.test(githubMessageOf(error)));
}

async function checkExpectedVersions(
  trees: TreeReader,
  head: BranchHead,
  expected: Readonly<Record<string, string | null>>,
): Promise<void> {
  await Promise.all(
    Object.entries(expected).map(async ([path, version]) => {
      const entry = await trees.entryAt(head.treeSha, path);
      const actual = entry && entry.type === 'blob' ? entry.sha : null;
      if (actual !== version) throw versionConflict(path, version, actual);
    }),
  );
}

async function createBlobs(context: TreeWriterContext, contents: readonly Uint8Array[]): Promise<string[]> {
  const shas: string[] = new Array(contents.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < contents.length; index = next++) {
      const content = contents[index] ?? new Uint8Array();
      try {
        const { data } = await context.octokit.rest.git.createBlob({
          ...context.coordinates,
          content: Buffer.from(content).toString('base64'),
          encoding: 'base64',
        });
        shas[index] = data.sha;
      } catch (error) {
        throw toGitHubError(error, `uploading a ${content.byteLength}-byte blob`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOB_CONCURRENCY, contents.length) }, worker));
  return shas;
}

type TreeParameter = NonNullable<Parameters<GitHubClient['rest']['git']['createTree']>[0]>['tree'][number];

function toTreeParameter(entry: PlannedEntry, blobShas: readonly string[]): TreeParameter {
  if (entry.kind === 'delete') return { path: entry.path, mode: '100644', type: 'blob', sha: null };
  if (entry.kind === 'inline')
    return { path: entry.path, mode: entry.mode, type: 'blob', content: entry.content };
  const sha = blobShas[entry.blobIndex];
  if (sha === undefined) throw new HealingError('INTERNAL', `no blob was created for ${entry.path}`);
  return { path: entry.path, mode: entry.mode, type: 'blob', sha };
}

async function postTree(
  context: TreeWriterContext,
  baseTree: string,
  chunk: readonly PlannedEntry[],
  blobShas: readonly string[],
): Promise<string> {
  try {
    const { data } = await context.octokit.rest.git.createTree({
      ...context.coordinates,
      base_tree: baseTree,
      tree: chunk.map((entry) => toTreeParameter(entry, blobShas)),
    });
    return data.sha;
  } catch (error) {
    throw toGitHubError(error, `writing a tree of ${chunk.length} entries on ${baseTree.slice(0, 12)}`);
  }
}

async function postCommit(
  context: TreeWriterContext,
  input: CommitChangesInput,
  treeSha: string,
  parentSha: string,
): Promise<string> {
  try {
    const { data } = await context.octokit.rest.git.createCommit({
      ...context.coordinates,
      message: input.message,
      tree: treeSha,
      parents: [parentSha],
      ...(input.author ? { author: { name: input.author.name, email: input.author.email } } : {}),
    });
    return data.sha;
  } catch (error) {
    throw toGitHubError(error, `creating a commit on ${parentSha.slice(0, 12)}`);
  }
}

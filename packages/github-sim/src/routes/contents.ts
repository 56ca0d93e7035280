import { isHealingError } from '@healing/adapters';
import { z } from 'zod';
import { commitToBranch } from '../commit-to-branch.js';
import type { RouteContext, RouteHandler } from '../context.js';
import { parseTreeObject } from '../git/parse-tree.js';
import { decodeBase64 } from '../http/encoding.js';
import { githubError, notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { gitCommitJson } from '../json/commit-json.js';
import { contentEntryJson, contentTypeOf } from '../json/content-json.js';
import { wrappedBase64 } from '../json/git-data-json.js';
import { branchHead, resolveCommitish } from '../resolve-ref.js';
import { isoNow } from '../state.js';

/** Files above this answer with empty content and encoding "none", as GitHub does: use the blobs API. */
export const CONTENTS_INLINE_LIMIT = 1024 * 1024;

interface PathEntry {
  readonly mode: string;
  readonly sha: string;
}

/** The tree entry at `path` in a commit, read from its parent tree so the mode is known. */
async function entryAt(context: RouteContext, commit: string, path: string): Promise<PathEntry | null> {
  const slash = path.lastIndexOf('/');
  const parent = slash < 0 ? '' : path.slice(0, slash);
  const name = path.slice(slash + 1);
  const tree = await context.repo.git.readObject(parent === '' ? `${commit}^{tree}` : `${commit}:${parent}`);
  if (tree?.type !== 'tree') return null;
  return parseTreeObject(tree.content).find((entry) => entry.name === name) ?? null;
}

function wantsRaw(context: RouteContext): boolean {
  return /vnd\.github(\.v3)?\.raw/.test(String(context.headers.accept ?? ''));
}

const getContent: RouteHandler = async (context) => {
  const { core, repo, url } = context;
  const path = (context.params.path ?? '').replace(/\/+$/, '');
  const refParam = url.searchParams.get('ref');
  const ref = refParam ?? repo.defaultBranch;
  const commit = await resolveCommitish(repo, refParam);
  if (!commit) throw githubError(404, `No commit found for the ref ${ref}`);
  if (path === '')
    return listDirectory(context, ref, '', (await repo.git.readObject(`${commit}^{tree}`))?.sha ?? '');
  const entry = await entryAt(context, commit, path);
  if (!entry) throw notFound();
  const type = contentTypeOf(entry.mode);
  if (type === 'dir') return listDirectory(context, ref, path, entry.sha);
  const object = type === 'submodule' ? null : await repo.git.readObject(entry.sha);
  const content = object?.content ?? Buffer.alloc(0);
  if (wantsRaw(context) && type === 'file') {
    return { status: 200, binary: { bytes: content, contentType: 'application/vnd.github.raw' } };
  }
  const json = contentEntryJson(core.base(), repo, ref, { path, sha: entry.sha, size: content.length, type });
  if (type === 'symlink') return { status: 200, body: { ...json, target: content.toString('utf8') } };
  if (type === 'submodule') return { status: 200, body: { ...json, submodule_git_url: '' } };
  const isLarge = content.length > CONTENTS_INLINE_LIMIT;
  return {
    status: 200,
    body: { ...json, content: isLarge ? '' : wrappedBase64(content), encoding: isLarge ? 'none' : 'base64' },
  };
};

async function listDirectory(context: RouteContext, ref: string, path: string, treeSha: string) {
  const entries = await context.repo.git.lsTree(treeSha, false);
  return {
    status: 200,
    body: entries.map((entry) =>
      contentEntryJson(context.core.base(), context.repo, ref, {
        path: path === '' ? entry.path : `${path}/${entry.path}`,
        sha: entry.sha,
        size: entry.size ?? 0,
        type: contentTypeOf(entry.mode),
      }),
    ),
  };
}

const Identity = z.object({ name: z.string(), email: z.string(), date: z.string().optional() });
const PutContentBody = z.object({
  message: z.string(),
  content: z.string(),
  sha: z.string().optional(),
  branch: z.string().optional(),
  committer: Identity.optional(),
  author: Identity.optional(),
});
const DeleteContentBody = z.object({
  message: z.string(),
  sha: z.string(),
  branch: z.string().optional(),
  committer: Identity.optional(),
  author: Identity.optional(),
});

async function headOf(
  context: RouteContext,
  branch: string | undefined,
): Promise<{ branch: string; head: string }> {
  const name = branch ?? context.repo.defaultBranch;
  const head = await branchHead(context.repo, name);
  if (!head) throw githubError(404, `Branch ${name} not found`);
  return { branch: name, head };
}

async function commitAnswer(context: RouteContext, sha: string) {
  const commit = await context.repo.git.readCommit(sha);
  if (!commit) throw githubError(500, `commit ${sha} vanished after it was written`);
  return gitCommitJson(context.core.base(), context.repo, sha, commit);
}

const putContent: RouteHandler = async (context) => {
  const input = validateBody(PutContentBody, context.body);
  const path = context.params.path ?? '';
  const bytes = decodeBase64(input.content, 'content');
  const { branch, head } = await headOf(context, input.branch);
  const existing = await entryAt(context, head, path);
  if (existing && contentTypeOf(existing.mode) === 'dir') throw githubError(422, `${path} is a directory`);
  if (existing && input.sha === undefined)
    throw githubError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (existing && input.sha !== existing.sha) throw githubError(409, `${path} does not match ${input.sha}`);
  const blob = await context.repo.git.writeBlob(bytes);
  const mode = existing?.mode ?? '100644';
  const date = isoNow(() => context.core.now());
  const changes = [{ path, mode, type: 'blob' as const, sha: blob }];
  const result = await commitToBranch(context.repo, {
    branch,
    changes,
    message: input.message,
    user: context.principal.user,
    author: input.author,
    committer: input.committer,
    date,
    expectedHead: head,
  }).catch((error: unknown) => {
    throw isHealingError(error, 'VERSION_CONFLICT')
      ? githubError(409, `${branch} moved while ${path} was being written; read it again`)
      : error;
  });
  context.core.branchMoved(context.repo, `refs/heads/${branch}`, head, result.sha, context.principal.user);
  const content = contentEntryJson(context.core.base(), context.repo, branch, {
    path,
    sha: blob,
    size: bytes.length,
    type: 'file',
  });
  return {
    status: existing ? 200 : 201,
    body: { content, commit: await commitAnswer(context, result.sha) },
  };
};

const deleteContent: RouteHandler = async (context) => {
  const input = validateBody(DeleteContentBody, context.body);
  const path = context.params.path ?? '';
  const { branch, head } = await headOf(context, input.branch);
  const existing = await entryAt(context, head, path);
  if (!existing) throw notFound();
  if (input.sha !== existing.sha) throw githubError(409, `${path} does not match ${input.sha}`);
  const date = isoNow(() => context.core.now());
  const changes = [{ path, sha: null }];
  const result = await commitToBranch(context.repo, {
    branch,
    changes,
    message: input.message,
    user: context.principal.user,
    author: input.author,
    committer: input.committer,
    date,
    expectedHead: head,
  }).catch((error: unknown) => {
    throw isHealingError(error, 'VERSION_CONFLICT')
      ? githubError(409, `${branch} moved while ${path} was being deleted; read it again`)
      : error;
  });
  context.core.branchMoved(context.repo, `refs/heads/${branch}`, head, result.sha, context.principal.user);
  return { status: 200, body: { content: null, commit: await commitAnswer(context, result.sha) } };
};

export const contentRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/contents', getContent),
  defineRoute('GET', '/repos/{owner}/{repo}/contents/{path*}', getContent),
  defineRoute('PUT', '/repos/{owner}/{repo}/contents/{path*}', putContent),
  defineRoute('DELETE', '/repos/{owner}/{repo}/contents/{path*}', deleteContent),
];

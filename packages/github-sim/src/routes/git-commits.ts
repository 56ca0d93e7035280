import { z } from 'zod';
import type { RouteHandler } from '../context.js';
import type { GitSignature } from '../git/parse-commit.js';
import { githubError, notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { gitCommitJson } from '../json/commit-json.js';
import type { SimUser } from '../json/user-json.js';
import { isFullSha } from '../resolve-ref.js';
import { isoNow } from '../state.js';

const Signature = z.object({
  name: z.string().min(1),
  email: z.string().min(1),
  date: z.string().optional(),
});

const CreateCommitBody = z.object({
  message: z.string(),
  tree: z.string(),
  parents: z.array(z.string()).default([]),
  author: Signature.optional(),
  committer: Signature.optional(),
  signature: z.string().optional(),
});

function signature(
  input: z.infer<typeof Signature> | undefined,
  user: SimUser,
  fallbackDate: string,
): GitSignature {
  if (!input) return { name: user.name, email: user.email, date: fallbackDate };
  const date = input.date && !Number.isNaN(Date.parse(input.date)) ? input.date : fallbackDate;
  return { name: input.name, email: input.email, date };
}

const createCommit: RouteHandler = async ({ core, repo, body, principal }) => {
  const input = validateBody(CreateCommitBody, body);
  const tree = isFullSha(input.tree) ? await repo.git.readObject(input.tree) : null;
  if (tree?.type !== 'tree') throw githubError(422, 'Tree SHA does not exist');
  for (const parent of input.parents) {
    const object = isFullSha(parent) ? await repo.git.readObject(parent) : null;
    if (object?.type !== 'commit')
      throw githubError(422, 'Parent SHA does not exist or is not a commit object');
  }
  const now = isoNow(() => core.now());
  const author = signature(input.author, principal.user, now);
  const committer = input.committer ? signature(input.committer, principal.user, now) : author;
  const sha = await repo.git.commitTree({
    tree: tree.sha,
    parents: input.parents,
    message: input.message,
    author,
    committer,
  });
  const commit = await repo.git.readCommit(sha);
  if (!commit) throw githubError(500, `commit ${sha} vanished after it was written`);
  return { status: 201, body: gitCommitJson(core.base(), repo, sha, commit) };
};

const getCommit: RouteHandler = async ({ core, repo, params }) => {
  const sha = params.commit_sha ?? '';
  const commit = isFullSha(sha) ? await repo.git.readCommit(sha) : null;
  if (!commit) throw notFound();
  return { status: 200, body: gitCommitJson(core.base(), repo, sha, commit) };
};

export const gitCommitRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/git/commits', createCommit),
  defineRoute('GET', '/repos/{owner}/{repo}/git/commits/{commit_sha}', getCommit),
];

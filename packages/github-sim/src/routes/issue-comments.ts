import { z } from 'zod';
import type { RouteContext, RouteHandler } from '../context.js';
import { notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { nodeId, simUserJson } from '../json/user-json.js';
import { type CommentRecord, isoNow } from '../state.js';

const CommentBody = z.object({ body: z.string().min(1) });

function commentJson(context: RouteContext, comment: CommentRecord) {
  const { repo } = context;
  const api = `${context.core.base()}/repos/${repo.owner}/${repo.name}`;
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${context.core.base()}/${repo.owner}/${repo.name}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simUserJson(context.core.base(), comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: 'OWNER',
  };
}

function issueNumber(context: RouteContext): number {
  const number = Number(context.params.issue_number);
  // Only pull requests exist as issues in the simulator.
  if (!context.repo.pulls.some((pull) => pull.number === number)) throw notFound();
  return number;
}

const createComment: RouteHandler = async (context) => {
  const number = issueNumber(context);
  const input = validateBody(CommentBody, context.body);
  const now = isoNow(() => context.core.now());
  const comment: CommentRecord = {
    id: context.core.nextId(),
    issueNumber: number,
    user: context.principal.user,
    body: input.body,
    createdAt: now,
    updatedAt: now,
  };
  context.repo.comments.push(comment);
  return { status: 201, body: commentJson(context, comment) };
};

const listComments: RouteHandler = async (context) => {
  const number = issueNumber(context);
  const page = paginate(
    context.repo.comments.filter((comment) => comment.issueNumber === number),
    context.url,
  );
  return { status: 200, body: page.items.map((comment) => commentJson(context, comment)), link: page.link };
};

const updateComment: RouteHandler = async (context) => {
  const id = Number(context.params.comment_id);
  const comment = context.repo.comments.find((candidate) => candidate.id === id);
  if (!comment) throw notFound();
  const input = validateBody(CommentBody, context.body);
  comment.body = input.body;
  comment.updatedAt = isoNow(() => context.core.now());
  return { status: 200, body: commentJson(context, comment) };
};

export const issueCommentRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', createComment),
  defineRoute('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', listComments),
  defineRoute('PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', updateComment),
];

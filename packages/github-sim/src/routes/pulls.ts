import { z } from 'zod';
import type { RouteContext, RouteHandler } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { pullJson, pullSimpleJson } from '../json/pull-json.js';
import { branchHead } from '../resolve-ref.js';
import { isoNow, type PullRecord } from '../state.js';

const CreatePullBody = z.object({
  title: z.string().min(1),
  head: z.string().min(1),
  base: z.string().min(1),
  body: z.string().nullable().optional(),
  draft: z.boolean().default(false),
  maintainer_can_modify: z.boolean().default(true),
  head_repo: z.string().optional(),
  issue: z.number().optional(),
});

const UpdatePullBody = z.object({
  title: z.string().min(1).optional(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  base: z.string().min(1).optional(),
  maintainer_can_modify: z.boolean().optional(),
});

function branchName(context: RouteContext, value: string): string {
  const colon = value.indexOf(':');
  return colon >= 0 && value.slice(0, colon) === context.repo.owner ? value.slice(colon + 1) : value;
}

async function refresh(context: RouteContext, pull: PullRecord): Promise<void> {
  pull.headSha = (await branchHead(context.repo, pull.head)) ?? pull.headSha;
  pull.baseSha = (await branchHead(context.repo, pull.base)) ?? pull.baseSha;
}

async function fullAnswer(context: RouteContext, pull: PullRecord, status: number) {
  await refresh(context, pull);
  const { repo } = context;
  const mergeBase = (await repo.git.mergeBase(pull.baseSha, pull.headSha)) ?? pull.baseSha;
  const commits = await repo.git.revList(pull.headSha, { excluding: pull.baseSha });
  const files = await repo.git.diffFiles(mergeBase, pull.headSha);
  const stats = {
    commits: commits.length,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: files.length,
    comments: repo.comments.filter((comment) => comment.issueNumber === pull.number).length,
  };
  return { status, body: pullJson(context.core.base(), repo, pull, pull, stats) };
}

function findPull(context: RouteContext): PullRecord {
  const number = Number(context.params.pull_number);
  const pull = context.repo.pulls.find((candidate) => candidate.number === number);
  if (!pull) throw notFound();
  return pull;
}

const createPull: RouteHandler = async (context) => {
  const input = validateBody(CreatePullBody, context.body);
  const { repo } = context;
  const head = branchName(context, input.head);
  const [headSha, baseSha] = await Promise.all([branchHead(repo, head), branchHead(repo, input.base)]);
  const invalid = (field: string) =>
    githubError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] });
  if (!baseSha) throw invalid('base');
  if (!headSha) throw invalid('head');
  if (headSha === baseSha || (await repo.git.isAncestor(headSha, baseSha))) {
    throw githubError(422, 'Validation Failed', {
      errors: [
        { resource: 'PullRequest', code: 'custom', message: `No commits between ${input.base} and ${head}` },
      ],
    });
  }
  const duplicate = repo.pulls.find(
    (pull) => pull.state === 'open' && pull.head === head && pull.base === input.base,
  );
  if (duplicate) {
    throw githubError(422, 'Validation Failed', {
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${repo.owner}:${head}.`,
        },
      ],
    });
  }
  const now = isoNow(() => context.core.now());
  const pull: PullRecord = {
    id: context.core.nextId(),
    number: repo.nextIssueNumber++,
    title: input.title,
    user: context.principal.user,
    body: input.body ?? null,
    state: 'open',
    head,
    base: input.base,
    headSha,
    baseSha,
    draft: input.draft,
    labels: [],
    maintainerCanModify: input.maintainer_can_modify,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  repo.pulls.push(pull);
  return fullAnswer(context, pull, 201);
};

const listPulls: RouteHandler = async (context) => {
  const { url, repo } = context;
  const state = url.searchParams.get('state') ?? 'open';
  const head = url.searchParams.get('head');
  const base = url.searchParams.get('base');
  const direction = url.searchParams.get('direction') ?? 'desc';
  const matching = repo.pulls.filter(
    (pull) =>
      (state === 'all' || pull.state === state) &&
      (head === null || `${repo.owner}:${pull.head}` === head || pull.head === head) &&
      (base === null || pull.base === base),
  );
  const ordered = direction === 'asc' ? matching : [...matching].reverse();
  const page = paginate(ordered, url);
  for (const pull of page.items) await refresh(context, pull);
  return {
    status: 200,
    body: page.items.map((pull) => pullSimpleJson(context.core.base(), repo, pull, pull)),
    link: page.link,
  };
};

const getPull: RouteHandler = async (context) => fullAnswer(context, findPull(context), 200);

const updatePull: RouteHandler = async (context) => {
  const pull = findPull(context);
  const input = validateBody(UpdatePullBody, context.body);
  if (input.base !== undefined && !(await branchHead(context.repo, input.base))) {
    throw githubError(422, 'Validation Failed', {
      errors: [{ resource: 'PullRequest', field: 'base', code: 'invalid' }],
    });
  }
  if (input.title !== undefined) pull.title = input.title;
  if (input.body !== undefined) pull.body = input.body;
  if (input.base !== undefined) pull.base = input.base;
  if (input.maintainer_can_modify !== undefined) pull.maintainerCanModify = input.maintainer_can_modify;
  const now = isoNow(() => context.core.now());
  if (input.state !== undefined && input.state !== pull.state) {
    pull.state = input.state;
    pull.closedAt = input.state === 'closed' ? now : null;
  }
  pull.updatedAt = now;
  return fullAnswer(context, pull, 200);
};

export const pullRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/pulls', createPull),
  defineRoute('GET', '/repos/{owner}/{repo}/pulls', listPulls),
  defineRoute('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', getPull),
  defineRoute('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', updatePull),
];

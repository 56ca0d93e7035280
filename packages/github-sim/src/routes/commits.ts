import type { RouteContext, RouteHandler } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { defineRoute } from '../http/router.js';
import { commitJson, fileJson } from '../json/commit-json.js';
import { resolveCommitish } from '../resolve-ref.js';

/** GitHub stops listing commits of a comparison at 250. */
const COMPARE_COMMIT_LIMIT = 250;

async function commitsJson(context: RouteContext, shas: readonly string[]) {
  const list = [];
  for (const sha of shas) {
    const commit = await context.repo.git.readCommit(sha);
    if (commit) list.push(commitJson(context.core.base(), context.repo, sha, commit));
  }
  return list;
}

const listCommits: RouteHandler = async (context) => {
  const { repo, url } = context;
  const start = await resolveCommitish(repo, url.searchParams.get('sha'));
  if (!start)
    throw githubError(404, `No commit found for SHA: ${url.searchParams.get('sha') ?? repo.defaultBranch}`);
  const path = url.searchParams.get('path');
  const shas = await repo.git.revList(start, path ? { path } : {});
  const page = paginate(shas, url);
  return { status: 200, body: await commitsJson(context, page.items), link: page.link };
};

const getCommit: RouteHandler = async (context) => {
  const { core, repo, params } = context;
  const sha = await resolveCommitish(repo, params.ref ?? '');
  const commit = sha ? await repo.git.readCommit(sha) : null;
  if (!sha || !commit) throw githubError(422, `No commit found for SHA: ${params.ref ?? ''}`);
  const files = await repo.git.diffFiles(commit.parents[0] ?? null, sha);
  return { status: 200, body: commitJson(core.base(), repo, sha, commit, files) };
};

const compare: RouteHandler = async (context) => {
  const { core, repo, params } = context;
  const basehead = params.basehead ?? '';
  const separator = basehead.indexOf('...');
  if (separator < 0) throw notFound();
  const baseName = basehead.slice(0, separator);
  const headName = basehead.slice(separator + 3);
  const [base, head] = await Promise.all([
    resolveCommitish(repo, baseName),
    resolveCommitish(repo, headName),
  ]);
  if (!base || !head) throw notFound();
  const mergeBase = (await repo.git.mergeBase(base, head)) ?? base;
  const ahead = await repo.git.revList(head, { excluding: base });
  const behind = await repo.git.revList(base, { excluding: head });
  const status =
    ahead.length === 0 && behind.length === 0
      ? 'identical'
      : behind.length === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  const [baseCommit, mergeBaseCommit] = await Promise.all([
    repo.git.readCommit(base),
    repo.git.readCommit(mergeBase),
  ]);
  if (!baseCommit || !mergeBaseCommit) throw notFound();
  const files = await repo.git.diffFiles(mergeBase, head);
  const html = `${core.base()}/${repo.owner}/${repo.name}/compare/${basehead}`;
  return {
    status: 200,
    body: {
      url: `${core.base()}/repos/${repo.owner}/${repo.name}/compare/${basehead}`,
      html_url: html,
      permalink_url: `${core.base()}/${repo.owner}/${repo.name}/compare/${base}...${head}`,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      base_commit: commitJson(core.base(), repo, base, baseCommit),
      merge_base_commit: commitJson(core.base(), repo, mergeBase, mergeBaseCommit),
      status,
      ahead_by: ahead.length,
      behind_by: behind.length,
      total_commits: ahead.length,
      commits: await commitsJson(context, ahead.slice(0, COMPARE_COMMIT_LIMIT).reverse()),
      files: files.map((file) => fileJson(core.base(), repo, head, file)),
    },
  };
};

export const commitRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/commits', listCommits),
  defineRoute('GET', '/repos/{owner}/{repo}/commits/{ref*}', getCommit),
  defineRoute('GET', '/repos/{owner}/{repo}/compare/{basehead*}', compare),
];

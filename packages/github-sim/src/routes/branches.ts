import type { RouteHandler } from '../context.js';
import { githubError } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { defineRoute } from '../http/router.js';
import { commitJson } from '../json/commit-json.js';
import { repoApiUrl } from '../json/git-data-json.js';

const listBranches: RouteHandler = async ({ core, repo, url }) => {
  const refs = await repo.git.listRefs('refs/heads/');
  const api = repoApiUrl(core.base(), repo);
  const branches = refs.map((ref) => ({
    name: ref.ref.slice('refs/heads/'.length),
    commit: { sha: ref.sha, url: `${api}/commits/${ref.sha}` },
    protected: false,
  }));
  const page = paginate(branches, url);
  return { status: 200, body: page.items, link: page.link };
};

const getBranch: RouteHandler = async ({ core, repo, params }) => {
  const name = params.branch ?? '';
  const sha = await repo.git.resolveRef(`refs/heads/${name}`);
  const commit = sha ? await repo.git.readCommit(sha) : null;
  if (!sha || !commit) throw githubError(404, 'Branch not found');
  const api = repoApiUrl(core.base(), repo);
  return {
    status: 200,
    body: {
      name,
      commit: commitJson(core.base(), repo, sha, commit),
      _links: {
        self: `${api}/branches/${name}`,
        html: `${core.base()}/${repo.owner}/${repo.name}/tree/${name}`,
      },
      protected: false,
      protection: {
        enabled: false,
        required_status_checks: { enforcement_level: 'off', contexts: [], checks: [] },
      },
      protection_url: `${api}/branches/${name}/protection`,
    },
  };
};

export const branchRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/branches', listBranches),
  defineRoute('GET', '/repos/{owner}/{repo}/branches/{branch*}', getBranch),
];

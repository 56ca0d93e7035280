import { z } from 'zod';
import type { GitHubApp } from '../app/github-app.js';
import { narrowToken } from '../app/narrow-token.js';
import type { GlobalHandler, RouteHandler, SimulatorCore } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { installationJson, integrationJson } from '../json/app-json.js';
import { fullRepositoryJson } from '../json/repository-json.js';

const AccessTokenBody = z.object({
  repositories: z.array(z.string()).max(500).optional(),
  repository_ids: z.array(z.number().int()).max(500).optional(),
  permissions: z.record(z.string(), z.enum(['read', 'write', 'admin'])).optional(),
});

function appOf(core: SimulatorCore): GitHubApp {
  if (!core.app) throw notFound();
  return core.app;
}

const getApp: GlobalHandler = async ({ core }) => ({
  status: 200,
  body: integrationJson(core.base(), appOf(core)),
});

const listInstallations: GlobalHandler = async ({ core, url }) => {
  const app = appOf(core);
  const page = paginate(app.installations(), url);
  return {
    status: 200,
    body: page.items.map((installation) =>
      installationJson(core.base(), app, installation, core.repositories()),
    ),
    link: page.link,
  };
};

function installationOf(app: GitHubApp, id: string | undefined) {
  const installation = app.findInstallation(Number(id));
  if (!installation) throw notFound();
  return installation;
}

const getInstallation: GlobalHandler = async ({ core, params }) => {
  const app = appOf(core);
  const installation = installationOf(app, params.installation_id);
  return { status: 200, body: installationJson(core.base(), app, installation, core.repositories()) };
};

const createAccessToken: GlobalHandler = async ({ core, params, body }) => {
  const app = appOf(core);
  const installation = installationOf(app, params.installation_id);
  if (installation.spec.suspended) throw githubError(403, 'This installation has been suspended');
  const narrowed = narrowToken(app, installation, core.repositories(), validateBody(AccessTokenBody, body));
  if (!narrowed.isGranted) throw githubError(422, narrowed.message);
  const isSelected = narrowed.repositories !== undefined || installation.spec.repositories !== 'all';
  const { token, entry } = app.tokens.mint({
    installationId: installation.spec.id,
    repositorySelection: isSelected ? 'selected' : 'all',
    repositoryNames: narrowed.repositories?.map((repo) => repo.name),
    permissions: narrowed.permissions,
  });
  return {
    status: 201,
    body: {
      token,
      expires_at: entry.record.expiresAt,
      permissions: narrowed.permissions,
      repository_selection: entry.record.repositorySelection,
      ...(narrowed.repositories
        ? { repositories: narrowed.repositories.map((repo) => fullRepositoryJson(core.base(), repo)) }
        : {}),
    },
  };
};

const getRepoInstallation: RouteHandler = async ({ core, repo }) => {
  const app = appOf(core);
  const installation = app.installationFor(repo.owner, repo.name);
  if (!installation) throw notFound();
  return { status: 200, body: installationJson(core.base(), app, installation, core.repositories()) };
};

const listInstallationRepositories: GlobalHandler = async ({ core, url, principal }) => {
  const app = appOf(core);
  if (principal.kind !== 'installation') throw notFound();
  const narrowed = principal.token.repositoryNames;
  const reached = core
    .repositories()
    .filter(
      (repo) =>
        app.reaches(principal.installation, repo.owner, repo.name) &&
        (!narrowed || narrowed.has(repo.name.toLowerCase())),
    );
  const page = paginate(reached, url);
  return {
    status: 200,
    body: {
      total_count: reached.length,
      repository_selection: principal.token.record.repositorySelection,
      repositories: page.items.map((repo) => fullRepositoryJson(core.base(), repo)),
    },
    link: page.link,
  };
};

/** GitHub's App routes: JWT only, except the installation's own repository list. */
export const appRoutes = [
  defineRoute('GET', '/app', getApp, 'jwt'),
  defineRoute('GET', '/app/installations', listInstallations, 'jwt'),
  defineRoute('GET', '/app/installations/{installation_id}', getInstallation, 'jwt'),
  defineRoute('POST', '/app/installations/{installation_id}/access_tokens', createAccessToken, 'jwt'),
  defineRoute('GET', '/installation/repositories', listInstallationRepositories, 'installation'),
];

export const repoInstallationRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/installation', getRepoInstallation, 'jwt'),
];

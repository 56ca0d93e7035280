import { createHash } from 'node:crypto';
import {
  APP_EVENTS,
  DEFAULT_INSTALLATION_PERMISSIONS,
  type GitHubApp,
  type Installation,
} from '../app/github-app.js';
import type { RepoState } from '../state.js';
import { API_USER, nodeId, simUserJson, userJson } from './user-json.js';

/** The account's id: its repositories' owner id when it has simulated ones, else one derived from the login. */
export function accountId(repositories: readonly RepoState[], login: string): number {
  const owned = repositories.find((repo) => repo.owner.toLowerCase() === login.toLowerCase());
  return owned?.ownerId ?? 900_000 + (createHash('sha256').update(login).digest().readUInt32BE(0) % 99_999);
}

/** GitHub's `integration` shape, as `GET /app` answers. */
export function integrationJson(base: string, app: GitHubApp) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('Integration', app.id),
    client_id: `Iv1.${createHash('sha256').update(String(app.id)).digest('hex').slice(0, 16)}`,
    owner: simUserJson(base, API_USER),
    name: app.slug,
    description: 'A GitHub App simulated by github-sim',
    external_url: base,
    html_url: `${base}/apps/${app.slug}`,
    created_at: app.createdAt,
    updated_at: app.createdAt,
    permissions: DEFAULT_INSTALLATION_PERMISSIONS,
    events: [...APP_EVENTS],
    installations_count: app.installations().length,
  };
}

/** GitHub's `installation` shape. */
export function installationJson(
  base: string,
  app: GitHubApp,
  installation: Installation,
  repositories: readonly RepoState[],
) {
  const { id, account } = installation.spec;
  const targetId = accountId(repositories, account);
  const isSuspended = installation.spec.suspended === true;
  return {
    id,
    account: userJson(base, account, targetId),
    repository_selection: installation.spec.repositories === 'all' ? 'all' : 'selected',
    access_tokens_url: `${base}/app/installations/${id}/access_tokens`,
    repositories_url: `${base}/installation/repositories`,
    html_url: `${base}/settings/installations/${id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: targetId,
    target_type: 'User',
    permissions: installation.permissions,
    events: [...APP_EVENTS],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: isSuspended ? userJson(base, account, targetId) : null,
    suspended_at: isSuspended ? installation.createdAt : null,
  };
}

/** The `installation` field of App webhooks: GitHub's `simple-installation`. */
export function simpleInstallationJson(installationId: number) {
  return { id: installationId, node_id: nodeId('IntegrationInstallation', installationId) };
}

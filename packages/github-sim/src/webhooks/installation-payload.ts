import type { GitHubApp, Installation } from '../app/github-app.js';
import { accountId, installationJson } from '../json/app-json.js';
import { nodeId, userJson } from '../json/user-json.js';
import type { RepoState } from '../state.js';

/** GitHub's `installation` webhook (`created` / `deleted`), sent by the account that (un)installed the App. */
export function installationPayload(
  base: string,
  app: GitHubApp,
  installation: Installation,
  repositories: readonly RepoState[],
  action: 'created' | 'deleted',
) {
  const account = installation.spec.account;
  return {
    action,
    installation: installationJson(base, app, installation, repositories),
    repositories: repositories
      .filter((repo) => app.reaches(installation, repo.owner, repo.name))
      .map((repo) => ({
        id: repo.id,
        node_id: nodeId('Repository', repo.id),
        name: repo.name,
        full_name: `${repo.owner}/${repo.name}`,
        private: false,
      })),
    requester: null,
    sender: userJson(base, account, accountId(repositories, account)),
  };
}

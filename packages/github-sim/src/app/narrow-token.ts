import type { RepoState } from '../state.js';
import type { AppPermissions } from '../types.js';
import type { GitHubApp, Installation } from './github-app.js';

const LEVELS = { read: 1, write: 2, admin: 3 } as const;

export interface TokenNarrowing {
  readonly repositories?: readonly string[] | undefined;
  readonly repository_ids?: readonly number[] | undefined;
  readonly permissions?: AppPermissions | undefined;
}

export type NarrowedToken =
  | {
      readonly isGranted: true;
      /** The repositories asked for, or undefined for the installation's whole reach. */
      readonly repositories: readonly RepoState[] | undefined;
      readonly permissions: AppPermissions;
    }
  | { readonly isGranted: false; readonly message: string };

/** Checks an access-token request against the installation: a token may only narrow what the installation has. */
export function narrowToken(
  app: GitHubApp,
  installation: Installation,
  repositories: readonly RepoState[],
  request: TokenNarrowing,
): NarrowedToken {
  const reached = repositories.filter((repo) => app.reaches(installation, repo.owner, repo.name));
  const wantsRepositories = request.repositories !== undefined || request.repository_ids !== undefined;
  const named = (request.repositories ?? []).map((name) =>
    reached.find((repo) => repo.name.toLowerCase() === name.toLowerCase()),
  );
  const byId = (request.repository_ids ?? []).map((id) => reached.find((repo) => repo.id === id));
  const asked = [...named, ...byId];
  if (asked.some((repo) => repo === undefined))
    return {
      isGranted: false,
      message:
        'There is at least one repository that does not exist or is not accessible to the parent installation.',
    };
  const granted = installation.permissions;
  const permissions = request.permissions ?? granted;
  for (const [name, level] of Object.entries(permissions)) {
    const has = granted[name];
    if (has === undefined || LEVELS[has] < LEVELS[level])
      return { isGranted: false, message: 'The permissions requested are not granted to this installation.' };
  }
  return {
    isGranted: true,
    repositories: wantsRepositories ? [...new Set(asked as RepoState[])] : undefined,
    permissions,
  };
}

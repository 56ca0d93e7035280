import type { GitHubApp, Installation } from '../app/github-app.js';
import type { InstallationToken } from '../app/installation-tokens.js';
import { looksLikeJwt, verifyAppJwt } from '../app/verify-app-jwt.js';
import { API_USER, type SimUser } from '../json/user-json.js';

/** Who a request acts as. */
export type Principal =
  | { readonly kind: 'user'; readonly user: SimUser }
  /** The App itself, by JWT: only the App routes accept it. */
  | { readonly kind: 'app'; readonly user: SimUser }
  | {
      readonly kind: 'installation';
      readonly user: SimUser;
      readonly installation: Installation;
      readonly token: InstallationToken;
    };

export interface Credentials {
  /** The static token option. */
  readonly token: string | undefined;
  readonly app: GitHubApp | undefined;
}

export type Authentication =
  | { readonly principal: Principal }
  | { readonly status: 401; readonly message: string };

const BAD_CREDENTIALS = { status: 401, message: 'Bad credentials' } as const;

/** Reads `Authorization` as GitHub does: `token …` or `Bearer …`; a JWT is told apart by its shape. */
export function authenticate(
  header: string | undefined,
  credentials: Credentials,
  nowMs: number,
): Authentication {
  const isOpen = credentials.token === undefined && credentials.app === undefined;
  if (header === undefined)
    return isOpen
      ? { principal: { kind: 'user', user: API_USER } }
      : { status: 401, message: 'Requires authentication' };
  const [, scheme = '', credential = ''] = /^(token|bearer)\s+(.+)$/i.exec(header.trim()) ?? [];
  const { app } = credentials;
  // GitHub reads a JWT only after `Bearer`; after `token` it is just a wrong token.
  if (app && scheme.toLowerCase() === 'bearer' && looksLikeJwt(credential)) {
    const verdict = verifyAppJwt(credential, app, nowMs);
    return verdict.isValid
      ? { principal: { kind: 'app', user: app.botUser } }
      : { status: 401, message: verdict.message };
  }
  if (credential === credentials.token || isOpen) return { principal: { kind: 'user', user: API_USER } };
  const token = app?.tokens.find(credential);
  const installation = token && app?.findInstallation(token.installationId);
  if (!app || !token || !installation) return BAD_CREDENTIALS;
  return { principal: { kind: 'installation', user: app.botUser, installation, token } };
}

/** Whether an installation token may see `owner/name`: the installation reaches it and the token was not narrowed away from it. */
export function installationReaches(
  app: GitHubApp,
  principal: Extract<Principal, { kind: 'installation' }>,
  owner: string,
  name: string,
): boolean {
  const narrowed = principal.token.repositoryNames;
  return app.reaches(principal.installation, owner, name) && (!narrowed || narrowed.has(name.toLowerCase()));
}

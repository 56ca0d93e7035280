import { homedir } from 'node:os';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';

const TOKEN_VARIABLES = ['HEAL_GITHUB_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'] as const;

/** The token for --github, from the first variable set; an environment error names them all. */
export function githubToken(env: Readonly<Record<string, string | undefined>>): string {
  for (const name of TOKEN_VARIABLES) {
    const value = env[name];
    if (value) return value;
  }
  throw new HealingError(
    'AUTH_FAILED',
    'heal run --github needs a token: set HEAL_GITHUB_TOKEN (or GITHUB_TOKEN, GH_TOKEN) with contents, pull requests and actions write access',
  );
}

/** Where heal keeps the history of a remote repository: the user's cache directory. */
export function githubCachePath(
  env: Readonly<Record<string, string | undefined>>,
  repository: string,
): string {
  const base = env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache');
  return join(base, 'healing', 'github', `${repository.replace(/[^\w.-]+/g, '__')}.sqlite`);
}

export interface SimUser {
  readonly login: string;
  readonly id: number;
  readonly name: string;
  readonly email: string;
  /** `Bot` for an App's `<slug>[bot]`; `User` when absent. */
  readonly type?: 'User' | 'Bot';
}

/** The user every authenticated request acts as. */
export const API_USER: SimUser = {
  login: 'healing-bot',
  id: 1001,
  name: 'healing-bot',
  email: 'healing-bot@users.noreply.github.local',
};
/** The "someone else" who commits through `push()` and concurrent-push faults. */
export const OTHER_USER: SimUser = {
  login: 'other-dev',
  id: 1002,
  name: 'Other Dev',
  email: 'other-dev@users.noreply.github.local',
};

export function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString('base64').replace(/=+$/, '');
}

/** GitHub's simple-user shape. */
export function userJson(
  base: string,
  login: string,
  id: number,
  type: 'User' | 'Organization' | 'Bot' = 'User',
) {
  // A bot's login has brackets, which GitHub percent-encodes in its URLs (`/users/x%5Bbot%5D`).
  const path = encodeURIComponent(login);
  const url = `${base}/users/${path}`;
  return {
    login,
    id,
    node_id: nodeId(type === 'Bot' ? 'Bot' : 'User', id),
    avatar_url: `${base}/avatars/${path}`,
    gravatar_id: '',
    url,
    html_url: type === 'Bot' ? `${base}/apps/${login.replace(/\[bot\]$/, '')}` : `${base}/${path}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The simple-user JSON of a simulated user or bot. */
export function simUserJson(base: string, user: SimUser) {
  return userJson(base, user.login, user.id, user.type ?? 'User');
}

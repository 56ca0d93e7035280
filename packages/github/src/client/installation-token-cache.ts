/** The `cache` option of @octokit/auth-app: it stores each installation token as a string. */
export interface InstallationTokenCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** Refresh at most this long before expiry (a quarter of the token's life when it is shorter). */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** When the stored value cannot be read: auth-app's own rule, 59 minutes from minting. */
const FALLBACK_LIFETIME_MS = 59 * 60_000;

/**
 * A token cache that honours each token's `expires_at`. auth-app's default cache keeps a token
 * for 59 minutes whatever GitHub said, so a token that lives shorter (GitHub Enterprise, tests)
 * would be used after it expired, and a request started in its last minute could fail mid-heal.
 * Here a token is dropped (and a new one minted on the next request) 5 minutes before it expires.
 */
export function createInstallationTokenCache(now: () => number = Date.now): InstallationTokenCache {
  const entries = new Map<string, { readonly value: string; readonly refreshAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (now() < entry.refreshAt) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value) {
      entries.set(key, { value, refreshAt: refreshTime(value, now()) });
    },
  };
}

// auth-app stores `token|createdAt|expiresAt|…`; read the two times, and fall back to its own
// lifetime if a future version stores something else. `expiresAt` is GitHub's clock and `now`
// ours: the lifetime is also counted from when we stored it, and the earlier of the two wins, so
// a local clock that runs behind GitHub's cannot keep an expired token.
function refreshTime(value: string, storedAt: number): number {
  const [, createdAtText = '', expiresAtText = ''] = value.split('|');
  const createdAt = Date.parse(createdAtText);
  const expiresAt = Date.parse(expiresAtText);
  if (Number.isNaN(createdAt) || Number.isNaN(expiresAt) || expiresAt <= createdAt) {
    return storedAt + FALLBACK_LIFETIME_MS;
  }
  const lifetime = Math.min(expiresAt - createdAt, FALLBACK_LIFETIME_MS);
  const margin = Math.min(REFRESH_MARGIN_MS, lifetime / 4);
  return Math.min(storedAt + lifetime, expiresAt) - margin;
}

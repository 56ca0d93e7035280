import { ConfigError } from '@healing/adapters';
import type { GitHubClient } from './github-client.js';
import { createInstallationTokenCache } from './installation-token-cache.js';
import { loadModule } from './load-module.js';

export type GitHubAuth =
  | { readonly token: string }
  /** As one installation of a GitHub App: installation tokens, minted and refreshed as needed. */
  | {
      readonly appId: number | string;
      readonly privateKey: string;
      readonly installationId: number;
    }
  /** As the App itself (a JWT): only the `/app/…` routes, e.g. to list its installations. */
  | { readonly appId: number | string; readonly privateKey: string };

/** What the client tells its caller; libraries never print, so the caller decides. */
export type GitHubClientEvent =
  | {
      readonly type: 'rate-limit';
      readonly retryAfterSeconds: number;
      readonly retryCount: number;
      readonly route: string;
      readonly willRetry: boolean;
    }
  | {
      readonly type: 'secondary-rate-limit';
      readonly retryAfterSeconds: number;
      readonly retryCount: number;
      readonly route: string;
      readonly willRetry: boolean;
    };

export interface GitHubClientOptions {
  readonly auth: GitHubAuth;
  /** API root; the simulator's URL in tests, `https://api.github.com` by default. */
  readonly baseUrl?: string;
  readonly userAgent?: string;
  /** Retries of 5xx and network failures by @octokit/plugin-retry (default 3). */
  readonly retries?: number;
  /** Times a request hit by a primary or secondary rate limit is retried (default 2). */
  readonly rateLimitRetries?: number;
  /** Milliseconds per "second" of retry-after and retry backoff; 1000 in production, small in tests. */
  readonly retryAfterBaseMs?: number;
  /**
   * Minimum milliseconds between mutating requests of this client (plugin-throttling's write
   * limiter, 1000 by default as GitHub asks); tests against the simulator pass 0.
   */
  readonly writeIntervalMs?: number;
  readonly onEvent?: (event: GitHubClientEvent) => void;
  /**
   * Gives up on a request GitHub has not answered within this many milliseconds (it fails like a
   * network error). Without it, only undici's own timeouts (minutes) end a hung request.
   */
  readonly timeoutMs?: number;
}

// 409 and 422 answer a compare-and-swap; the adapters decide whether to re-read and retry.
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 451];
let clientCounter = 0;

/**
 * An @octokit/rest client composed with plugin-retry and plugin-throttling (both configured,
 * neither re-implemented), authenticated by a token or a GitHub App installation. Octokit is
 * imported on first call, so code paths that never talk to GitHub never load it.
 */
export async function createGitHubClient(options: GitHubClientOptions): Promise<GitHubClient> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    loadModule('@octokit/rest', () => import('@octokit/rest')),
    loadModule('@octokit/plugin-retry', () => import('@octokit/plugin-retry')),
    loadModule('@octokit/plugin-throttling', () => import('@octokit/plugin-throttling')),
  ]);
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const baseMs = options.retryAfterBaseMs ?? 1000;
  const onLimit =
    (type: GitHubClientEvent['type']) =>
    (
      retryAfterSeconds: number,
      request: { method: string; url: string },
      _client: unknown,
      retryCount: number,
    ) => {
      const willRetry = retryCount < rateLimitRetries;
      options.onEvent?.({
        type,
        retryAfterSeconds,
        retryCount,
        route: `${request.method} ${request.url}`,
        willRetry,
      });
      return willRetry;
    };
  const write =
    options.writeIntervalMs === undefined
      ? undefined
      : new (await loadModule('bottleneck', () => import('bottleneck'))).default.Group({
          maxConcurrent: 8,
          minTime: options.writeIntervalMs,
        });
  const throttle = {
    id: `healing-${process.pid}-${clientCounter++}`,
    retryAfterBaseValue: baseMs,
    onRateLimit: onLimit('rate-limit'),
    onSecondaryRateLimit: onLimit('secondary-rate-limit'),
    ...(write === undefined ? {} : { write }),
  };
  const Client = Octokit.plugin(retry, throttling);
  return new Client({
    ...(await authOptions(options.auth)),
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    userAgent: options.userAgent ?? 'healing-github',
    ...(options.timeoutMs === undefined ? {} : { request: { fetch: fetchWithTimeout(options.timeoutMs) } }),
    retry: { retries: options.retries ?? 3, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: baseMs },
    throttle,
    // Octokit logs warnings to the console by default; a library stays silent.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  }) as GitHubClient;
}

async function authOptions(auth: GitHubAuth): Promise<Record<string, unknown>> {
  if ('token' in auth) {
    if (auth.token.trim() === '') {
      throw new ConfigError('GitHub auth token is empty: pass a token or a GitHub App installation');
    }
    return { auth: auth.token };
  }
  if (!auth.privateKey.includes('PRIVATE KEY')) {
    throw new ConfigError(
      `GitHub App ${auth.appId}: privateKey is not a PEM key; pass the contents of the app's private key file`,
      { secrets: [auth.privateKey] },
    );
  }
  const { createAppAuth } = await loadModule('@octokit/auth-app', () => import('@octokit/auth-app'));
  // auth-app mints installation tokens; the cache makes it refresh them before they expire.
  return {
    authStrategy: createAppAuth,
    auth: {
      appId: auth.appId,
      privateKey: auth.privateKey,
      ...('installationId' in auth ? { installationId: auth.installationId } : {}),
      cache: createInstallationTokenCache(),
    },
  };
}

/** fetch that also aborts after `timeoutMs` (keeping any signal the caller passed). */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

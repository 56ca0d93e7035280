import { HealingError } from '@healing/adapters';
import type { GitHubAuth, GitHubClient, GitHubClientOptions } from '@healing/github';
import type { Logger } from 'pino';
import type { WorkerConfig } from '../config/worker-config.js';
import type { WorkerMetrics } from '../observability/create-metrics.js';
import { recordGitHubRequests } from '../observability/record-github-requests.js';
import { createInstallationRegistry, type InstallationRegistry } from './installation-registry.js';

export interface GitHubClients {
  readonly registry: InstallationRegistry;
  /** The client for one installation's work (the worker's token when it has no App). */
  clientFor(installationId: number | null): Promise<GitHubClient>;
}

const APP_REQUEST_TIMEOUT_MS = 10_000;

/** One Octokit per installation (and one as the App), made on first use and kept. */
export function createGitHubClients(options: {
  readonly config: WorkerConfig;
  readonly logger: Logger;
  readonly github: typeof import('@healing/github');
  readonly metrics: Pick<WorkerMetrics, 'githubRequests' | 'rateLimitRemaining'>;
  readonly minRefreshIntervalMs?: number;
}): GitHubClients {
  const { config, logger, github } = options;
  const clients = new Map<string, Promise<GitHubClient>>();
  const client = (
    key: string,
    auth: GitHubAuth,
    limits: Pick<GitHubClientOptions, 'retries' | 'rateLimitRetries' | 'timeoutMs'> = {},
  ): Promise<GitHubClient> => {
    let created = clients.get(key);
    if (created === undefined) {
      created = github
        .createGitHubClient({
          auth,
          baseUrl: config.apiUrl,
          ...limits,
          onEvent: (event) => logger.warn({ event }, 'github rate limit'),
        })
        .then(
          (octokit) => {
            recordGitHubRequests(octokit, options.metrics, key);
            return octokit;
          },
          (error: unknown) => {
            // Not kept: the next job asks again (a key fixed on disk, a module installed).
            clients.delete(key);
            throw error;
          },
        );
      clients.set(key, created);
    }
    return created;
  };
  const { auth } = config;
  const registry = createInstallationRegistry({
    appClient:
      // As the App: one attempt, no waiting out rate limits, 10 s at most. A delivery may be
      // waiting on the answer; the registry retries later.
      auth.kind === 'app'
        ? () =>
            client(
              'app',
              { appId: auth.appId, privateKey: auth.privateKey },
              { retries: 0, rateLimitRetries: 0, timeoutMs: APP_REQUEST_TIMEOUT_MS },
            )
        : null,
    allowlist: config.installationIds,
    logger,
    ...(options.minRefreshIntervalMs === undefined
      ? {}
      : { minRefreshIntervalMs: options.minRefreshIntervalMs }),
  });
  return {
    registry,
    async clientFor(installationId) {
      if (auth.kind === 'token') return client('token', { token: auth.token });
      const id = installationId ?? soleInstallation(registry.served());
      return client(`installation-${id}`, {
        appId: auth.appId,
        privateKey: auth.privateKey,
        installationId: id,
      });
    },
  };
}

function soleInstallation(served: readonly number[]): number {
  if (served.length === 1 && served[0] !== undefined) return served[0];
  throw new HealingError(
    'CONFIG_INVALID',
    `a job names no installation and the App serves ${served.length}: set HEAL_INSTALLATION_IDS to the one to use`,
  );
}

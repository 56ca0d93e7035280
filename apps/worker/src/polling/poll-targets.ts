import type { GitHubClient } from '@healing/github';
import type { Logger } from 'pino';
import type { InstallationRegistry } from '../installations/installation-registry.js';

/** A repository to poll, and the installation whose token reads it (null: the worker's token). */
export interface PollTarget {
  readonly repository: string;
  readonly installationId: number | null;
}

/** Pages of `GET /installation/repositories` read per installation and poll, at most. */
const MAX_PAGES = 10;

/** With a token: the configured repositories. */
export function configuredTargets(repositories: readonly string[]): () => Promise<readonly PollTarget[]> {
  const targets = repositories.map((repository) => ({ repository, installationId: null }));
  return () => Promise.resolve(targets);
}

/**
 * As a GitHub App: every repository each served installation reaches, narrowed to
 * `repositories` when that is set. Each list is asked for with its ETag, so an unchanged one
 * answers 304 and costs nothing against the rate limit.
 */
export function installationTargets(options: {
  readonly registry: Pick<InstallationRegistry, 'served'>;
  readonly clientFor: (installationId: number) => Promise<GitHubClient>;
  readonly repositories: readonly string[];
  readonly logger: Logger;
}): () => Promise<readonly PollTarget[]> {
  const known = new Map<number, { readonly etag: string; readonly names: readonly string[] }>();
  const isWanted = (name: string): boolean =>
    options.repositories.length === 0 || options.repositories.includes(name);

  async function namesOf(installationId: number): Promise<readonly string[]> {
    const octokit = await options.clientFor(installationId);
    const cached = known.get(installationId);
    const names: string[] = [];
    let etag = '';
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const response = await octokit
        .request('GET /installation/repositories', {
          per_page: 100,
          page,
          // Page 1 carries total_count, so a repository added or removed anywhere changes its ETag.
          headers: page === 1 && cached ? { 'if-none-match': cached.etag } : {},
        })
        .catch((error: unknown) => {
          if ((error as { status?: number }).status === 304) return null;
          throw error;
        });
      if (response === null) return cached?.names ?? [];
      if (page === 1) etag = typeof response.headers.etag === 'string' ? response.headers.etag : '';
      names.push(...response.data.repositories.map((repository) => repository.full_name));
      if (names.length >= response.data.total_count || response.data.repositories.length === 0) break;
      if (page === MAX_PAGES) {
        options.logger.warn(
          { installation: installationId, total: response.data.total_count, polled: names.length },
          'installation reaches more repositories than are polled; set HEAL_REPOSITORIES',
        );
      }
    }
    if (etag) known.set(installationId, { etag, names });
    return names;
  }

  return async () => {
    const targets: PollTarget[] = [];
    const served = options.registry.served();
    for (const installationId of known.keys())
      if (!served.includes(installationId)) known.delete(installationId);
    for (const installationId of served) {
      try {
        for (const repository of await namesOf(installationId)) {
          if (isWanted(repository)) targets.push({ repository, installationId });
        }
      } catch (error) {
        options.logger.error(
          { err: error, installation: installationId },
          'listing installation repositories failed',
        );
      }
    }
    return targets;
  };
}

import { HealingError } from '@healing/adapters';
import type { GitHubClient } from '@healing/github';
import type { Logger } from 'pino';
import { z } from 'zod';

/** Which GitHub App installations this worker serves, kept current from the API and from webhooks. */
export interface InstallationRegistry {
  /** True once the App's installations were read (always, with a token). */
  isReady(): boolean;
  isServed(installationId: number | null): boolean;
  /** Installations served now (App auth); empty with a token. */
  served(): readonly number[];
  /** Reads every installation of the App (`GET /app/installations`). */
  refresh(): Promise<void>;
  /**
   * A delivery named an installation not seen yet (installed a moment ago?): reads the list
   * again, at most once per interval. Rejects when GitHub cannot be asked.
   */
  confirm(installationId: number): Promise<void>;
  /** Applies an `installation` webhook (created, deleted, suspend, unsuspend). */
  apply(eventName: string, payload: unknown): void;
}

export interface InstallationRegistryOptions {
  /** A client authenticated as the App (JWT), or null with a token (no installations to track). */
  readonly appClient: (() => Promise<GitHubClient>) | null;
  /** HEAL_INSTALLATION_IDS: served installations (empty: all the App's). */
  readonly allowlist: readonly number[];
  readonly logger: Logger;
  readonly minRefreshIntervalMs?: number;
  readonly now?: () => number;
}

const InstallationEventSchema = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int().positive(), suspended_at: z.string().nullable().optional() }),
});

/** Pages read from `GET /app/installations` at most (100 each): a bound on every refresh. */
const MAX_PAGES = 100;

export function createInstallationRegistry(options: InstallationRegistryOptions): InstallationRegistry {
  const now = options.now ?? Date.now;
  const minInterval = options.minRefreshIntervalMs ?? 10_000;
  const isAllowed = (id: number): boolean => options.allowlist.length === 0 || options.allowlist.includes(id);
  /** Installation id → suspended? */
  const installed = new Map<number, boolean>();
  let isLoaded = false;
  let lastRefresh = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | undefined;

  async function readInstallations(): Promise<void> {
    const octokit = await (options.appClient as () => Promise<GitHubClient>)();
    const found = new Map<number, boolean>();
    let page = 0;
    try {
      for await (const response of octokit.paginate.iterator('GET /app/installations', { per_page: 100 })) {
        for (const installation of response.data)
          found.set(installation.id, installation.suspended_at != null);
        page += 1;
        if (page >= MAX_PAGES) break;
      }
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 401 || status === 403 || status === 404) {
        throw new HealingError(
          'AUTH_FAILED',
          `GitHub refused the App's credentials (${status}) when listing its installations: check HEAL_GITHUB_APP_ID and HEAL_GITHUB_APP_PRIVATE_KEY`,
          { cause: error },
        );
      }
      throw new HealingError(
        'GITHUB_REQUEST_FAILED',
        'could not list the GitHub App installations; GitHub may be unreachable (retrying)',
        { cause: error },
      );
    }
    installed.clear();
    for (const [id, isSuspended] of found) installed.set(id, isSuspended);
    isLoaded = true;
    options.logger.info(
      { installations: [...found.keys()], served: served() },
      'read the GitHub App installations',
    );
  }

  function refresh(): Promise<void> {
    if (options.appClient === null) return Promise.resolve();
    lastRefresh = now();
    refreshing ??= readInstallations().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  function served(): number[] {
    return [...installed].filter(([id, isSuspended]) => !isSuspended && isAllowed(id)).map(([id]) => id);
  }

  return {
    isReady: () => options.appClient === null || isLoaded,
    isServed(id) {
      if (options.appClient === null) return options.allowlist.length === 0 || (id !== null && isAllowed(id));
      return id !== null && installed.get(id) === false && isAllowed(id);
    },
    served: () => (options.appClient === null ? [] : served()),
    refresh,
    async confirm(id) {
      if (options.appClient === null || !isAllowed(id)) return;
      if (refreshing) return refreshing;
      if (isLoaded && now() - lastRefresh < minInterval) return;
      await refresh();
    },
    apply(eventName, payload) {
      if (eventName !== 'installation' || options.appClient === null) return;
      const parsed = InstallationEventSchema.safeParse(payload);
      if (!parsed.success) return;
      const { action, installation } = parsed.data;
      if (action === 'deleted') installed.delete(installation.id);
      else if (action === 'suspend') installed.set(installation.id, true);
      else if (action === 'created' || action === 'unsuspend' || action === 'new_permissions_accepted')
        installed.set(installation.id, installation.suspended_at != null);
      options.logger.info({ installation: installation.id, action }, 'installation changed');
    },
  };
}

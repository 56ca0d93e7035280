import { HealingError } from '@healing/adapters';
import type { GitHubClient } from '@healing/github';
import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * Whether the worker serves an installation: `unchecked` when the list is stale and GitHub could
 * not be asked in time (the job runner asks again before it heals anything).
 */
export type InstallationVerdict = 'served' | 'not-served' | 'unchecked';

/** Which GitHub App installations this worker serves, kept current from the API and from webhooks. */
export interface InstallationRegistry {
  /** True once the App's installations were read (always, with a token). */
  isReady(): boolean;
  isServed(installationId: number | null): boolean;
  /** Installations served now (App auth); empty with a token. */
  served(): readonly number[];
  /**
   * Reads every installation of the App (`GET /app/installations`). Rejects with AUTH_FAILED
   * (401: the App id or key is wrong), CONFIG_INVALID (404: not GitHub's API at that URL) or
   * GITHUB_REQUEST_FAILED (anything else, worth retrying).
   */
  refresh(options?: { readonly deadlineMs?: number }): Promise<void>;
  /**
   * For an installation not in the list: reads the list again (at most once per interval, and
   * within `deadlineMs`), since it may have been installed a moment ago.
   */
  confirm(installationId: number, options?: { readonly deadlineMs?: number }): Promise<InstallationVerdict>;
  /**
   * Before a job heals: served now, or served once the list is read again (no interval applies,
   * one read per job at most); `unchecked` when GitHub could not answer.
   */
  verify(installationId: number): Promise<InstallationVerdict>;
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
type InstallationEvent = z.infer<typeof InstallationEventSchema>;

/** Pages read from `GET /app/installations` at most (100 each): a bound on every refresh. */
const MAX_PAGES = 100;
/** A read GitHub has not finished by then counts as failed (its caller retries later). */
const READ_TIMEOUT_MS = 30_000;

export function createInstallationRegistry(options: InstallationRegistryOptions): InstallationRegistry {
  const now = options.now ?? Date.now;
  const minInterval = options.minRefreshIntervalMs ?? 10_000;
  const isAllowed = (id: number): boolean => options.allowlist.length === 0 || options.allowlist.includes(id);
  /** Installation id → suspended? */
  // The App client makes one attempt per request, waits out no rate limit and gives up after
  // 10 s (see github-clients.ts): a read ends soon, whatever GitHub does; callers retry later.
  const installed = new Map<number, boolean>();
  let isLoaded = false;
  /** The latest read failed: the list may be stale, so a missing id proves nothing. */
  let hasFailedLastRead = false;
  let lastAttempt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  /** Webhooks that arrived while a read was under way: applied again over what it found. */
  let eventsDuringRead: InstallationEvent[] = [];

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
      hasFailedLastRead = true;
      throw readFailure(error);
    }
    hasFailedLastRead = false;
    installed.clear();
    for (const [id, isSuspended] of found) installed.set(id, isSuspended);
    for (const event of eventsDuringRead) applyEvent(event);
    isLoaded = true;
    options.logger.info(
      { installations: [...found.keys()], served: served() },
      'read the GitHub App installations',
    );
  }

  function refresh(refreshOptions: { readonly deadlineMs?: number } = {}): Promise<void> {
    if (options.appClient === null) return Promise.resolve();
    if (!reading) {
      lastAttempt = now();
      eventsDuringRead = [];
      reading = readInstallations().finally(() => {
        reading = undefined;
        eventsDuringRead = [];
      });
    }
    return withDeadline(reading, refreshOptions.deadlineMs ?? READ_TIMEOUT_MS);
  }

  function served(): number[] {
    return [...installed].filter(([id, isSuspended]) => !isSuspended && isAllowed(id)).map(([id]) => id);
  }

  function isServed(id: number | null): boolean {
    if (options.appClient === null) return options.allowlist.length === 0 || (id !== null && isAllowed(id));
    return id !== null && installed.get(id) === false && isAllowed(id);
  }

  function applyEvent({ action, installation }: InstallationEvent): void {
    if (action === 'deleted') installed.delete(installation.id);
    else if (action === 'suspend') installed.set(installation.id, true);
    else if (action === 'created' || action === 'unsuspend' || action === 'new_permissions_accepted')
      installed.set(installation.id, installation.suspended_at != null);
  }

  /** Served now, or after reading the list again; `unchecked` when GitHub could not answer. */
  async function check(
    id: number,
    checkOptions: { readonly deadlineMs?: number; readonly isIntervalHonoured: boolean },
  ): Promise<InstallationVerdict> {
    if (isServed(id)) return 'served';
    if (options.appClient === null || !isAllowed(id)) return 'not-served';
    // For deliveries, a recent read (or failed attempt) answers for the interval: they never
    // queue up behind GitHub, and an unreachable GitHub is asked once per interval.
    if (checkOptions.isIntervalHonoured && !reading && now() - lastAttempt < minInterval)
      return isLoaded && !hasFailedLastRead ? 'not-served' : 'unchecked';
    try {
      await refresh(checkOptions.deadlineMs === undefined ? {} : { deadlineMs: checkOptions.deadlineMs });
    } catch {
      return 'unchecked';
    }
    return isServed(id) ? 'served' : 'not-served';
  }

  return {
    isReady: () => options.appClient === null || isLoaded,
    isServed,
    served: () => (options.appClient === null ? [] : served()),
    refresh,
    confirm: (id, confirmOptions = {}) => check(id, { ...confirmOptions, isIntervalHonoured: true }),
    verify: (id) => check(id, { isIntervalHonoured: false }),
    apply(eventName, payload) {
      if (eventName !== 'installation' || options.appClient === null) return;
      const parsed = InstallationEventSchema.safeParse(payload);
      if (!parsed.success) return;
      applyEvent(parsed.data);
      if (reading) eventsDuringRead.push(parsed.data);
      options.logger.info(
        { installation: parsed.data.installation.id, action: parsed.data.action },
        'installation changed',
      );
    },
  };
}

function readFailure(error: unknown): HealingError {
  const status = (error as { status?: number }).status;
  if (status === 401) {
    return new HealingError(
      'AUTH_FAILED',
      "GitHub refused the App's credentials (401) when listing its installations: check HEAL_GITHUB_APP_ID and HEAL_GITHUB_APP_PRIVATE_KEY",
      { cause: error },
    );
  }
  if (status === 404) {
    return new HealingError(
      'CONFIG_INVALID',
      'GET /app/installations answered 404: HEAL_GITHUB_API_URL does not point at a GitHub API (for GitHub Enterprise Server it ends in /api/v3)',
      { cause: error },
    );
  }
  return new HealingError(
    'GITHUB_REQUEST_FAILED',
    `could not list the GitHub App installations (${status ?? 'no answer'}); retrying`,
    { cause: error },
  );
}

/** The promise, or a GITHUB_REQUEST_FAILED rejection after `deadlineMs` (the work goes on). */
function withDeadline(work: Promise<void>, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HealingError(
            'GITHUB_REQUEST_FAILED',
            `GitHub did not list the App installations within ${deadlineMs} ms`,
          ),
        ),
      deadlineMs,
    );
    timer.unref();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

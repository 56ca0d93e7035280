import { isHealingError } from '@healing/adapters';
import type { Logger } from 'pino';
import type { InstallationRegistry } from './installation-registry.js';

/** How often an App re-reads its installations besides the `installation` webhooks. */
const REFRESH_MS = 10 * 60_000;
const MAX_RETRY_MS = 60_000;
/** The start waits this long for the first read; after it, the worker serves unready and retries. */
const FIRST_READ_DEADLINE_MS = 10_000;

/**
 * Reads the App's installations as the worker starts: credentials GitHub refuses (401) or a URL
 * that is not GitHub's API (404) stop the start with a clear error; a slow or failing GitHub
 * leaves the worker serving but not ready while it retries with backoff. Returns the function
 * that stops the background refreshes.
 */
export async function keepInstallationsCurrent(
  registry: Pick<InstallationRegistry, 'refresh'>,
  logger: Logger,
): Promise<() => void> {
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const schedule = (delayMs: number, failures: number): void => {
    if (isStopped) return;
    timer = setTimeout(() => {
      registry.refresh().then(
        () => schedule(REFRESH_MS, 0),
        (error: unknown) => {
          // Credentials revoked while running are worth an error line each time; the rest a warning.
          const isFatal = isHealingError(error, 'AUTH_FAILED') || isHealingError(error, 'CONFIG_INVALID');
          logger[isFatal ? 'error' : 'warn'](
            { err: error },
            'reading the GitHub App installations failed; retrying',
          );
          schedule(Math.min(MAX_RETRY_MS, 1000 * 2 ** failures), failures + 1);
        },
      );
    }, delayMs);
    timer.unref();
  };
  try {
    await registry.refresh({ deadlineMs: FIRST_READ_DEADLINE_MS });
    schedule(REFRESH_MS, 0);
  } catch (error) {
    if (isHealingError(error, 'AUTH_FAILED') || isHealingError(error, 'CONFIG_INVALID')) throw error;
    logger.warn({ err: error }, 'reading the GitHub App installations failed; not ready, retrying');
    schedule(1000, 1);
  }
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
}

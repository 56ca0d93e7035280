import { isHealingError } from '@healing/adapters';
import type { Logger } from 'pino';
import type { InstallationRegistry } from './installation-registry.js';

/** How often an App re-reads its installations besides the `installation` webhooks. */
const REFRESH_MS = 10 * 60_000;
const MAX_RETRY_MS = 60_000;

/**
 * Reads the App's installations before the worker serves: credentials GitHub refuses stop the
 * start with a clear error; an unreachable GitHub leaves the worker up but not ready, retrying
 * with backoff. Returns the function that stops the background refreshes.
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
          logger.warn({ err: error }, 'reading the GitHub App installations failed; retrying');
          schedule(Math.min(MAX_RETRY_MS, 1000 * 2 ** failures), failures + 1);
        },
      );
    }, delayMs);
    timer.unref();
  };
  try {
    await registry.refresh();
    schedule(REFRESH_MS, 0);
  } catch (error) {
    if (isHealingError(error, 'AUTH_FAILED')) throw error;
    logger.warn({ err: error }, 'reading the GitHub App installations failed; not ready, retrying');
    schedule(1000, 1);
  }
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
}

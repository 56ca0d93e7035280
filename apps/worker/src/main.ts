import { isHealingError } from '@healing/adapters';
import { loadWorkerConfig } from './config/worker-config.js';
import { startWorker } from './start-worker.js';

/** `heal-worker`: starts the service from environment variables and stops it on SIGTERM/SIGINT. */
export async function main(env: Readonly<Record<string, string | undefined>>): Promise<number> {
  let config: ReturnType<typeof loadWorkerConfig>;
  try {
    config = loadWorkerConfig(env);
  } catch (error) {
    process.stderr.write(`heal-worker: ${error instanceof Error ? error.message : String(error)}\n`);
    return isHealingError(error, 'CONFIG_INVALID') ? 2 : 3;
  }
  let service: Awaited<ReturnType<typeof startWorker>>;
  try {
    service = await startWorker({
      config,
      env,
      pollIntervalMs: config.actionsPollMs,
      leaseMs: config.leaseMs,
    });
  } catch (error) {
    // Refused credentials: the message says which variables to check (and never their values).
    process.stderr.write(`heal-worker: ${error instanceof Error ? error.message : String(error)}\n`);
    return isHealingError(error, 'AUTH_FAILED') ? 2 : 3;
  }
  process.stdout.write(`${JSON.stringify({ msg: 'heal-worker ready', url: service.url })}\n`);
  await new Promise<void>((resolveSignal) => {
    process.once('SIGTERM', () => resolveSignal());
    process.once('SIGINT', () => resolveSignal());
  });
  await service.close(config.shutdownGraceMs);
  return 0;
}

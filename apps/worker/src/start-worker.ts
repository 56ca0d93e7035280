import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import type { WorkerConfig } from './config/worker-config.js';
import { createWorkerServer } from './http/create-server.js';
import { createGitHubClients } from './installations/github-clients.js';
import { keepInstallationsCurrent } from './installations/keep-installations-current.js';
import { createJobRunner } from './jobs/job-runner.js';
import { createLogger } from './observability/create-logger.js';
import { createMetrics } from './observability/create-metrics.js';
import { createRunPoller } from './polling/create-run-poller.js';
import { configuredTargets, installationTargets } from './polling/poll-targets.js';
import { OWN_BRANCH_PREFIXES } from './webhooks/classify-delivery.js';
import { type HealJob, healJobKey } from './webhooks/heal-job.js';

export interface WorkerService {
  readonly url: string;
  /** Stops taking deliveries and jobs; running heals get `graceMs` to finish, then are handed back. */
  close(graceMs?: number): Promise<void>;
}

export interface StartWorkerOptions {
  readonly config: WorkerConfig;
  /** Where the model key is read from (default process.env); never passed to commands. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly logDestination?: DestinationStream;
  /** Actions polling interval (tests against the simulator poll fast). */
  readonly pollIntervalMs?: number;
  /** Wait between looks at an empty queue. */
  readonly idleMs?: number;
  readonly leaseMs?: number;
  /** First wait before a failed job is tried again (60 s; tests wait less). */
  readonly retryBaseMs?: number;
  /** Least time between re-reads of the App's installations for a delivery naming a new one (10 s). */
  readonly installationsMinRefreshMs?: number;
}

/** The service: webhook receiver, durable queue, job runner, health and metrics. */
export async function startWorker(options: StartWorkerOptions): Promise<WorkerService> {
  const { config } = options;
  const [local, github] = await Promise.all([import('@healing/local'), import('@healing/github')]);
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  const logger = createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const { auth } = config;
  // The job gauge reads the queue only when scraped, after the queue below is open.
  const metrics = createMetrics(() => queue.counts());
  const { registry, clientFor } = createGitHubClients({
    config,
    logger,
    github,
    metrics,
    ...(options.installationsMinRefreshMs === undefined
      ? {}
      : { minRefreshIntervalMs: options.installationsMinRefreshMs }),
  });
  const queue = local.createSqliteJobQueue({ path: join(dataDir, 'jobs.sqlite') });
  const cache = local.createSqliteCache({ path: join(dataDir, 'cache.sqlite') });
  await queue.counts();
  const runner = createJobRunner({
    queue,
    cache,
    clientFor,
    env: options.env ?? process.env,
    logger,
    metrics,
    owner: `worker-${randomUUID()}`,
    perRepository: config.concurrencyPerRepository,
    maxHealsPerDay: config.maxHealsPerDay,
    maxModelTokensPerDay: config.maxModelTokensPerDay,
    ...(auth.kind === 'app' ? { verifyInstallation: (id: number) => registry.verify(id) } : {}),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
  });
  const policy = {
    allowForks: config.allowForks,
    branches: config.branches,
    ignoreBranches: config.ignoreBranches,
    repositories: config.repositories,
    ownBranchPrefixes: OWN_BRANCH_PREFIXES,
    isKnownInstallation: (id: number | null) => registry.isServed(id),
  };
  const enqueue = ({ deliveryId, job }: { deliveryId: string; job: HealJob | null }) =>
    queue.enqueue({
      deliveryId,
      ...(job ? { key: healJobKey(job), partition: job.repository, payload: job } : {}),
    });
  const poller =
    config.pollIntervalMs > 0
      ? createRunPoller({
          targets:
            auth.kind === 'token'
              ? configuredTargets(config.repositories)
              : installationTargets({ registry, clientFor, repositories: config.repositories, logger }),
          intervalMs: config.pollIntervalMs,
          clientFor,
          // The targets are the served installations' repositories already.
          policy: { ...policy, isKnownInstallation: () => true },
          enqueue,
          logger,
        })
      : null;
  const server = createWorkerServer({
    receiver: config.webhookSecret
      ? {
          secret: config.webhookSecret,
          maxBodyBytes: config.maxBodyBytes,
          policy,
          enqueue,
          ...(auth.kind === 'app' ? { installations: registry } : {}),
        }
      : null,
    metrics,
    logger,
    isReady: registry.isReady,
  });
  await new Promise<void>((resolveListen) => server.listen(config.port, config.host, resolveListen));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  // Serving already (/healthz answers, /readyz says not yet): an App reads its installations,
  // and credentials GitHub refuses stop the start here; a slow or failing GitHub does not.
  let stopRefreshing: () => void;
  try {
    // With a token there are no installations to track (and no timer to keep).
    stopRefreshing = auth.kind === 'app' ? await keepInstallationsCurrent(registry, logger) : () => {};
  } catch (error) {
    // The start failed: open connections are cut, not drained (a delivery cut here was never
    // acknowledged, so GitHub shows it as failed and it can be redelivered).
    server.closeAllConnections();
    await new Promise((resolveClose) => server.close(resolveClose));
    await queue.close();
    await cache.close();
    throw error;
  }
  runner.start();
  poller?.start();
  logger.info({ port: address.port }, 'worker listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close(graceMs = 30_000) {
      closing ??= (async () => {
        stopRefreshing();
        await new Promise((resolveClose) => server.close(resolveClose));
        await poller?.stop();
        await runner.stop(graceMs);
        await queue.close();
        await cache.close();
        logger.info('worker stopped');
      })();
      return closing;
    },
  };
}

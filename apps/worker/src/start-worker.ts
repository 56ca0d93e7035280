import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { DestinationStream } from 'pino';
import type { WorkerConfig } from './config/worker-config.js';
import { createWorkerServer } from './http/create-server.js';
import { createJobRunner } from './jobs/job-runner.js';
import { createLogger } from './observability/create-logger.js';
import { createMetrics } from './observability/create-metrics.js';
import { createRunPoller } from './polling/create-run-poller.js';
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
  const queue = local.createSqliteJobQueue({ path: join(dataDir, 'jobs.sqlite') });
  const cache = local.createSqliteCache({ path: join(dataDir, 'cache.sqlite') });
  await queue.counts();
  const metrics = createMetrics(() => queue.counts());
  const clients = new Map<number | null, ReturnType<typeof github.createGitHubClient>>();
  const clientFor = (installationId: number | null) => {
    const existing = clients.get(installationId);
    if (existing) return existing;
    const auth =
      config.auth.kind === 'token'
        ? { token: config.auth.token }
        : {
            appId: config.auth.appId,
            privateKey: config.auth.privateKey,
            installationId: installationId ?? Number.NaN,
          };
    const client = github.createGitHubClient({
      auth,
      baseUrl: config.apiUrl,
      onEvent: (event) => logger.warn({ event }, 'github rate limit'),
    });
    clients.set(installationId, client);
    return client;
  };
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
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  });
  const policy = {
    allowForks: config.allowForks,
    branches: config.branches,
    ignoreBranches: config.ignoreBranches,
    repositories: config.repositories,
    healBranchPrefix: 'heal/',
    isKnownInstallation: (id: number | null) =>
      config.installationIds.length === 0
        ? config.auth.kind === 'token' || id !== null
        : id !== null && config.installationIds.includes(id),
  };
  const enqueue = ({ deliveryId, job }: { deliveryId: string; job: HealJob | null }) =>
    queue.enqueue({
      deliveryId,
      ...(job ? { key: healJobKey(job), partition: job.repository, payload: job } : {}),
    });
  const poller =
    config.pollIntervalMs > 0
      ? createRunPoller({
          repositories: config.repositories,
          intervalMs: config.pollIntervalMs,
          client: () => clientFor(config.installationIds[0] ?? null),
          // Polled runs carry no installation: the one configured (or the token) is theirs.
          policy: { ...policy, isKnownInstallation: () => true },
          enqueue,
          logger,
        })
      : null;
  const server = createWorkerServer({
    receiver: config.webhookSecret
      ? { secret: config.webhookSecret, maxBodyBytes: config.maxBodyBytes, policy, enqueue }
      : null,
    metrics,
    logger,
    isReady: () => true,
  });
  await new Promise<void>((resolveListen) => server.listen(config.port, config.host, resolveListen));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  runner.start();
  poller?.start();
  logger.info({ port: address.port }, 'worker listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close(graceMs = 30_000) {
      closing ??= (async () => {
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

import type { GitHubClient } from '@healing/github';
import type { EnqueueOutcome } from '@healing/local';
import type { Logger } from 'pino';
import { classifyDelivery, type DeliveryPolicy } from '../webhooks/classify-delivery.js';
import type { HealJob } from '../webhooks/heal-job.js';
import type { PollTarget } from './poll-targets.js';

export interface RunPollerOptions {
  /** The repositories to poll, read again at every poll (an App's installations change). */
  readonly targets: () => Promise<readonly PollTarget[]>;
  readonly intervalMs: number;
  readonly clientFor: (installationId: number | null) => Promise<GitHubClient>;
  readonly policy: DeliveryPolicy;
  readonly enqueue: (request: { deliveryId: string; job: HealJob }) => Promise<EnqueueOutcome>;
  readonly logger: Logger;
  /** Failed runs read per repository and poll (the newest first). */
  readonly perPage?: number;
}

export interface PollResult {
  readonly repository: string;
  /** 304 when nothing changed since the last poll (a conditional request GitHub does not count). */
  readonly status: 200 | 304;
  readonly queued: number;
}

export interface RunPoller {
  pollOnce(): Promise<PollResult[]>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * For installations that cannot receive webhooks: lists each repository's recent failed runs
 * with a conditional request (ETag), one request per repository and interval, and queues
 * them as a webhook would. A run seen again is the same delivery, so nothing is queued twice.
 */
export function createRunPoller(options: RunPollerOptions): RunPoller {
  const etags = new Map<string, string>();
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<unknown> = Promise.resolve();

  async function pollRepository({ repository, installationId }: PollTarget): Promise<PollResult> {
    const octokit = await options.clientFor(installationId);
    const [owner = '', repo = ''] = repository.split('/');
    const etag = etags.get(repository);
    const response = await octokit
      .request('GET /repos/{owner}/{repo}/actions/runs', {
        owner,
        repo,
        status: 'failure',
        per_page: options.perPage ?? 20,
        headers: etag ? { 'if-none-match': etag } : {},
      })
      .catch((error: unknown) => {
        // Octokit turns "not modified" into an error; here it is the cheap, expected answer.
        if ((error as { status?: number }).status === 304) return null;
        throw error;
      });
    if (response === null) return { repository, status: 304, queued: 0 };
    if (typeof response.headers.etag === 'string') etags.set(repository, response.headers.etag);
    let queued = 0;
    for (const run of response.data.workflow_runs) {
      const payload = {
        action: 'completed',
        workflow_run: run,
        repository: run.repository,
        ...(installationId === null ? {} : { installation: { id: installationId } }),
      };
      const decision = classifyDelivery('workflow_run', payload, options.policy);
      if (decision.kind !== 'heal') continue;
      const outcome = await options.enqueue({
        deliveryId: `poll:${repository}:${run.id}:${run.run_attempt ?? 1}`,
        job: decision.job,
      });
      if (!outcome.isDuplicateDelivery && outcome.isNewJob) queued += 1;
    }
    return { repository, status: 200, queued };
  }

  async function pollOnce(): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const target of await options.targets()) {
      try {
        results.push(await pollRepository(target));
      } catch (error) {
        options.logger.error({ err: error, repository: target.repository }, 'polling failed runs failed');
      }
    }
    return results;
  }

  return {
    pollOnce,
    start() {
      const tick = (): void => {
        polling = pollOnce()
          .then((results) => options.logger.debug({ results }, 'polled failed runs'))
          .finally(() => {
            if (timer !== undefined) timer = setTimeout(tick, options.intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await polling.catch(() => {});
    },
  };
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCache } from '@healing/adapters';
import { createGitHubClient } from '@healing/github';
import { startGitHubSimulator } from '@healing/github-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { createJobRunner } from '../src/jobs/job-runner.js';
import { createLogger } from '../src/observability/create-logger.js';
import { createMetrics } from '../src/observability/create-metrics.js';
import { healJobKey } from '../src/webhooks/heal-job.js';
import { regressionRepository } from './fixture-repository.js';
import { waitFor } from './test-support.js';

const local = await import('@healing/local');
const token = `ghp_${'L3as'.repeat(9)}`;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the job runner', () => {
  it('stops a heal whose lease is lost, and neither completes nor fails the job it no longer holds', {
    timeout: 120_000,
  }, async () => {
    const { dir, headSha } = await regressionRepository();
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app', seedFrom: dir }],
      token,
    });
    cleanups.push(() => simulator.stop());
    const queue = local.createSqliteJobQueue({
      path: join(mkdtempSync(join(tmpdir(), 'heal-lease-')), 'jobs.sqlite'),
    });
    cleanups.push(() => queue.close());
    const job = {
      repository: 'acme/app',
      runId: 1,
      runAttempt: 1,
      headSha,
      headBranch: 'main',
      workflowName: 'CI',
      installationId: null,
      runUrl: 'https://github.com/acme/app/actions/runs/1',
    };
    await queue.enqueue({ deliveryId: 'd1', key: healJobKey(job), partition: job.repository, payload: job });
    const metrics = createMetrics(() => queue.counts());
    const octokit = await createGitHubClient({ auth: { token }, baseUrl: simulator.url, writeIntervalMs: 0 });
    const runner = createJobRunner({
      // The real queue, except that every renewal finds the lease gone (taken by another worker).
      queue: { ...queue, renew: async () => false },
      cache: createMemoryCache(),
      clientFor: async () => octokit,
      env: {},
      logger: createLogger({ level: 'silent', secrets: [token] }),
      metrics,
      owner: 'worker-a',
      perRepository: 1,
      maxHealsPerDay: 10,
      maxModelTokensPerDay: 1000,
      leaseMs: 3000,
      pollIntervalMs: 100,
      idleMs: 100,
    });
    runner.start();
    cleanups.push(() => runner.stop(1000));
    const text = await waitFor(
      'the heal to stop on its lost lease',
      async () => {
        const current = await metrics.registry.metrics();
        return current.includes('heal_outcomes_total{outcome="lease_lost"} 1') ? current : null;
      },
      60_000,
    );
    expect(text).toContain('heal_outcomes_total{outcome="lease_lost"} 1');
    await runner.stop(1000);
    // Never completed or failed by a worker that lost it; no pull request from the stopped heal.
    expect(await queue.counts()).toMatchObject({ done: 0, failed: 0 });
    expect((await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'all' })).data).toEqual([]);
    expect(text).not.toContain('heal_outcomes_total{outcome="healed"}');
  });
});

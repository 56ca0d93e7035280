import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubSimulator } from '@healing/github-sim';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/create-logger.js';
import { createRunPoller } from '../src/polling/create-run-poller.js';
import { configuredTargets } from '../src/polling/poll-targets.js';
import { regressionRepository } from './fixture-repository.js';
import { enqueueInto, openPolicy } from './test-support.js';

const local = await import('@healing/local');
const token = `ghp_${'P0ll'.repeat(9)}`;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CI = `name: CI
on: workflow_dispatch
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: node --test
`;

describe('polling for failed runs (for installations without webhooks)', () => {
  it('queues a failed run once, and asks again with the ETag so an unchanged list costs nothing', {
    timeout: 120_000,
  }, async () => {
    const { dir } = await regressionRepository({ '.github/workflows/ci.yml': CI });
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app', seedFrom: dir }],
      token,
    });
    cleanups.push(() => simulator.stop());
    const octokit = new Octokit({ baseUrl: simulator.url, auth: token });
    const queue = local.createSqliteJobQueue({
      path: join(mkdtempSync(join(tmpdir(), 'heal-poll-')), 'jobs.sqlite'),
    });
    cleanups.push(() => queue.close());
    const dispatchFailingRun = async (): Promise<void> => {
      const { data } = await octokit.request(
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        {
          owner: 'acme',
          repo: 'app',
          workflow_id: 'ci.yml',
          ref: 'main',
          return_run_details: true,
        },
      );
      const run = await simulator.waitForRun(
        'acme',
        'app',
        (data as { workflow_run_id: number }).workflow_run_id,
        { timeoutMs: 60_000 },
      );
      expect(run.conclusion).toBe('failure');
    };
    await dispatchFailingRun();

    const poller = createRunPoller({
      targets: configuredTargets(['acme/app']),
      intervalMs: 60_000,
      clientFor: async () => octokit,
      policy: openPolicy(),
      enqueue: enqueueInto(queue),
      logger: createLogger({ level: 'silent', secrets: [token] }),
    });
    expect(await poller.pollOnce()).toEqual([{ repository: 'acme/app', status: 200, queued: 1 }]);
    expect(await poller.pollOnce()).toEqual([{ repository: 'acme/app', status: 304, queued: 0 }]);
    const conditional = simulator.requests.filter((request) =>
      (request.route ?? '').endsWith('/actions/runs'),
    );
    expect(conditional.map((request) => request.status)).toEqual([200, 304]);

    // A second failed run of the same commit changes the list, but not the work to do.
    await dispatchFailingRun();
    expect(await poller.pollOnce()).toEqual([{ repository: 'acme/app', status: 200, queued: 0 }]);
    expect(await queue.counts()).toEqual({ queued: 1, leased: 0, done: 0, failed: 0 });
  });
});

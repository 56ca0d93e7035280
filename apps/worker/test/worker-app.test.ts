import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { isHealingError } from '@healing/adapters';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { sign } from '@octokit/webhooks-methods';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../src/config/worker-config.js';
import { createInstallationRegistry } from '../src/installations/installation-registry.js';
import { createLogger } from '../src/observability/create-logger.js';
import { createRunPoller } from '../src/polling/create-run-poller.js';
import { installationTargets } from '../src/polling/poll-targets.js';
import { startWorker, type WorkerService } from '../src/start-worker.js';
import { regressionRepository } from './fixture-repository.js';
import { enqueueInto, logSink, openPolicy, waitFor } from './test-support.js';

const secret = 'app-webhook-secret-0123456';
const APP_ID = 4242;
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
/** The repository's own CI: runs the tests on every push, as most do. */
const CI_ON_PUSH = `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: node --test
`;

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function appEnv(simulator: GitHubSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HEAL_WEBHOOK_SECRET: secret,
    HEAL_GITHUB_APP_ID: String(APP_ID),
    HEAL_GITHUB_APP_PRIVATE_KEY: keys.privateKey,
    HEAL_GITHUB_API_URL: simulator.url,
    HEAL_HOST: '127.0.0.1',
    HEAL_PORT: '0',
    HEAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'heal-worker-app-')),
    HEAL_LOG_LEVEL: 'info',
    ...extra,
  };
}

async function startAppWorker(
  simulator: GitHubSimulator,
  extra: Record<string, string> = {},
  options: { installationsMinRefreshMs?: number; retryBaseMs?: number } = {},
): Promise<{ service: WorkerService; logs: string[] }> {
  const sink = logSink();
  const logs = sink.lines;
  const service = await startWorker({
    config: loadWorkerConfig(appEnv(simulator, extra)),
    env: {},
    pollIntervalMs: 100,
    idleMs: 100,
    installationsMinRefreshMs: options.installationsMinRefreshMs ?? 0,
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
    logDestination: sink.destination,
  });
  cleanups.push(() => service.close(5000));
  return { service, logs };
}

async function deliver(url: string, event: string, payload: unknown, deliveryId: string): Promise<number> {
  const body = JSON.stringify(payload);
  const response = await fetch(`${url}/webhooks`, {
    method: 'POST',
    headers: {
      'x-github-event': event,
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': await sign(secret, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const failedRun = (installationId: number, runId: number) => ({
  action: 'completed',
  workflow_run: {
    id: runId,
    name: 'CI',
    head_branch: 'main',
    head_sha: runId.toString(16).padStart(40, '0'),
    run_attempt: 1,
    conclusion: 'failure',
    html_url: `https://github.com/acme/app/actions/runs/${runId}`,
  },
  repository: { full_name: 'acme/app', default_branch: 'main' },
  installation: { id: installationId },
});

describe('the worker as a GitHub App', () => {
  it('hears a failed CI run from GitHub, heals it with refreshed installation tokens, and opens one pull request as the bot (slow)', {
    timeout: 240_000,
  }, async () => {
    const { dir } = await regressionRepository({ '.github/workflows/ci.yml': CI_ON_PUSH });
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app', seedFrom: dir }],
      // Tokens live 4 s here (an hour on GitHub): a heal outlives several and must never use a dead one.
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [{ id: 77, account: 'acme', repositories: ['app'] }],
        tokenTtlMs: 4000,
      },
    });
    cleanups.push(() => simulator.stop());
    const { service, logs } = await startAppWorker(simulator);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    simulator.setWebhook({ url: `${service.url}/webhooks`, secret });

    // Somebody pushes; the repository's CI fails; GitHub announces the failed run to the App.
    await simulator.push('acme', 'app', 'main', { 'NOTES.md': 'a push that runs CI\n' }, 'touch notes');
    const pulls = await waitFor(
      'a pull request',
      async () => {
        const open = simulator.deliveries().length > 0 ? await listPulls(simulator) : [];
        return open.length > 0 ? open : null;
      },
      200_000,
    );
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ user: { login: 'heal-bot[bot]', type: 'Bot' }, base: { ref: 'main' } });
    expect(pulls[0]?.head.ref).toMatch(/^heal\//);
    const failedRunDeliveries = simulator
      .deliveries()
      .filter(
        (delivery) =>
          delivery.event === 'workflow_run' &&
          (delivery.payload as { workflow_run?: { conclusion?: string } }).workflow_run?.conclusion ===
            'failure',
      );
    expect(failedRunDeliveries.length).toBeGreaterThan(0);
    for (const delivery of failedRunDeliveries) {
      expect((delivery.payload as { installation?: { id: number } }).installation?.id).toBe(77);
    }

    // Every request carried a live credential: tokens were replaced before they expired.
    const tokens = simulator.installationTokens();
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens.every((record) => record.installationId === 77)).toBe(true);
    expect(simulator.requests.filter((request) => request.status === 401)).toEqual([]);
    const metrics = await waitFor(
      'the job to finish',
      async () => {
        const text = await (await fetch(`${service.url}/metrics`)).text();
        return text.includes('heal_outcomes_total{outcome="healed"} 1') ? text : null;
      },
      30_000,
    );
    // Every request the worker made is counted, and each installation's budget is reported.
    const answered = Number(/heal_github_requests_total\{status="200"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    expect(answered).toBeGreaterThan(10);
    expect(metrics).toMatch(/heal_github_requests_total\{status="201"\} \d+/);
    expect(metrics).toMatch(/heal_github_rate_limit_remaining\{client="installation-77"\} \d+/);
    // The App pushed the heal branch, so the repository's own CI ran on it: once, on the fix
    // (the branch was created at the fix commit, not at the broken one first), and it passed.
    const fixRuns = simulator
      .runs('acme', 'app')
      .filter((run) => run.workflowPath.endsWith('ci.yml') && run.headBranch === pulls[0]?.head.ref);
    expect(fixRuns.map((run) => run.headSha)).toEqual([pulls[0]?.head.sha]);
    // Scratch branches asked GitHub to skip CI: the repository's CI never ran on them.
    const scratchRuns = simulator
      .runs('acme', 'app')
      .filter((run) => run.workflowPath.endsWith('ci.yml') && run.headBranch.startsWith('heal-work/'));
    expect(scratchRuns).toEqual([]);
    expect(simulator.runs('acme', 'app').some((run) => run.workflowPath.endsWith('heal-run.yml'))).toBe(true);
    expect(
      (await simulator.waitForRun('acme', 'app', fixRuns[0]?.id ?? 0, { timeoutMs: 60_000 })).conclusion,
    ).toBe('success');
    const text = logs.join('');
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toMatch(/ghs_[A-Za-z0-9]{36}/);
    expect(text).not.toContain(secret);
  });

  it('serves the installations it finds, learns of new ones, and refuses others with nothing queued', async () => {
    const { dir } = await regressionRepository();
    const simulator = await startGitHubSimulator({
      repositories: [
        { owner: 'acme', name: 'app', seedFrom: dir },
        { owner: 'beta', name: 'lib' },
      ],
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [{ id: 77, account: 'acme', repositories: 'all' }],
      },
    });
    cleanups.push(() => simulator.stop());
    const { service } = await startAppWorker(simulator);
    simulator.setWebhook({ url: `${service.url}/webhooks`, secret });

    expect(await deliver(service.url, 'workflow_run', failedRun(77, 1), 'known')).toBe(202);
    expect(await deliver(service.url, 'workflow_run', failedRun(999, 2), 'unknown')).toBe(403);

    // Installed while the worker runs: GitHub's installation webhook tells it.
    simulator.addInstallation({ id: 88, account: 'beta', repositories: 'all' });
    await simulator.settled();
    expect(await deliver(service.url, 'workflow_run', failedRun(88, 3), 'new-installation')).toBe(202);

    // Installed while webhooks were not reaching it: the unknown id makes it read the list again.
    simulator.setWebhook(undefined);
    simulator.addInstallation({ id: 99, account: 'gamma', repositories: 'all' });
    expect(await deliver(service.url, 'workflow_run', failedRun(99, 4), 'missed-webhook')).toBe(202);
    simulator.setWebhook({ url: `${service.url}/webhooks`, secret });

    // Uninstalled: its deliveries are refused from then on.
    simulator.removeInstallation(77);
    await simulator.settled();
    expect(await deliver(service.url, 'workflow_run', failedRun(77, 5), 'uninstalled')).toBe(403);

    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('heal_webhook_deliveries_total{outcome="rejected"} 2');
    expect(metrics).toContain('heal_webhook_deliveries_total{outcome="queued"} 3');
    const jobs = [...metrics.matchAll(/^heal_jobs\{state="\w+"\} (\d+)$/gm)].map((match) => Number(match[1]));
    expect(jobs.reduce((sum, count) => sum + count, 0)).toBe(3);
  });

  it('serves at once when GitHub fails at start-up, queues deliveries it cannot check, and checks them before healing', {
    timeout: 60_000,
  }, async () => {
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app' }],
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [{ id: 77, account: 'acme', repositories: 'all' }],
      },
    });
    cleanups.push(() => simulator.stop());
    simulator.injectFault({
      method: 'GET',
      route: '/app/installations',
      kind: 'status',
      status: 502,
      times: 2,
    });
    const { service } = await startAppWorker(
      simulator,
      {},
      { installationsMinRefreshMs: 60_000, retryBaseMs: 500 },
    );
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(503);

    // Signed by the App's secret, but GitHub cannot say whose installation 555 is: queued, not lost.
    const before = simulator.requests.length;
    expect(await deliver(service.url, 'workflow_run', failedRun(555, 7), 'while-down')).toBe(202);
    expect(
      simulator.requests.slice(before).filter((request) => request.route === '/app/installations'),
    ).toEqual([]);

    await waitFor(
      'readiness',
      async () => ((await fetch(`${service.url}/readyz`)).status === 200 ? true : null),
      30_000,
    );
    // Before healing, the runner asks again: 555 is not the App's, so the job ends, unhealed.
    const metrics = await waitFor(
      'the job to be refused',
      async () => {
        const text = await (await fetch(`${service.url}/metrics`)).text();
        return text.includes('heal_outcomes_total{outcome="rejected"} 1') ? text : null;
      },
      30_000,
    );
    expect(metrics).toContain('heal_jobs{state="failed"} 1');
    expect(simulator.requests.some((request) => request.route?.includes('/access_tokens'))).toBe(false);
  });

  it('polls, as each installation, every repository the installations reach (no repository list)', {
    timeout: 120_000,
  }, async () => {
    const { dir } = await regressionRepository({ '.github/workflows/ci.yml': CI_ON_PUSH });
    const simulator = await startGitHubSimulator({
      repositories: [
        { owner: 'acme', name: 'app', seedFrom: dir },
        { owner: 'acme', name: 'unreached' },
        { owner: 'beta', name: 'lib' },
      ],
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [
          { id: 77, account: 'acme', repositories: ['app'] },
          { id: 88, account: 'beta', repositories: 'all' },
        ],
      },
    });
    cleanups.push(() => simulator.stop());
    await simulator.push('acme', 'app', 'main', { 'NOTES.md': 'a push that runs CI\n' }, 'touch notes');
    await simulator.settled();
    const [run] = simulator.runs('acme', 'app');
    expect(run).toBeDefined();
    expect((await simulator.waitForRun('acme', 'app', run?.id ?? 0, { timeoutMs: 60_000 })).conclusion).toBe(
      'failure',
    );

    const local = await import('@healing/local');
    const { createGitHubClient } = await import('@healing/github');
    const logger = createLogger({ level: 'silent', secrets: [] });
    const queue = local.createSqliteJobQueue({
      path: join(mkdtempSync(join(tmpdir(), 'heal-app-poll-')), 'jobs.sqlite'),
    });
    cleanups.push(() => queue.close());
    const auth = { appId: APP_ID, privateKey: keys.privateKey };
    const registry = createInstallationRegistry({
      appClient: () => createGitHubClient({ auth, baseUrl: simulator.url }),
      allowlist: [],
      logger,
    });
    await registry.refresh();
    expect([...registry.served()].sort()).toEqual([77, 88]);
    const clientFor = (installationId: number | null) =>
      createGitHubClient({ auth: { ...auth, installationId: installationId ?? 0 }, baseUrl: simulator.url });
    const poller = createRunPoller({
      targets: installationTargets({ registry, clientFor, repositories: [], logger }),
      intervalMs: 60_000,
      clientFor,
      policy: openPolicy(),
      enqueue: enqueueInto(queue),
      logger,
    });
    const first = await poller.pollOnce();
    expect(first.map((result) => result.repository).sort()).toEqual(['acme/app', 'beta/lib']);
    expect(first.find((result) => result.repository === 'acme/app')).toMatchObject({
      status: 200,
      queued: 1,
    });
    const leased = await queue.lease<{ installationId: number; headSha: string }>({
      owner: 'test',
      leaseMs: 60_000,
    });
    expect(leased?.payload).toMatchObject({ installationId: 77, headSha: run?.headSha });
    // Nothing changed: every list, the installations' repositories included, answers 304.
    const before = simulator.requests.length;
    const second = await poller.pollOnce();
    expect(second.every((result) => result.status === 304)).toBe(true);
    const statuses = simulator.requests.slice(before).map((request) => request.status);
    expect(statuses.filter((status) => status !== 304 && status !== 201)).toEqual([]);
  });

  it('applies suspensions, and keeps installation events that arrive while the list is being read', async () => {
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app' }],
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [
          { id: 77, account: 'acme', repositories: 'all' },
          { id: 78, account: 'beta', repositories: 'all' },
        ],
      },
    });
    cleanups.push(() => simulator.stop());
    const { createGitHubClient } = await import('@healing/github');
    const registry = createInstallationRegistry({
      appClient: () =>
        createGitHubClient({ auth: { appId: APP_ID, privateKey: keys.privateKey }, baseUrl: simulator.url }),
      allowlist: [],
      logger: createLogger({ level: 'silent', secrets: [] }),
    });
    await registry.refresh();
    expect([...registry.served()].sort()).toEqual([77, 78]);
    const event = (action: string, id: number) => ({
      action,
      installation: { id, suspended_at: action === 'suspend' ? '2026-11-25T12:00:00Z' : null },
    });
    registry.apply('installation', event('suspend', 77));
    expect(registry.isServed(77)).toBe(false);
    registry.apply('installation', event('unsuspend', 77));
    expect(registry.isServed(77)).toBe(true);

    // GitHub still lists 78 when the read began; its deletion arrives before the answer does.
    simulator.injectFault({ method: 'GET', route: '/app/installations', kind: 'slow', delayMs: 500 });
    const reading = registry.refresh();
    await new Promise((resolve) => setTimeout(resolve, 100));
    registry.apply('installation', event('deleted', 78));
    await reading;
    expect(registry.served()).toEqual([77]);
  });

  it('refuses to start with credentials GitHub rejects, naming the variables to check', async () => {
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app' }],
      app: {
        id: APP_ID,
        publicKey: keys.publicKey,
        installations: [{ id: 77, account: 'acme', repositories: 'all' }],
      },
    });
    cleanups.push(() => simulator.stop());
    const otherKey = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const failure = await startWorker({
      config: loadWorkerConfig(appEnv(simulator, { HEAL_GITHUB_APP_PRIVATE_KEY: otherKey })),
      env: {},
      logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    }).then(
      (service) => {
        cleanups.push(() => service.close(1000));
        return null;
      },
      (error: unknown) => error,
    );
    expect(isHealingError(failure, 'AUTH_FAILED')).toBe(true);
    expect((failure as Error).message).toContain('HEAL_GITHUB_APP_PRIVATE_KEY');
    expect((failure as Error).message).not.toContain('PRIVATE KEY-----');
  });
});

async function listPulls(simulator: GitHubSimulator) {
  // Read as the App's installation would: no static token is configured.
  const { createGitHubClient } = await import('@healing/github');
  const octokit = await createGitHubClient({
    auth: { appId: APP_ID, privateKey: keys.privateKey, installationId: 77 },
    baseUrl: simulator.url,
  });
  return (await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'open' })).data;
}

import { setTimeout as sleep } from 'node:timers/promises';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubSimulator } from '../src/index.js';
import { startGitHubSimulator } from '../src/index.js';
import { type AppKeys, createAppKeys } from './support/app-keys.js';
import { webhookSchemaErrors } from './support/openapi.js';
import { silentLog } from './support/simulator.js';
import { statusOf } from './support/status-of.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const APP_ID = 5151;
const ACME = 21;
const LATE = 31;
const WORKFLOW = `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo ok
`;

let keys: AppKeys;
let sim: GitHubSimulator;
let receiver: WebhookReceiver;

async function installationToken(installationId: number): Promise<{ token: string; expiresAt: string }> {
  const auth = createAppAuth({
    appId: APP_ID,
    privateKey: keys.privateKey,
    request: new Octokit({ baseUrl: sim.url, log: silentLog }).request,
  });
  const { token, expiresAt } = await auth({ type: 'installation', installationId });
  return { token, expiresAt };
}

const byToken = (token: string) => new Octokit({ baseUrl: sim.url, auth: token, log: silentLog });

beforeAll(async () => {
  keys = createAppKeys();
  receiver = await startWebhookReceiver();
  sim = await startGitHubSimulator({
    repositories: [
      { owner: 'acme', name: 'widgets' },
      { owner: 'acme', name: 'gadgets' },
      { owner: 'late', name: 'tools' },
    ],
    webhook: { url: receiver.url, secret: 'app-hook-secret' },
    app: {
      id: APP_ID,
      slug: 'mender',
      publicKey: keys.publicKey,
      installations: [{ id: ACME, account: 'acme', repositories: ['widgets'] }],
      tokenTtlMs: 1_500,
    },
  });
});
afterAll(async () => {
  await sim.stop();
  await receiver.close();
});

describe('GitHub App: token lifetime and installations at run time', () => {
  it('stops accepting an installation token once it expires (401 Bad credentials)', async () => {
    const { token, expiresAt } = await installationToken(ACME);
    const record = sim.installationTokens().at(-1);
    expect(record).toMatchObject({ installationId: ACME, expiresAt, repositorySelection: 'selected' });
    const lifetimeMs = Date.parse(expiresAt) - Date.parse(record?.createdAt ?? '');
    expect(lifetimeMs).toBeGreaterThanOrEqual(1_500);
    expect(lifetimeMs).toBeLessThan(2_500);
    expect((await byToken(token).rest.repos.get({ owner: 'acme', repo: 'widgets' })).status).toBe(200);
    await sleep(Date.parse(expiresAt) - Date.now() + 50);
    expect(await statusOf(byToken(token).rest.repos.get({ owner: 'acme', repo: 'widgets' }))).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
  });

  it('names the installation in push and workflow_run webhooks for repositories it reaches, and only those', async () => {
    const { token } = await installationToken(ACME);
    const octokit = byToken(token);
    const { data: main } = await octokit.rest.git.getRef({
      owner: 'acme',
      repo: 'widgets',
      ref: 'heads/main',
    });
    await octokit.rest.git.createRef({
      owner: 'acme',
      repo: 'widgets',
      ref: 'refs/heads/bot',
      sha: main.object.sha,
    });
    await sim.push('acme', 'gadgets', 'main', { 'g.txt': 'g\n' });
    const workflowSha = await sim.push('acme', 'widgets', 'main', { '.github/workflows/ci.yml': WORKFLOW });
    await sim.settled();
    const run = sim.runs('acme', 'widgets').find((candidate) => candidate.headSha === workflowSha);
    await sim.waitForRun('acme', 'widgets', run?.id ?? 0);
    await sim.settled();
    const completed = receiver
      .ofEvent('workflow_run')
      .map((hook) => hook.payload)
      .find((payload) => payload.action === 'completed');
    expect(webhookSchemaErrors('workflow-run-completed', completed)).toEqual([]);
    expect(completed).toMatchObject({ installation: { id: ACME } });
    const pushes = receiver.ofEvent('push').map((hook) => hook.payload);
    const botPush = pushes.find((payload) => payload.ref === 'refs/heads/bot');
    // GitHub's bot address (`<id>+<slug>[bot]@users.noreply.github.com`) is not what ajv's `email`
    // format allows; the description says `format: email` but GitHub sends brackets all the same.
    const pushErrors = webhookSchemaErrors('push', botPush).filter(
      (error) => !error.startsWith('/pusher/email'),
    );
    expect(pushErrors).toEqual([]);
    expect(botPush?.pusher).toMatchObject({
      email: expect.stringMatching(/^\d+\+mender\[bot\]@users\.noreply\.github\.com$/),
    });
    expect(botPush).toMatchObject({
      installation: { id: ACME, node_id: expect.any(String) },
      sender: { login: 'mender[bot]', type: 'Bot' },
    });
    const otherPush = pushes.find(
      (payload) => (payload.repository as { full_name: string }).full_name === 'acme/gadgets',
    );
    expect(otherPush).toBeDefined();
    expect(otherPush).not.toHaveProperty('installation');
    const hook = receiver.ofEvent('push')[0];
    expect(hook?.headers['x-github-hook-installation-target-type']).toBe('integration');
    expect(hook?.headers['x-github-hook-installation-target-id']).toBe(String(APP_ID));
  });

  it('sends installation created/deleted webhooks and revokes a removed installation’s tokens', async () => {
    const before = await statusOf(installationToken(LATE).then(() => ({ status: 201 })));
    expect(before).toMatchObject({ status: 404 });

    sim.addInstallation({ id: LATE, account: 'late', repositories: 'all' });
    const { token } = await installationToken(LATE);
    expect((await byToken(token).rest.repos.get({ owner: 'late', repo: 'tools' })).status).toBe(200);

    sim.removeInstallation(LATE);
    expect(await statusOf(byToken(token).rest.repos.get({ owner: 'late', repo: 'tools' }))).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
    await sim.settled();
    const hooks = receiver.ofEvent('installation');
    expect(hooks.map((hook) => hook.payload.action)).toEqual(['created', 'deleted']);
    const [created, deleted] = hooks.map((hook) => hook.payload);
    expect(webhookSchemaErrors('installation-created', created)).toEqual([]);
    expect(webhookSchemaErrors('installation-deleted', deleted)).toEqual([]);
    expect(created).toMatchObject({
      installation: { id: LATE, app_id: APP_ID, app_slug: 'mender', account: { login: 'late' } },
      repositories: [{ full_name: 'late/tools' }],
      sender: { login: 'late' },
    });
    expect(() => sim.removeInstallation(LATE)).toThrow(/no installation 31/);
    expect(() => sim.addInstallation({ id: ACME, account: 'x', repositories: 'all' })).toThrow(
      /already exists/,
    );
  });
});

describe('without an App', () => {
  it('refuses the installation methods and answers App routes 401', async () => {
    const plain = await startGitHubSimulator({ repositories: [{ owner: 'a', name: 'b' }] });
    try {
      expect(() => plain.addInstallation({ id: 1, account: 'a', repositories: 'all' })).toThrow(
        /no GitHub App/,
      );
      expect(plain.installationTokens()).toEqual([]);
      const response = await fetch(`${plain.url}/app`);
      expect(response.status).toBe(401);
      expect((await fetch(`${plain.url}/repos/a/b`)).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@octokit/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookSchemaErrors } from './support/openapi.js';
import { type Harness, repo, startHarness } from './support/simulator.js';

const SECRET = 'webhook-secret-value';
const WORKFLOW = `name: CI
on:
  push:
  workflow_dispatch:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo ok
`;

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let harness: Harness;
let receiver: Server;
const received: Received[] = [];
let answerStatus = 200;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  harness = await startHarness(
    { 'README.md': 'r\n', '.github/workflows/ci.yml': WORKFLOW },
    { webhook: { url, secret: SECRET } },
  );
});
afterAll(async () => {
  await harness.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function payloadsOf(event: string): Array<Record<string, unknown>> {
  return received
    .filter((entry) => entry.headers['x-github-event'] === event)
    .map((entry) => JSON.parse(entry.body) as Record<string, unknown>);
}

describe('webhooks', () => {
  it('sends a signed push event and workflow_run requested, in_progress and completed for the run it starts', async () => {
    const { sim } = harness;
    const sha = await sim.push('acme', 'widgets', 'main', { 'a.txt': 'a\n' }, 'add a');
    await sim.settled();
    const run = sim.runs('acme', 'widgets').find((candidate) => candidate.headSha === sha);
    await sim.waitForRun('acme', 'widgets', run?.id ?? 0);
    await sim.settled();

    const webhooks = new Webhooks({ secret: SECRET });
    for (const entry of received) {
      expect(await webhooks.verify(entry.body, String(entry.headers['x-hub-signature-256']))).toBe(true);
      expect(entry.headers['x-github-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await webhooks.verify(received[0]?.body ?? '', 'sha256=0000')).toBe(false);

    const [push] = payloadsOf('push');
    expect(webhookSchemaErrors('push', push)).toEqual([]);
    expect(push).toMatchObject({
      ref: 'refs/heads/main',
      after: sha,
      created: false,
      deleted: false,
      forced: false,
    });
    expect(
      ((push?.commits ?? []) as Array<{ id: string; added: string[] }>).map((commit) => [
        commit.id,
        commit.added,
      ]),
    ).toEqual([[sha, ['a.txt']]]);

    const runEvents = payloadsOf('workflow_run');
    expect(runEvents.map((payload) => payload.action)).toEqual(['requested', 'in_progress', 'completed']);
    expect(webhookSchemaErrors('workflow-run-requested', runEvents[0])).toEqual([]);
    expect(webhookSchemaErrors('workflow-run-in-progress', runEvents[1])).toEqual([]);
    expect(webhookSchemaErrors('workflow-run-completed', runEvents[2])).toEqual([]);
    const completed = runEvents[2]?.workflow_run as {
      id: number;
      status: string;
      conclusion: string;
      head_sha: string;
    };
    expect(completed).toMatchObject({
      id: run?.id,
      status: 'completed',
      conclusion: 'success',
      head_sha: sha,
    });
    expect((runEvents[0]?.workflow_run as { status: string } | undefined)?.status).toBe('queued');
  });

  it('keeps a delivery log and redelivers on demand with the same guid', async () => {
    const { sim } = harness;
    answerStatus = 500;
    await harness.octokit.rest.git.createRef({
      ...repo,
      ref: 'refs/heads/side',
      sha: (await harness.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha,
    });
    await sim.settled();
    // The push also starts the on:push workflow; let it finish so no delivery races the redelivery.
    for (const run of sim.runs('acme', 'widgets')) await sim.waitForRun('acme', 'widgets', run.id);
    await sim.settled();
    const failed = sim
      .deliveries()
      .find(
        (delivery) =>
          delivery.event === 'push' && (delivery.payload as { ref: string }).ref === 'refs/heads/side',
      );
    expect(failed).toMatchObject({ event: 'push', statusCode: 500, redelivery: false });
    expect((failed?.payload as { created: boolean } | undefined)?.created).toBe(true);
    answerStatus = 200;
    const count = received.length;
    await sim.redeliver(failed?.id ?? '');
    const retried = sim.deliveries().at(-1);
    expect(retried).toMatchObject({ event: 'push', statusCode: 200, redelivery: true, guid: failed?.guid });
    expect(received.length).toBe(count + 1);
    expect(received.at(-1)?.headers['x-github-delivery']).toBe(failed?.guid);
    const sameGuid = received.filter((entry) => entry.headers['x-github-delivery'] === failed?.guid);
    expect(sameGuid).toHaveLength(2);
    expect(sameGuid[1]?.body).toBe(sameGuid[0]?.body);
    await expect(sim.redeliver('no-such-delivery')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sends to a receiver configured after start, and stops when it is unset', async () => {
    const { startGitHubSimulator } = await import('../src/index.js');
    const sim = await startGitHubSimulator({ repositories: [{ owner: 'acme', name: 'late' }] });
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/late`;
      const before = received.length;
      await sim.push('acme', 'late', 'main', { 'one.txt': '1\n' });
      await sim.settled();
      sim.setWebhook({ url, secret: SECRET });
      await sim.push('acme', 'late', 'main', { 'two.txt': '2\n' });
      await sim.settled();
      sim.setWebhook(undefined);
      await sim.push('acme', 'late', 'main', { 'three.txt': '3\n' });
      await sim.settled();
      const added = received
        .slice(before)
        .map((entry) => JSON.parse(entry.body) as { head_commit: { added: string[] } });
      expect(added.map((payload) => payload.head_commit.added)).toEqual([['two.txt']]);
      expect(sim.deliveries()).toHaveLength(1);
    } finally {
      await sim.stop();
    }
  });

  it('records a delivery to a receiver that is down as failed', async () => {
    const { startGitHubSimulator } = await import('../src/index.js');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sim = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'lonely' }],
      webhook: { url: `http://127.0.0.1:${port}/`, secret: SECRET },
    });
    try {
      await sim.push('acme', 'lonely', 'main', { 'x.txt': 'x\n' });
      await sim.settled();
      expect(sim.deliveries()).toHaveLength(1);
      expect(sim.deliveries()[0]).toMatchObject({ event: 'push', statusCode: null });
      expect(sim.deliveries()[0]?.error).toBeTruthy();
    } finally {
      await sim.stop();
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkerServer } from '../src/http/create-server.js';
import { createLogger } from '../src/observability/create-logger.js';
import { createMetrics } from '../src/observability/create-metrics.js';
import { enqueueInto, logSink, openPolicy } from './test-support.js';

// The queue's SQLite worker must be compiled JS: load @healing/local's build.
const local = await import('@healing/local');

const secret = 'webhook-secret-0123456789';
let directory: string;
let server: Server;
let url: string;
let queue: ReturnType<typeof local.createSqliteJobQueue>;
let logLines: string[];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'heal-worker-'));
  queue = local.createSqliteJobQueue({ path: join(directory, 'queue.sqlite') });
  const sink = logSink();
  logLines = sink.lines;
  const { destination } = sink;
  server = createWorkerServer({
    receiver: {
      secret,
      maxBodyBytes: 1024 * 1024,
      policy: openPolicy((id) => id === 42),
      enqueue: enqueueInto(queue),
    },
    metrics: createMetrics(() => queue.counts()),
    logger: createLogger({ level: 'info', secrets: [secret], destination }),
    isReady: () => true,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await queue.close();
  await rm(directory, { recursive: true, force: true });
});

const sha = (index: number): string => `c${index.toString(16).padStart(39, '0')}`;
function failedRun(runId: number, headSha: string, installation = 42): string {
  return JSON.stringify({
    action: 'completed',
    workflow_run: {
      id: runId,
      name: 'CI',
      head_branch: 'main',
      head_sha: headSha,
      run_attempt: 1,
      conclusion: 'failure',
      html_url: `https://github.com/octo/app/actions/runs/${runId}`,
      head_repository: { full_name: 'octo/app' },
    },
    repository: { full_name: 'octo/app', default_branch: 'main' },
    installation: { id: installation },
  });
}

async function deliver(
  body: string,
  options: { delivery?: string; event?: string; signature?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event ?? 'workflow_run',
    'x-github-delivery': options.delivery ?? crypto.randomUUID(),
  };
  const signature = options.signature === undefined ? await sign(secret, body) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await fetch(`${url}/webhooks`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('webhook receiver', () => {
  it('queues a failed run once, however often it is delivered or re-reported', async () => {
    const body = failedRun(1, sha(1));
    const answers = [];
    for (let index = 0; index < 5; index += 1)
      answers.push(await deliver(body, { delivery: 'same-delivery' }));
    expect(answers.map((answer) => answer.status)).toEqual([202, 200, 200, 200, 200]);
    for (const runId of [2, 3, 4])
      expect((await deliver(failedRun(runId, sha(1)))).body.isNewJob).toBe(false);
    expect(await queue.counts()).toEqual({ queued: 1, leased: 0, done: 0, failed: 0 });
    const job = await queue.lease<{ repository: string; headSha: string; runId: number }>({
      owner: 'test',
      leaseMs: 1000,
    });
    expect(job?.payload).toMatchObject({ repository: 'octo/app', headSha: sha(1), runId: 1 });
  });

  it('refuses bad signatures, malformed JSON, unknown installations and huge bodies, storing nothing', async () => {
    const body = failedRun(7, sha(7));
    expect((await deliver(body, { signature: await sign('another-secret-0000000', body) })).status).toBe(401);
    expect((await deliver(body, { signature: null })).status).toBe(401);
    expect((await deliver('{"not json', { signature: await sign(secret, '{"not json') })).status).toBe(400);
    expect((await deliver(failedRun(8, sha(8), 999))).status).toBe(403);
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const tooLarge = await fetch(`${url}/webhooks`, {
      method: 'POST',
      headers: {
        'x-github-event': 'workflow_run',
        'x-github-delivery': 'big',
        'x-hub-signature-256': 'sha256=00',
      },
      body: huge,
    }).catch((error: unknown) => error);
    expect(tooLarge instanceof Response ? tooLarge.status : String(tooLarge)).toBe(413);
    expect(await queue.counts()).toEqual({ queued: 0, leased: 0, done: 0, failed: 0 });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await deliver(body)).status).toBe(202);
  });

  it('ignores what it should not heal with 202 and says why', async () => {
    const success = JSON.parse(failedRun(9, sha(9))) as { workflow_run: { conclusion: string } };
    success.workflow_run.conclusion = 'success';
    const answer = await deliver(JSON.stringify(success));
    expect(answer).toMatchObject({ status: 202, body: { ignored: 'run 9 concluded success' } });
    expect((await deliver('{}', { event: 'ping' })).body).toEqual({ ignored: 'ping' });
  });

  it('serves health, readiness and Prometheus metrics, and keeps the secret out of the logs', async () => {
    await deliver(failedRun(10, sha(10)));
    await deliver(failedRun(10, sha(10)), { signature: 'sha256=bad' });
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('heal_webhook_deliveries_total{outcome="queued"} 1');
    expect(metrics).toContain('heal_webhook_deliveries_total{outcome="unauthorized"} 1');
    expect(metrics).toContain('heal_jobs{state="queued"} 1');
    expect(logLines.length).toBeGreaterThanOrEqual(2);
    expect(logLines.join('')).not.toContain(secret);
    expect(JSON.parse(logLines[0] ?? '{}')).toMatchObject({
      service: 'heal-worker',
      outcome: 'queued',
      status: 202,
    });
  });

  it('takes a burst of 1,000 deliveries: every one answered, each commit queued once', async () => {
    const commits = 200;
    const bodies = Array.from({ length: 1000 }, (_, index) =>
      failedRun(1000 + index, sha(100 + (index % commits))),
    );
    const statuses: number[] = [];
    // At most 50 requests in flight: a bounded load on 127.0.0.1.
    for (let start = 0; start < bodies.length; start += 50) {
      const answers = await Promise.all(bodies.slice(start, start + 50).map((body) => deliver(body)));
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(1000);
    expect((await queue.counts()).queued).toBe(commits);
  }, 60_000);
});

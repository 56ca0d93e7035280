#!/usr/bin/env node
// A burst of 1,000 signed webhook deliveries (50 in flight) against the worker's server on
// 127.0.0.1 with its real SQLite queue: latency of each acknowledgement, beside GET /healthz
// (no queue work) measured the same way in the same run. Target: p99 under 100 ms.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteJobQueue } from '@healing/local';
import { sign } from '@octokit/webhooks-methods';
import { createWorkerServer } from '../dist/http/create-server.js';
import { createLogger } from '../dist/observability/create-logger.js';
import { createMetrics } from '../dist/observability/create-metrics.js';
import { healJobKey } from '../dist/webhooks/heal-job.js';

const secret = 'bench-secret-0123456789';
const directory = mkdtempSync(join(tmpdir(), 'heal-worker-bench-'));
const queue = createSqliteJobQueue({ path: join(directory, 'queue.sqlite') });
const server = createWorkerServer({
  receiver: {
    secret,
    maxBodyBytes: 1024 * 1024,
    policy: {
      allowForks: false,
      branches: [],
      ignoreBranches: [],
      repositories: [],
      healBranchPrefix: 'heal/',
      isKnownInstallation: () => true,
    },
    enqueue: ({ deliveryId, job }) =>
      queue.enqueue({
        deliveryId,
        ...(job ? { key: healJobKey(job), partition: job.repository, payload: job } : {}),
      }),
  },
  metrics: createMetrics(() => queue.counts()),
  logger: createLogger({ level: 'silent', secrets: [secret] }),
  isReady: () => true,
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

const body = (index) =>
  JSON.stringify({
    action: 'completed',
    workflow_run: {
      id: 1 + index,
      name: 'CI',
      head_branch: 'main',
      head_sha: `c${(index % 200).toString(16).padStart(39, '0')}`,
      run_attempt: 1,
      conclusion: 'failure',
      html_url: 'https://github.com/octo/app/actions/runs/1',
    },
    repository: { full_name: 'octo/app', default_branch: 'main' },
    installation: { id: 1 },
  });

async function timed(request) {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`status ${response.status}`);
  return performance.now() - started;
}

async function burst(makeRequest, count, inFlight) {
  const latencies = [];
  for (let start = 0; start < count; start += inFlight) {
    const batch = Array.from({ length: Math.min(inFlight, count - start) }, (_, offset) =>
      makeRequest(start + offset),
    );
    latencies.push(...(await Promise.all(batch.map((request) => timed(request)))));
  }
  return latencies.sort((a, b) => a - b);
}

const signed = await Promise.all(
  Array.from({ length: 1000 }, async (_, index) => ({
    text: body(index),
    signature: await sign(secret, body(index)),
  })),
);
const health = await burst(() => () => fetch(`${url}/healthz`), 1000, 50);
const started = performance.now();
const deliveries = await burst(
  (index) => () =>
    fetch(`${url}/webhooks`, {
      method: 'POST',
      headers: {
        'x-github-event': 'workflow_run',
        'x-github-delivery': `d-${index}`,
        'x-hub-signature-256': signed[index].signature,
      },
      body: signed[index].text,
    }),
  1000,
  50,
);
const seconds = (performance.now() - started) / 1000;
const counts = await queue.counts();
const pick = (values, fraction) => values[Math.min(values.length - 1, Math.floor(values.length * fraction))];
const row = (name, values) => ({ name, p50: pick(values, 0.5), p99: pick(values, 0.99), max: values.at(-1) });
const rows = [row('GET /healthz', health), row('POST /webhooks', deliveries)];
console.log('1,000 requests, 50 in flight, latency in ms');
console.log('request'.padEnd(18) + 'p50'.padStart(8) + 'p99'.padStart(8) + 'max'.padStart(8));
for (const entry of rows) {
  console.log(
    entry.name.padEnd(18) +
      [entry.p50, entry.p99, entry.max].map((value) => value.toFixed(1).padStart(8)).join(''),
  );
}
console.log(
  `webhooks: ${(1000 / seconds).toFixed(0)} deliveries/s; p99 ${(rows[1].p99 / rows[0].p99).toFixed(2)}x of /healthz; queued jobs ${counts.queued} (200 expected)`,
);
console.log(`target p99 < 100 ms: ${rows[1].p99 < 100 ? 'met' : 'missed'}`);
const out = new URL('../bench-results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'burst.json'),
  `${JSON.stringify({ rows, deliveriesPerSecond: 1000 / seconds, queued: counts.queued }, null, 2)}\n`,
);
server.close();
await queue.close();
rmSync(directory, { recursive: true, force: true });

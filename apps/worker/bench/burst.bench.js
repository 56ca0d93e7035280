#!/usr/bin/env node
// A burst of 1,000 signed webhook deliveries (50 in flight, sent by a separate process) against the worker's server on
// 127.0.0.1 with its real SQLite queue: latency of each acknowledgement, beside GET /healthz
// (no queue work) measured the same way in the same run. Target: p99 under 100 ms.
import { spawn } from 'node:child_process';
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

function runClient(requests) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [new URL('./load-client.js', import.meta.url).pathname], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load client exited ${code}`)),
    );
    child.stdin.end(JSON.stringify({ url, requests, inFlight: 50 }));
  });
}

const signed = await Promise.all(
  Array.from({ length: 1000 }, async (_, index) => ({
    text: body(index),
    signature: await sign(secret, body(index)),
  })),
);
// A running service is warm: its queue's worker thread and SQLite file are open.
await queue.enqueue({ deliveryId: 'warm-up', key: 'warm-up', partition: 'warm-up', payload: null });
const health = (await runClient(Array.from({ length: 1000 }, () => ({ path: '/healthz', method: 'GET' }))))
  .latencies;
const { latencies: deliveries, seconds } = await runClient(
  signed.map(({ text, signature }, index) => ({
    path: '/webhooks',
    method: 'POST',
    headers: {
      'x-github-event': 'workflow_run',
      'x-github-delivery': `d-${index}`,
      'x-hub-signature-256': signature,
    },
    body: text,
  })),
);
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
  `webhooks: ${(1000 / seconds).toFixed(0)} deliveries/s; p99 ${(rows[1].p99 / rows[0].p99).toFixed(2)}x of /healthz; queued jobs ${counts.queued} (200 expected, plus the warm-up)`,
);
console.log(`target p99 < 100 ms: ${rows[1].p99 < 100 ? 'met' : 'missed'}`);
const out = new URL('../bench-results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'burst.json'),
  `${JSON.stringify({ rows, deliveriesPerSecond: 1000 / seconds, queued: counts.queued - 1 }, null, 2)}\n`,
);
server.close();
await queue.close();
rmSync(directory, { recursive: true, force: true });

#!/usr/bin/env node
// Bursts of 1,000 signed webhook deliveries of GitHub's size (50 in flight, sent by a separate process) against the worker's server on
// 127.0.0.1 with its real SQLite queue, after one cold burst (reported, not judged): latency of each acknowledgement, beside GET /healthz
// (no queue work) measured the same way in the same run. Target: p99 under 100 ms.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteJobQueue } from '@healing/local';
import { sign } from '@octokit/webhooks-methods';
import { pino } from 'pino';
import { createWorkerServer } from '../dist/http/create-server.js';
import { createLogger } from '../dist/observability/create-logger.js';
import { createMetrics } from '../dist/observability/create-metrics.js';
import { OWN_BRANCH_PREFIXES } from '../dist/webhooks/classify-delivery.js';
import { healJobKey } from '../dist/webhooks/heal-job.js';
import { workflowRunPayload } from './workflow-run-payload.js';

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
      ownBranchPrefixes: OWN_BRANCH_PREFIXES,
      isKnownInstallation: () => true,
    },
    enqueue: ({ deliveryId, job }) =>
      queue.enqueue({
        deliveryId,
        ...(job ? { key: healJobKey(job), partition: job.repository, payload: job } : {}),
      }),
  },
  metrics: createMetrics(() => queue.counts()),
  // Logged as in production (a line per delivery, through the redaction hook, written
  // synchronously as pino does to stdout), only to /dev/null.
  logger: createLogger({
    level: 'info',
    secrets: [secret],
    destination: pino.destination({ dest: '/dev/null', sync: true }),
  }),
  isReady: () => true,
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;

const ROUNDS = 5;
const BURST = 1000;
const IN_FLIGHT = 50;
// Five deliveries per commit, as reruns and several workflows report one failure: each round
// must queue 200 new jobs and record the other 800 deliveries as duplicates of them.
const COMMITS_PER_ROUND = 200;

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
    child.stdin.end(JSON.stringify({ url, requests, inFlight: IN_FLIGHT }));
  });
}

/** Round `round`'s deliveries, signed; round ROUNDS is the warm-up. */
function signedBurst(round) {
  return Promise.all(
    Array.from({ length: BURST }, async (_, index) => {
      const commit = round * COMMITS_PER_ROUND + (index % COMMITS_PER_ROUND);
      const text = JSON.stringify(
        workflowRunPayload({
          runId: round * BURST + index + 1,
          headSha: `c${commit.toString(16).padStart(39, '0')}`,
        }),
      );
      return {
        path: '/webhooks',
        method: 'POST',
        headers: {
          'x-github-event': 'workflow_run',
          'x-github-delivery': `d-${round}-${index}`,
          'x-hub-signature-256': await sign(secret, text),
        },
        body: text,
      };
    }),
  );
}

const pick = (values, fraction) => values[Math.min(values.length - 1, Math.floor(values.length * fraction))];
const summary = (values) => ({ p50: pick(values, 0.5), p99: pick(values, 0.99), max: values.at(-1) });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// A running service is warm: its queue's worker thread and SQLite file are open, and its request
// path has been compiled by the JIT. The first burst, reported as cold, stands for that.
await queue.enqueue({ deliveryId: 'warm-up', key: 'warm-up', partition: 'warm-up', payload: null });
const cold = await runClient(await signedBurst(ROUNDS));
const rounds = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const requests = await signedBurst(round);
  // The baseline right before each burst, so both see the same machine.
  const health = await runClient(Array.from({ length: BURST }, () => ({ path: '/healthz', method: 'GET' })));
  const deliveries = await runClient(requests);
  rounds.push({
    healthz: summary(health.latencies),
    webhooks: summary(deliveries.latencies),
    deliveriesPerSecond: BURST / deliveries.seconds,
  });
}
const counts = await queue.counts();
const WARM_UP_JOBS = COMMITS_PER_ROUND + 1;

const cells = (entry) =>
  [entry.p50, entry.p99, entry.max].map((value) => value.toFixed(1).padStart(8)).join('');
console.log(
  `${ROUNDS} bursts of ${BURST} deliveries (~30 KB each, fresh connections), ${IN_FLIGHT} in flight, after one cold burst; latency in ms`,
);
console.log(
  `${'round'.padEnd(7)}${'request'.padEnd(16)}${'p50'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}  deliveries/s  p99 vs /healthz`,
);
console.log(
  `${'cold'.padEnd(7)}${'POST /webhooks'.padEnd(16)}${cells(summary(cold.latencies))}  ${(BURST / cold.seconds).toFixed(0).padStart(12)}  (the first burst a fresh process takes: not in the target)`,
);
for (const [index, round] of rounds.entries()) {
  console.log(`${String(index + 1).padEnd(7)}${'GET /healthz'.padEnd(16)}${cells(round.healthz)}`);
  console.log(
    `${''.padEnd(7)}${'POST /webhooks'.padEnd(16)}${cells(round.webhooks)}  ${round.deliveriesPerSecond.toFixed(0).padStart(12)}  ${(round.webhooks.p99 / round.healthz.p99).toFixed(2).padStart(14)}x`,
  );
}
const medianP99 = median(rounds.map((round) => round.webhooks.p99));
const met = rounds.filter((round) => round.webhooks.p99 < 100).length;
const queued = counts.queued - WARM_UP_JOBS;
console.log(
  `median webhook p99 ${medianP99.toFixed(1)} ms (${median(rounds.map((round) => round.webhooks.p99 / round.healthz.p99)).toFixed(2)}x of /healthz); target p99 < 100 ms met in ${met} of ${ROUNDS} rounds`,
);
console.log(`queued jobs ${queued} (${ROUNDS * COMMITS_PER_ROUND} expected; the rest de-duplicated)`);
if (queued !== ROUNDS * COMMITS_PER_ROUND) process.exitCode = 1;
const out = new URL('../bench-results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'burst.json'),
  `${JSON.stringify({ burst: BURST, inFlight: IN_FLIGHT, cold: { ...summary(cold.latencies), deliveriesPerSecond: BURST / cold.seconds }, rounds, medianP99, roundsMeetingTarget: met, queued }, null, 2)}\n`,
);
server.close();
await queue.close();
rmSync(directory, { recursive: true, force: true });

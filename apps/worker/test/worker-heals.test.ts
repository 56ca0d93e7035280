import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { Octokit } from '@octokit/rest';
import { sign } from '@octokit/webhooks-methods';
import { afterEach, describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../src/config/worker-config.js';
import { startWorker, type WorkerService } from '../src/start-worker.js';
import { failedRunPayload, regressionRepository } from './fixture-repository.js';
import { logSink, waitFor } from './test-support.js';

const secret = 'worker-webhook-secret-0123';
const token = `ghp_${'W0rk'.repeat(9)}`;
const workerBin = fileURLToPath(new URL('../bin/heal-worker.js', import.meta.url));
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatorWithRepository(): Promise<{
  simulator: GitHubSimulator;
  octokit: Octokit;
  headSha: string;
}> {
  const { dir, headSha } = await regressionRepository();
  const simulator = await startGitHubSimulator({
    repositories: [{ owner: 'acme', name: 'app', seedFrom: dir }],
    token,
  });
  cleanups.push(() => simulator.stop());
  return { simulator, octokit: new Octokit({ baseUrl: simulator.url, auth: token }), headSha };
}

async function deliver(url: string, body: string, deliveryId: string): Promise<number> {
  const response = await fetch(`${url}/webhooks`, {
    method: 'POST',
    headers: {
      'x-github-event': 'workflow_run',
      'x-github-delivery': deliveryId,
      'x-hub-signature-256': await sign(secret, body),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

const openPulls = async (octokit: Octokit) =>
  (await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'open' })).data;

function env(simulator: GitHubSimulator, dataDir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HEAL_WEBHOOK_SECRET: secret,
    HEAL_GITHUB_TOKEN: token,
    HEAL_GITHUB_API_URL: simulator.url,
    HEAL_HOST: '127.0.0.1',
    HEAL_PORT: '0',
    HEAL_DATA_DIR: dataDir,
    HEAL_LOG_LEVEL: 'info',
  };
}

describe('the worker heals failed runs announced by webhooks (slow)', () => {
  it('turns one signed delivery into one pull request with evidence, however often it is announced', {
    timeout: 240_000,
  }, async () => {
    const { simulator, octokit, headSha } = await simulatorWithRepository();
    const sink = logSink();
    const logs = sink.lines;
    const service: WorkerService = await startWorker({
      config: loadWorkerConfig(env(simulator, mkdtempSync(join(tmpdir(), 'heal-worker-data-')))),
      env: {},
      pollIntervalMs: 100,
      idleMs: 100,
      logDestination: sink.destination,
    });
    cleanups.push(() => service.close(5000));
    const body = failedRunPayload({ runId: 77, headSha, repository: 'acme/app' });
    const statuses = [];
    for (let index = 0; index < 5; index += 1) statuses.push(await deliver(service.url, body, 'delivery-1'));
    for (const runId of [78, 79])
      statuses.push(
        await deliver(
          service.url,
          failedRunPayload({ runId, headSha, repository: 'acme/app' }),
          `delivery-${runId}`,
        ),
      );
    expect(statuses).toEqual([202, 200, 200, 200, 200, 202, 202]);

    const pulls = await waitFor(
      'a pull request',
      async () => {
        const open = await openPulls(octokit);
        return open.length > 0 ? open : null;
      },
      200_000,
    );
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.body).toContain('Rewrite add');
    const metrics = await waitFor(
      'the job to finish',
      async () => {
        const text = await (await fetch(`${service.url}/metrics`)).text();
        return text.includes('heal_jobs{state="done"} 1') ? text : null;
      },
      30_000,
    );
    expect(metrics).toContain('heal_outcomes_total{outcome="healed"} 1');
    expect(metrics).toContain('heal_webhook_deliveries_total{outcome="duplicate"} 6');
    expect(logs.join('')).not.toContain(token);
    expect(logs.join('')).not.toContain(secret);
  });

  it('resumes a heal killed with SIGKILL after restart, and still opens one pull request', {
    timeout: 300_000,
  }, async () => {
    const { simulator, octokit, headSha } = await simulatorWithRepository();
    const dataDir = mkdtempSync(join(tmpdir(), 'heal-worker-data-'));
    const workerEnv = { ...env(simulator, dataDir), HEAL_LEASE_MS: '3000', HEAL_ACTIONS_POLL_MS: '100' };
    const spawnWorker = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, [workerBin], {
        env: workerEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      cleanups.push(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const ready = /"url":"([^"]+)"/.exec(out);
          if (ready?.[1]) resolve(ready[1]);
        });
        child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
      });
      return { child, url };
    };

    const first = await spawnWorker();
    expect(
      await deliver(first.url, failedRunPayload({ runId: 90, headSha, repository: 'acme/app' }), 'kill-me'),
    ).toBe(202);
    // Kill it mid-heal, once a candidate's scratch branch exists: the restart must clean it up.
    const scratchBranches = async (): Promise<string[]> =>
      (
        await octokit.rest.git.listMatchingRefs({ owner: 'acme', repo: 'app', ref: 'heads/heal-work/' })
      ).data.map((ref) => ref.ref);
    await waitFor(
      'a scratch branch',
      async () => ((await scratchBranches()).length > 0 ? true : null),
      120_000,
    );
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(await openPulls(octokit)).toHaveLength(0);

    const second = await spawnWorker();
    const pulls = await waitFor(
      'a pull request after restart',
      async () => {
        const open = await openPulls(octokit);
        return open.length > 0 ? open : null;
      },
      240_000,
    );
    expect(pulls).toHaveLength(1);
    const metrics = await waitFor(
      'the job to finish once',
      async () => {
        const text = await (await fetch(`${second.url}/metrics`)).text();
        return text.includes('heal_jobs{state="done"} 1') ? text : null;
      },
      30_000,
    );
    expect(metrics).toContain('heal_jobs{state="queued"} 0');
    expect(await scratchBranches()).toEqual([]);
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    expect(await openPulls(octokit)).toHaveLength(1);
  });
});

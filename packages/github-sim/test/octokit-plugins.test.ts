import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, repo, silentLog, startHarness, TOKEN } from './support/simulator.js';

// The GitHub adapters compose these plugins; the simulator's faults must look to them like GitHub's.
const ResilientOctokit = Octokit.plugin(retry, throttling);

let harness: Harness;
const limitEvents: string[] = [];
let client: InstanceType<typeof ResilientOctokit>;

beforeAll(async () => {
  harness = await startHarness();
  client = new ResilientOctokit({
    baseUrl: harness.sim.url,
    auth: TOKEN,
    log: silentLog,
    retry: { retries: 2, retryAfterBaseValue: 1 },
    throttle: {
      onRateLimit: (retryAfter: number) => {
        limitEvents.push(`primary:${retryAfter}`);
        return limitEvents.length < 5;
      },
      onSecondaryRateLimit: (retryAfter: number) => {
        limitEvents.push(`secondary:${retryAfter}`);
        return limitEvents.length < 5;
      },
    },
  });
});
afterEach(() => {
  harness.sim.clearFaults();
  limitEvents.length = 0;
});
afterAll(async () => {
  await harness.close();
});

describe('faults as octokit retry and throttling see them', () => {
  it('plugin-retry retries a 502 and a 500, and the call succeeds', async () => {
    harness.sim.injectFault({ route: '/repos/{owner}/{repo}', kind: 'status', status: 502 });
    harness.sim.injectFault({ route: '/repos/{owner}/{repo}', nth: 2, kind: 'status', status: 500 });
    const before = harness.sim.requests.length;
    const answer = await client.rest.repos.get(repo);
    expect(answer.data.full_name).toBe('acme/widgets');
    expect(harness.sim.requests.slice(before).map((entry) => entry.status)).toEqual([502, 500, 200]);
  });

  it('plugin-throttling recognises the secondary rate limit and waits retry-after before retrying', async () => {
    harness.sim.injectFault({
      route: '/repos/{owner}/{repo}',
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
    });
    const answer = await client.rest.repos.get(repo);
    expect(answer.status).toBe(200);
    expect(limitEvents).toEqual(['secondary:1']);
  });

  it('plugin-throttling recognises an exhausted primary rate limit', async () => {
    harness.sim.injectFault({
      route: '/repos/{owner}/{repo}',
      kind: 'primary-rate-limit',
      resetInSeconds: 1,
    });
    const answer = await client.rest.repos.get(repo);
    expect(answer.status).toBe(200);
    expect(limitEvents).toHaveLength(1);
    expect(limitEvents[0]).toMatch(/^primary:/);
  });

  it('does not retry a 422: the validation error reaches the caller', async () => {
    harness.sim.injectFault({ route: '/repos/{owner}/{repo}', kind: 'status', status: 422 });
    await expect(client.rest.repos.get(repo)).rejects.toMatchObject({ status: 422 });
  });
});

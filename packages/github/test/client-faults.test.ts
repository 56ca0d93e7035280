import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { HealingError } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClientEvent, toGitHubError } from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator, TOKEN } from './support/simulator.js';

const BRANCH_ROUTE = '/repos/{owner}/{repo}/branches/{branch}';
let fixture: SimulatorFixture;

beforeAll(async () => {
  fixture = await startSimulator([{ name: 'faults' }]);
});
afterAll(() => fixture.stop());

const branchRequests = () => fixture.sim.requests.filter((request) => request.route === BRANCH_ROUTE);

async function readBranch(
  events: GitHubClientEvent[] = [],
  options: { rateLimitRetries?: number; token?: string } = {},
) {
  const client = await createGitHubClient({
    auth: { token: options.token ?? TOKEN },
    baseUrl: fixture.sim.url,
    retries: 2,
    rateLimitRetries: options.rateLimitRetries ?? 2,
    retryAfterBaseMs: 1,
    writeIntervalMs: 0,
    onEvent: (event) => events.push(event),
  });
  try {
    const { data } = await client.rest.repos.getBranch({ owner: OWNER, repo: 'faults', branch: 'main' });
    return data.name;
  } catch (error) {
    throw toGitHubError(error, 'reading branch main', [options.token ?? TOKEN]);
  }
}

describe('createGitHubClient on the simulator', () => {
  it('retries 5xx answers through plugin-retry, a bounded number of times', async () => {
    const before = branchRequests().length;
    const remove = fixture.sim.injectFault({ route: BRANCH_ROUTE, kind: 'status', status: 502, times: 2 });
    expect(await readBranch()).toBe('main');
    remove();
    expect(
      branchRequests()
        .slice(before)
        .map((request) => request.status),
    ).toEqual([502, 502, 200]);

    const start = branchRequests().length;
    const removeAll = fixture.sim.injectFault({
      route: BRANCH_ROUTE,
      kind: 'status',
      status: 500,
      times: Number.POSITIVE_INFINITY,
    });
    await expect(readBranch()).rejects.toMatchObject({ code: 'GITHUB_REQUEST_FAILED' });
    removeAll();
    expect(branchRequests().length - start).toBe(3);
  });

  it('gives up on a request GitHub never answers after timeoutMs', async () => {
    // The simulator's `slow` fault holds the answer; the client stops waiting long before.
    fixture.sim.injectFault({ method: 'GET', route: BRANCH_ROUTE, kind: 'slow', delayMs: 5000 });
    const octokit = await createGitHubClient({
      auth: { token: TOKEN },
      baseUrl: fixture.sim.url,
      retries: 0,
      timeoutMs: 300,
    });
    // Without the timeout the answer would come, after 5 s, as a success.
    const failure = await octokit.rest.repos
      .getBranch({ owner: OWNER, repo: 'faults', branch: 'main' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/abort|timeout/i);
  });

  it('does not retry a 409: the adapters decide what a conflict means', async () => {
    const before = branchRequests().length;
    const remove = fixture.sim.injectFault({ route: BRANCH_ROUTE, kind: 'status', status: 409 });
    await expect(readBranch()).rejects.toMatchObject({ code: 'GITHUB_CONFLICT' });
    remove();
    expect(branchRequests().length - before).toBe(1);
  });

  it('waits out a secondary rate limit through plugin-throttling and tells the caller', async () => {
    const events: GitHubClientEvent[] = [];
    const remove = fixture.sim.injectFault({
      route: BRANCH_ROUTE,
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 1,
    });
    expect(await readBranch(events)).toBe('main');
    remove();
    expect(events).toEqual([
      expect.objectContaining({ type: 'secondary-rate-limit', retryCount: 0, willRetry: true }),
    ]);
  });

  it('gives up on a primary rate limit past rateLimitRetries with RATE_LIMITED', async () => {
    const events: GitHubClientEvent[] = [];
    const remove = fixture.sim.injectFault({
      route: BRANCH_ROUTE,
      kind: 'primary-rate-limit',
      resetInSeconds: 1,
      times: Number.POSITIVE_INFINITY,
    });
    await expect(readBranch(events, { rateLimitRetries: 1 })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    remove();
    expect(events.map((event) => [event.type, event.willRetry])).toEqual([
      ['rate-limit', true],
      ['rate-limit', false],
    ]);
  });

  it('reports a refused token as AUTH_FAILED without the token anywhere in the error', async () => {
    const wrong = 'ghp_wrongTokenThatMustNeverBePrinted0123456789';
    const error = await readBranch([], { token: wrong }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HealingError);
    expect((error as HealingError).code).toBe('AUTH_FAILED');
    const everything = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)} ${(error as Error).stack}`;
    expect(everything).not.toContain(wrong);
    expect(everything).toContain('HTTP 401');
  });

  it('authenticates as a GitHub App installation through @octokit/auth-app', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const client = await createGitHubClient({
      auth: { appId: 42, privateKey: pem, installationId: 7 },
      baseUrl: fixture.sim.url,
    });
    // The app's own JWT is minted locally; installation tokens are then fetched (and refreshed) by auth-app.
    const appAuth = (await client.auth({ type: 'app' })) as { type: string; token: string; appId: number };
    expect(appAuth).toMatchObject({ type: 'app', appId: 42 });
    expect(appAuth.token.split('.')).toHaveLength(3);
    await expect(
      createGitHubClient({ auth: { appId: 42, privateKey: 'not a key', installationId: 7 } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    await expect(createGitHubClient({ auth: { token: ' ' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});

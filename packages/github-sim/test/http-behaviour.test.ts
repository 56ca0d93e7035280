import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaErrors } from './support/openapi.js';
import { type Harness, repo, silentLog, startHarness, TOKEN } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
  for (let index = 0; index < 7; index += 1) {
    await harness.sim.push('acme', 'widgets', `branch-${index}`, { [`f${index}.txt`]: `${index}\n` });
  }
});
afterAll(async () => {
  await harness.close();
});

describe('HTTP behaviour', () => {
  it('requires the token when one is configured: 401 without it or with a wrong one', async () => {
    const anonymous = new Octokit({ baseUrl: harness.sim.url, log: silentLog });
    expect(await statusOf(anonymous.rest.repos.get(repo))).toEqual({
      status: 401,
      message: 'Requires authentication',
    });
    const wrong = new Octokit({ baseUrl: harness.sim.url, auth: 'nope', log: silentLog });
    expect(await statusOf(wrong.rest.repos.get(repo))).toEqual({ status: 401, message: 'Bad credentials' });
    const bearer = await fetch(`${harness.sim.url}/repos/acme/widgets`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('paginates with link headers that octokit.paginate follows', async () => {
    const { octokit } = harness;
    const first = await octokit.rest.repos.listBranches({ ...repo, per_page: 3 });
    expect(first.data.map((branch) => branch.name)).toEqual(['branch-0', 'branch-1', 'branch-2']);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=3');
    const all = await octokit.paginate(octokit.rest.repos.listBranches, { ...repo, per_page: 3 });
    expect(all.map((branch) => branch.name)).toEqual([
      ...Array.from({ length: 7 }, (_, index) => `branch-${index}`),
      'main',
    ]);
    const last = await octokit.rest.repos.listBranches({ ...repo, per_page: 3, page: 3 });
    expect(last.headers.link).toContain('rel="prev"');
    expect(last.headers.link).not.toContain('rel="next"');
  });

  it('answers 304 to a conditional request whose ETag still matches, and 200 once the resource changed', async () => {
    const headers = { authorization: `token ${TOKEN}` };
    const url = `${harness.sim.url}/repos/acme/widgets/git/ref/heads/main`;
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    await harness.sim.push('acme', 'widgets', 'main', { 'etag.txt': 'changed\n' });
    const changed = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    expect(changed.status).toBe(200);
  });

  it('reports the core rate limit on every answer and counts down, except for 304s and /rate_limit', async () => {
    const { octokit } = harness;
    const one = await octokit.rest.repos.get(repo);
    const two = await octokit.rest.repos.get(repo);
    expect(one.headers['x-ratelimit-limit']).toBe('5000');
    expect(Number(one.headers['x-ratelimit-remaining']) - Number(two.headers['x-ratelimit-remaining'])).toBe(
      1,
    );
    expect(Number(two.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    const limits = await octokit.rest.rateLimit.get();
    expect(responseSchemaErrors('get', '/rate_limit', 200, limits.data)).toEqual([]);
    expect(limits.data.resources.core.remaining).toBe(Number(two.headers['x-ratelimit-remaining']));
  });

  it('enforces a configured primary limit: 403 with remaining 0 once spent, /rate_limit still answers', async () => {
    const limited = await startHarness(undefined, { rateLimit: { limit: 3, enforce: true } });
    try {
      const statuses = [];
      for (let index = 0; index < 4; index += 1)
        statuses.push((await statusOf(limited.octokit.rest.repos.get(repo))).status);
      expect(statuses).toEqual([200, 200, 200, 403]);
      const refused = await fetch(`${limited.sim.url}/repos/acme/widgets`, {
        headers: { authorization: `token ${TOKEN}` },
      });
      expect([refused.status, refused.headers.get('x-ratelimit-remaining')]).toEqual([403, '0']);
      expect(((await refused.json()) as { message: string }).message).toContain('API rate limit exceeded');
      const limits = await limited.octokit.rest.rateLimit.get();
      expect([limits.status, limits.data.resources.core.remaining]).toEqual([200, 0]);
    } finally {
      await limited.close();
    }
  });

  it('logs each request with its route template, path and status', async () => {
    const before = harness.sim.requests.length;
    await harness.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await statusOf(harness.octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }));
    await fetch(`${harness.sim.url}/no/such/route`, { headers: { authorization: `token ${TOKEN}` } });
    const entries = harness.sim.requests
      .slice(before)
      .map(({ method, route, path, status }) => ({ method, route, path, status }));
    expect(entries).toEqual([
      {
        method: 'GET',
        route: '/repos/{owner}/{repo}/git/ref/{ref}',
        path: '/repos/acme/widgets/git/ref/heads%2Fmain',
        status: 200,
      },
      { method: 'GET', route: '/repos/{owner}/{repo}', path: '/repos/acme/missing', status: 404 },
      { method: 'GET', route: null, path: '/no/such/route', status: 404 },
    ]);
    expect(harness.sim.requests.every((entry) => entry.durationMs >= 0)).toBe(true);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const response = await fetch(`${harness.sim.url}/repos/acme/widgets/git/blobs`, {
      method: 'POST',
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe('Problems parsing JSON');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { git } from './support/seed-repo.js';
import { type Harness, repo, startHarness, TOKEN } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

let harness: Harness;
beforeAll(async () => {
  const files: Record<string, string> = {};
  for (let index = 0; index < 40; index += 1) files[`dir${index % 4}/file${index}.txt`] = `${index}\n`;
  harness = await startHarness(files, { treeLimits: { maxEntries: 20 } });
});
afterEach(() => {
  harness.sim.clearFaults();
});
afterAll(async () => {
  await harness.close();
});

const REPO_ROUTE = '/repos/{owner}/{repo}';
const REF_ROUTE = '/repos/{owner}/{repo}/git/refs/{ref}';

describe('fault injection', () => {
  it.each([409, 422, 500, 502] as const)('answers %i on the nth matching request only', async (status) => {
    const { octokit, sim } = harness;
    sim.injectFault({ route: REPO_ROUTE, nth: 2, kind: 'status', status });
    const answers = [];
    for (let index = 0; index < 3; index += 1)
      answers.push((await statusOf(octokit.rest.repos.get(repo))).status);
    expect(answers).toEqual([200, status, 200]);
    expect(sim.requests.at(-2)?.fault).toBe('status');
  });

  it('answers a secondary rate limit as 403 or 429 with retry-after', async () => {
    const { sim } = harness;
    sim.injectFault({ route: REPO_ROUTE, kind: 'secondary-rate-limit', retryAfterSeconds: 7 });
    sim.injectFault({ route: REPO_ROUTE, nth: 2, kind: 'secondary-rate-limit', status: 429 });
    const headers = { authorization: `token ${TOKEN}` };
    const first = await fetch(`${sim.url}/repos/acme/widgets`, { headers });
    expect([first.status, first.headers.get('retry-after')]).toEqual([403, '7']);
    expect(((await first.json()) as { message: string }).message).toContain('secondary rate limit');
    const second = await fetch(`${sim.url}/repos/acme/widgets`, { headers });
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('answers an exhausted primary rate limit with remaining 0 and a reset time', async () => {
    const { sim } = harness;
    const removeFault = sim.injectFault({
      method: 'GET',
      kind: 'primary-rate-limit',
      resetInSeconds: 30,
      times: Number.POSITIVE_INFINITY,
    });
    const response = await fetch(`${sim.url}/repos/acme/widgets`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 31);
    removeFault();
    expect((await statusOf(harness.octokit.rest.repos.get(repo))).status).toBe(200);
  });

  it('delays a slow answer and still serves it correctly', async () => {
    const { octokit, sim } = harness;
    sim.injectFault({ route: REPO_ROUTE, kind: 'slow', delayMs: 150 });
    const answer = await octokit.rest.repos.get(repo);
    expect(answer.data.full_name).toBe('acme/widgets');
    expect(sim.requests.at(-1)).toMatchObject({ status: 200, fault: 'slow' });
  });

  it('drops the connection without an answer', async () => {
    const { sim } = harness;
    sim.injectFault({ path: '/repos/acme/widgets', kind: 'drop' });
    await expect(
      fetch(`${sim.url}/repos/acme/widgets`, { headers: { authorization: `token ${TOKEN}` } }),
    ).rejects.toThrow();
    expect(sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
    const after = await fetch(`${sim.url}/repos/acme/widgets`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    expect(after.status).toBe(200);
  });

  it('drops the connection after serving: the write happened though the client saw no answer', async () => {
    const { octokit, sim } = harness;
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    sim.injectFault({
      method: 'POST',
      route: '/repos/{owner}/{repo}/git/refs',
      kind: 'drop',
      afterServing: true,
    });
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/dropped', sha: head }),
    ).rejects.toThrow();
    expect(sim.requests.at(-1)).toMatchObject({ status: 0, fault: 'drop' });
    expect((await octokit.rest.git.getRef({ ...repo, ref: 'heads/dropped' })).data.object.sha).toBe(head);
  });

  it('truncates recursive trees past the entry limit, and on demand', async () => {
    const { octokit, sim } = harness;
    const full = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main', recursive: 'true' });
    expect(full.data.truncated).toBe(true);
    expect(full.data.tree).toHaveLength(20);
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main' });
    expect([top.data.truncated, top.data.tree.length]).toEqual([false, 4]);
    sim.injectFault({ route: '/repos/{owner}/{repo}/git/trees/{tree_sha}', kind: 'truncate-tree' });
    const forced = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main' });
    expect([forced.data.truncated, forced.data.tree.length]).toEqual([true, 2]);
  });

  it('moves the branch between a client read and its write (concurrent push), so the write is refused', async () => {
    const { octokit, sim } = harness;
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    const base = await octokit.rest.git.getCommit({ ...repo, commit_sha: head });
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: base.data.tree.sha,
      tree: [{ path: 'mine.txt', mode: '100644', type: 'blob', content: 'mine\n' }],
    });
    const mine = await octokit.rest.git.createCommit({
      ...repo,
      message: 'mine',
      tree: tree.data.sha,
      parents: [head],
    });
    sim.injectFault({
      method: 'PATCH',
      route: REF_ROUTE,
      kind: 'concurrent-push',
      files: { 'theirs.txt': 'theirs\n' },
    });
    const refused = await statusOf(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: mine.data.sha }),
    );
    expect(refused).toEqual({ status: 422, message: 'Update is not a fast forward' });
    const moved = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    expect(moved).not.toBe(head);
    expect(
      git(harness.seed.dir, 'ls-remote', sim.repositoryPath('acme', 'widgets'), 'refs/heads/main').split(
        '\t',
      )[0],
    ).toBe(moved);
    const theirs = await octokit.rest.repos.getContent({ ...repo, path: 'theirs.txt' });
    expect(Buffer.from((theirs.data as { content: string }).content, 'base64').toString()).toBe('theirs\n');
  });
});

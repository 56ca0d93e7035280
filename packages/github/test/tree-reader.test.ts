import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubStorage } from '../src/storage/create-github-storage.js';
import { readBranchHead } from '../src/tree/branch-head.js';
import { createTreeReader } from '../src/tree/tree-reader.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

let fixture: SimulatorFixture;
beforeAll(async () => {
  fixture = await startSimulator([{ name: 'trees' }], { treeLimits: { maxEntries: 40 } });
});
afterAll(() => fixture.stop());

const treeRequests = (from: number) =>
  fixture.sim.requests
    .slice(from)
    .filter((request) => request.route === '/repos/{owner}/{repo}/git/trees/{tree_sha}').length;

describe('createTreeReader', () => {
  it('lists in one request, falls back per subtree when truncated, and primes walks to zero requests', async () => {
    const octokit = await fixture.client();
    const storage = createGitHubStorage({ octokit, owner: OWNER, repo: 'trees', branch: 'main' });
    const changes = Array.from({ length: 60 }, (_, index) => ({
      kind: 'write' as const,
      path: `d${index % 3}/e${index % 5}/f${index}.txt`,
      content: new TextEncoder().encode(`${index}\n`),
      mode: '100644' as const,
    }));
    await storage.commit(changes, { message: 'sixty files' });
    const coordinates = { owner: OWNER, repo: 'trees' };
    const head = await readBranchHead(octokit, coordinates, 'main');

    const reader = createTreeReader(octokit, coordinates);
    const listed = await reader.listRecursive(head.treeSha);
    // 60 files + 3 + 15 directories + README: more than the simulator's 40-entry limit.
    expect(listed.requests).toBeGreaterThan(1);
    expect(
      listed.entries
        .filter((entry) => entry.type === 'blob')
        .map((entry) => entry.path)
        .sort(),
    ).toEqual(['README.md', ...changes.map((change) => change.path)].sort());

    const primed = createTreeReader(octokit, coordinates);
    await primed.prime(head.treeSha);
    const before = fixture.sim.requests.length;
    const entry = await primed.entryAt(head.treeSha, 'd1/e2/f37.txt');
    expect(entry).toMatchObject({ path: 'd1/e2/f37.txt', mode: '100644', type: 'blob' });
    expect(await primed.entryAt(head.treeSha, 'd1/e2/missing.txt')).toBeNull();
    expect(treeRequests(before)).toBe(0);
  });
});

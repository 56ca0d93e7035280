import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubGit, type GitHubGit } from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

const REPO = 'branches';
const patch = (name: string): string =>
  `diff --git a/${name} b/${name}\nnew file mode 100644\n--- /dev/null\n+++ b/${name}\n@@ -0,0 +1 @@\n+fixed\n`;

let fixture: SimulatorFixture;
let git: GitHubGit;
beforeAll(async () => {
  fixture = await startSimulator([{ name: REPO }]);
  git = createGitHubGit({ octokit: await fixture.client(), owner: OWNER, repo: REPO });
});
afterAll(() => fixture.stop());

const refWrites = (since: number) =>
  fixture.sim.requests
    .slice(since)
    .filter((request) => (request.route ?? '').includes('/git/refs') && request.method !== 'GET')
    .map((request) => `${request.method} ${request.status}`);

describe('committing a patch on a branch that does not exist yet', () => {
  it('creates the branch at the new commit: one ref write (one push: CI runs once, on the change)', async () => {
    const before = fixture.sim.requests.length;
    const main = await git.headSha('main');
    const { sha } = await git.commitPatch(patch('one.txt'), {
      branch: 'heal/one',
      base: main,
      message: 'fix one',
    });
    expect(sha).not.toBe(main);
    expect(await git.headSha('heal/one')).toBe(sha);
    expect(refWrites(before)).toEqual(['POST 201']);
  });

  it('commits on a branch somebody created at the same moment, when they did not touch its files', async () => {
    const main = await git.headSha('main');
    fixture.sim.injectFault({
      method: 'POST',
      route: '/repos/{owner}/{repo}/git/refs',
      kind: 'concurrent-push',
      branch: 'heal/raced',
      files: { 'theirs.txt': 'theirs\n' },
    });
    const { sha } = await git.commitPatch(patch('ours.txt'), {
      branch: 'heal/raced',
      base: main,
      message: 'fix',
    });
    expect(await git.headSha('heal/raced')).toBe(sha);
    const diff = await git.diff({ from: main, to: sha });
    expect(diff).toContain('ours.txt');
    expect(diff).toContain('theirs.txt');
  });
});

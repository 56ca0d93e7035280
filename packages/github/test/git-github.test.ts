import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubGit, type GitHubGit } from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

let fixture: SimulatorFixture;
let git: GitHubGit;
beforeAll(async () => {
  fixture = await startSimulator([{ name: 'pulls' }]);
  git = createGitHubGit({ octokit: await fixture.client(), owner: OWNER, repo: 'pulls' });
});
afterAll(() => fixture.stop());

describe('pull requests through the git adapter', () => {
  it('opens one pull request per head and base, updates it when opened again, and finds it until closed', async () => {
    const patch =
      'diff --git a/fix.txt b/fix.txt\nnew file mode 100644\n--- /dev/null\n+++ b/fix.txt\n@@ -0,0 +1 @@\n+fixed\n';
    await git.commitPatch(patch, { branch: 'heal/fix', message: 'heal: add fix.txt' });
    expect(await git.findPullRequest({ head: 'heal/fix' })).toBeNull();

    const opened = await git.openPullRequest({ head: 'heal/fix', base: 'main', title: 'Fix', body: 'first' });
    expect(opened).toMatchObject({ head: 'heal/fix', base: 'main', state: 'open' });
    expect(opened.url).toMatch(new RegExp(`/${OWNER}/pulls/pull/${opened.number}$`));

    const again = await git.openPullRequest({
      head: 'heal/fix',
      base: 'main',
      title: 'Fix, again',
      body: 'second',
    });
    expect(again.number).toBe(opened.number);
    const { data } = await (await fixture.client()).rest.pulls.get({
      owner: OWNER,
      repo: 'pulls',
      pull_number: opened.number,
    });
    expect({ title: data.title, body: data.body }).toEqual({ title: 'Fix, again', body: 'second' });

    expect(await git.findPullRequest({ head: 'heal/fix', base: 'main' })).toEqual(again);
    expect(await git.findPullRequest({ head: 'heal/fix', base: 'other' })).toBeNull();
    const closed = await git.updatePullRequest(opened.number, { state: 'closed' });
    expect(closed.state).toBe('closed');
    expect(await git.findPullRequest({ head: 'heal/fix' })).toBeNull();
  });

  it('has no working tree: those methods say UNSUPPORTED, status is empty, push only checks the branch', async () => {
    expect(git.capabilities).toEqual({ workingTree: false, push: true, pullRequests: true });
    await expect(git.switchBranch('main')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(git.applyPatch('diff --git a/x b/x\n')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(git.commit({ message: 'everything' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await git.status()).toEqual([]);
    await git.push({ branch: 'main' });
    await expect(git.push({ branch: 'no-such-branch' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

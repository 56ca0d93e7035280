import { createMemoryCache } from '@healing/adapters';
import { createGitHubClient, createGitHubGit } from '@healing/github';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { createProcessExecution, createWorktreeWorkspaces } from '@healing/local';
import { afterEach, describe, expect, it } from 'vitest';
import { heal } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE } from './helpers/fixture-sources.js';
import { TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

const TOKEN = 'ghp_simulatorTokenForEngineTests0000';
let repo: TempRepo | undefined;
let simulator: GitHubSimulator | undefined;
afterEach(async () => {
  await simulator?.stop();
  repo?.cleanup();
});

describe('heal: delivery as a pull request through a PR-capable git adapter', () => {
  it('opens one pull request with the evidence, and a repeat heal finds it instead of opening another', async () => {
    repo = createTempRepo(BASE_FILES);
    const good = repo.git('rev-parse', 'HEAD');
    for (let number = 1; number <= 5; number += 1)
      repo.commit(`note ${number}`, { [`n${number}.txt`]: 'x\n' });
    const culprit = repo.commit('Speed up sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    simulator = await startGitHubSimulator({
      token: TOKEN,
      repositories: [{ owner: 'acme', name: 'app', seedFrom: repo.dir }],
    });
    const octokit = await createGitHubClient({
      auth: { token: TOKEN },
      baseUrl: simulator.url,
      writeIntervalMs: 0,
    });
    const git = createGitHubGit({ octokit, owner: 'acme', repo: 'app' });
    // History and delivery go through the GitHub API; tests run in local worktrees of the same commits.
    const options = {
      git,
      execution: createProcessExecution({ cwd: repo.dir }),
      workspaces: createWorktreeWorkspaces({ repoDir: repo.dir }),
      repository: 'acme/app',
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { reruns: 1 }, regression: { goodRevision: good } },
      },
    };

    const first = await heal({ ...options, cache: createMemoryCache() });
    expect(first.outcome).toBe('healed');
    expect(first.sha).toBe(culprit);
    expect(first.culprit?.sha).toBe(culprit);
    expect(first.delivery?.pullRequestNumber).toBeGreaterThan(0);
    expect(first.delivery?.pullRequestUrl).toContain('acme/app');
    const branch = first.delivery?.branch ?? '';
    expect(branch).toBe(`heal/${first.fingerprint.slice(0, 12)}`);

    const pull = await octokit.rest.pulls.get({
      owner: 'acme',
      repo: 'app',
      pull_number: first.delivery?.pullRequestNumber ?? 0,
    });
    expect(pull.data.head.ref).toBe(branch);
    expect(pull.data.base.ref).toBe('main');
    expect(pull.data.title).toContain(`revert ${culprit.slice(0, 7)}`);
    expect(pull.data.body).toContain('### What was tried');
    expect(pull.data.body).toContain('### Culprit');
    expect(pull.data.body).toContain('| before | 1 | 1 |');
    const head = await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'app', branch });
    expect(head.data.commit.parents.map((parent) => parent.sha)).toEqual([culprit]);
    const main = await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'app', branch: 'main' });
    expect(main.data.commit.sha).toBe(culprit);

    // A second heal with no memory of the first (fresh cache) still opens no second pull request.
    const second = await heal({ ...options, cache: createMemoryCache() });
    expect(second.outcome).toBe('healed');
    expect(second.delivery).toEqual(first.delivery);
    expect(second.summary).toContain('already existed');
    const pulls = await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'all' });
    expect(pulls.data).toHaveLength(1);
  });
});

import { createMemoryCache, isHealingError } from '@healing/adapters';
import { createGitHubClient, type GitHubClient } from '@healing/github';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealCommands, healOnGitHub } from '../src/index.js';
import { regressionRepository } from './regression-repository.js';

const token = `ghp_${'He4l'.repeat(9)}`;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulate(options: { withConfig?: boolean; testScript?: string } = {}): Promise<{
  simulator: GitHubSimulator;
  octokit: GitHubClient;
  headSha: string;
}> {
  const simulator = await startGitHubSimulator({
    repositories: [{ owner: 'acme', name: 'app', seedFrom: await regressionRepository(options) }],
    token,
  });
  cleanups.push(() => simulator.stop());
  const octokit = await createGitHubClient({ auth: { token }, baseUrl: simulator.url, writeIntervalMs: 0 });
  const headSha = (await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'app', branch: 'main' })).data
    .commit.sha;
  return { simulator, octokit, headSha };
}

const scratchBranches = async (octokit: GitHubClient): Promise<string[]> =>
  (await octokit.rest.git.listMatchingRefs({ owner: 'acme', repo: 'app', ref: 'heads/heal-work/' })).data.map(
    (ref) => ref.ref.replace('refs/heads/', ''),
  );

describe('healOnGitHub', () => {
  it('heals a failing commit through the API, cleaning up what a killed attempt on it left', async () => {
    const { octokit, headSha } = await simulate();
    // A scratch branch of an attempt killed mid-heal, and one of a heal of another commit.
    for (const branch of [
      `heal-work/${headSha.slice(0, 12)}/candidate-1-dead`,
      'heal-work/0123456789ab/other-1',
    ]) {
      await octokit.rest.git.createRef({
        owner: 'acme',
        repo: 'app',
        ref: `refs/heads/${branch}`,
        sha: headSha,
      });
    }
    const leftovers: string[] = [];
    const { report, config } = await healOnGitHub({
      octokit,
      repository: 'acme/app',
      sha: headSha,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      ownsCommit: true,
      onLeftovers: (branches) => leftovers.push(...branches),
      pollIntervalMs: 100,
    });
    expect(report.outcome).toBe('healed');
    expect(config.delivery.branchPrefix).toBe('heal/');
    expect(leftovers).toEqual([`heal-work/${headSha.slice(0, 12)}/candidate-1-dead`]);
    expect(await scratchBranches(octokit)).toEqual(['heal-work/0123456789ab/other-1']);
    const pulls = (await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'open' })).data;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({ base: { ref: 'main' } });
    expect(pulls[0]?.head.ref).toMatch(/^heal\//);
  });

  it("refuses healing's own heal and scratch branches before any heal work", async () => {
    const { simulator, octokit, headSha } = await simulate();
    for (const branch of ['heal/abc-fix', 'heal-work/0123456789ab/candidate-1-x']) {
      const before = simulator.requests.length;
      const failure = await healOnGitHub({
        octokit,
        repository: 'acme/app',
        sha: headSha,
        branch,
        cache: createMemoryCache(),
        env: {},
      }).catch((error: unknown) => error);
      expect(isHealingError(failure, 'GUARDRAIL_VIOLATION')).toBe(true);
      expect((failure as Error).message).toContain(`${branch} is one of healing's own branches`);
      const writes = simulator.requests.slice(before).filter((request) => request.method !== 'GET');
      expect(writes).toEqual([]);
    }
  });

  it('detects the test command from the commit when the config names none, and reads its report test by test', async () => {
    const { octokit, headSha } = await simulate({ withConfig: false, testScript: 'node --test' });
    let commands: HealCommands | undefined;
    const { report, config } = await healOnGitHub({
      octokit,
      repository: 'acme/app',
      sha: headSha,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      overrides: { validation: { repeat: 1 }, strategies: { flaky: { reruns: 1 } } },
      pollIntervalMs: 100,
      onCommands: (found) => {
        commands = found;
      },
    });
    expect(config.test.command).toBe('npm test');
    expect(commands).toEqual({
      test: {
        command: 'npm test',
        detected: { command: 'npm test', reason: expect.stringContaining('package.json "test" script') },
      },
      setup: null,
    });
    expect(report.failingTests.map((test) => [test.name, test.file])).toEqual([['adds', 'test/add.test.js']]);
    expect(report.outcome).toBe('healed');
  });

  it('says what to add when the commit has no heal config, and never prints the token', async () => {
    const { octokit, headSha } = await simulate({ withConfig: false });
    const failure = await healOnGitHub({
      octokit,
      repository: 'acme/app',
      sha: headSha,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      secrets: [token],
    }).catch((error: unknown) => error);
    expect(isHealingError(failure, 'CONFIG_INVALID')).toBe(true);
    expect((failure as Error).message).toContain('add heal.config.json');
    const missing = await healOnGitHub({
      octokit,
      repository: 'acme/gone',
      sha: headSha,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      secrets: [token],
    }).catch((error: unknown) => error);
    expect((missing as Error).message).toContain('reading acme/gone');
    expect(JSON.stringify(missing)).not.toContain(token);
  });
});

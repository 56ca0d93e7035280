import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsWorkflowTemplate } from '@healing/github';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoScenario } from '../src/demo/demo-scenarios.js';
import { runHeal, temp } from './helpers.js';

const token = `ghp_${'R3p0'.repeat(9)}`;
let simulator: GitHubSimulator;
let octokit: Octokit;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'heal-github-run-'));
  const scenario = await createDemoScenario('regression', root, {
    github: { workflow: await actionsWorkflowTemplate() },
  });
  simulator = await startGitHubSimulator({
    repositories: [{ owner: 'acme', name: 'app', seedFrom: scenario.dir }],
    token,
  });
  octokit = new Octokit({ baseUrl: simulator.url, auth: token });
}, 60_000);
afterAll(() => simulator.stop());

const env = (): Record<string, string> => ({
  GITHUB_TOKEN: token,
  GITHUB_API_URL: simulator.url,
  XDG_CACHE_HOME: temp(),
  // The simulator needs no pause between writes, and its runs finish in about a second.
  HEAL_ACTIONS_POLL_MS: '100',
  HEAL_GITHUB_WRITE_INTERVAL_MS: '0',
});

describe('heal run --github (built binary, against the simulator)', () => {
  it('heals a failed workflow run through the API and opens one pull request with the evidence', {
    timeout: 240_000,
  }, async () => {
    const { data } = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        owner: 'acme',
        repo: 'app',
        workflow_id: 'heal-run.yml',
        ref: 'main',
        inputs: { command: 'node --test', ref: 'main', correlation_id: 'ci-run' },
        return_run_details: true,
      },
    );
    const runId = (data as { workflow_run_id: number }).workflow_run_id;
    const failed = await simulator.waitForRun('acme', 'app', runId, { timeoutMs: 60_000 });
    expect(failed.conclusion).toBe('failure');

    const cache = env();
    const result = await runHeal(temp(), ['run', '--github', 'acme/app', '--run', String(runId)], cache);
    expect(result.stderr).toContain(`run ${runId}`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('pull request:');
    expect(result.stdout + result.stderr).not.toContain(token);

    const pulls = (await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'open' })).data;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.head.ref).toMatch(/^heal\//);
    expect(pulls[0]?.base.ref).toBe('main');
    expect(pulls[0]?.body).toContain('Speed up add with integer arithmetic');
    const branches = (await octokit.rest.repos.listBranches({ owner: 'acme', repo: 'app' })).data.map(
      (branch) => branch.name,
    );
    expect(branches.filter((name) => name.startsWith('heal-work/'))).toEqual([]);

    const again = await runHeal(temp(), ['run', '--github', 'acme/app', '--json'], cache);
    const last = JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}') as {
      result?: { outcome?: string };
    };
    expect(last.result?.outcome).toBe('duplicate');
    expect((await octokit.rest.pulls.list({ owner: 'acme', repo: 'app', state: 'open' })).data).toHaveLength(
      1,
    );
  });

  it('needs a token, and says which variables to set', async () => {
    const result = await runHeal(temp(), ['run', '--github', 'acme/app'], { GITHUB_API_URL: simulator.url });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('HEAL_GITHUB_TOKEN');
  });

  it('refuses --run without --github, and a --run that is not a number', async () => {
    expect((await runHeal(temp(), ['run', '--run', '5'])).stderr).toContain('go with --github');
    const bad = await runHeal(temp(), ['run', '--github', 'acme/app', '--run', 'latest'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--run must be a workflow run id');
  });

  it("refuses to heal healing's own branches, which would heal a fix in a loop", async () => {
    const sha = (await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'app', branch: 'main' })).data
      .commit.sha;
    const before = simulator.requests.length;
    const result = await runHeal(
      temp(),
      ['run', '--github', 'acme/app', '--sha', sha, '--branch', 'heal-work/0a1b2c3d4e5f/candidate-1-ab12'],
      env(),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is one of healing's own branches");
    const writes = simulator.requests
      .slice(before)
      .filter((request) => request.method !== 'GET')
      .map((request) => `${request.method} ${request.route}`);
    expect(writes).toEqual([]);
  });
});

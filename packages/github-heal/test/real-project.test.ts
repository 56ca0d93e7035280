import { createMemoryCache } from '@healing/adapters';
import { createGitHubClient, type GitHubClient } from '@healing/github';
import { type GitHubSimulator, startGitHubSimulator, type WorkflowRunRecord } from '@healing/github-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealCommands, healOnGitHub } from '../src/index.js';
import { type MochaProject, mochaProject } from './mocha-project.js';

const token = `ghp_${'M0ch4'.repeat(8)}`;
const cleanups: Array<() => Promise<unknown>> = [];
const projects: Array<MochaProject['project']> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  for (const project of projects.splice(0)) project.cleanup();
});

// Fewer reruns than the defaults: every Actions run installs mocha from the registry.
const OVERRIDES = { strategies: { flaky: { reruns: 1 } }, validation: { repeat: 1 } };

async function simulate(
  project: MochaProject,
): Promise<{ simulator: GitHubSimulator; octokit: GitHubClient }> {
  const simulator = await startGitHubSimulator({
    repositories: [{ owner: 'acme', name: 'numbers-api', seedFrom: project.dir }],
    token,
    actions: { maxConcurrentRuns: 2 },
  });
  cleanups.push(() => simulator.stop());
  const octokit = await createGitHubClient({ auth: { token }, baseUrl: simulator.url, writeIntervalMs: 0 });
  return { simulator, octokit };
}

/**
 * One green run of the workflow on an earlier commit, with the same lockfile: as a repository's
 * CI on its default branch does, it leaves setup-node's npm cache saved for the lockfile's key,
 * so the heal's runs restore it instead of each downloading every package. (A cold runner is the
 * setup-failure test's, and the simulator's own.)
 */
async function warmActionsCache(
  simulator: GitHubSimulator,
  octokit: GitHubClient,
  sha: string,
): Promise<void> {
  const { data } = await octokit.request(
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    {
      owner: 'acme',
      repo: 'numbers-api',
      workflow_id: 'heal-run.yml',
      ref: 'main',
      inputs: {
        command: 'npm test',
        ref: sha,
        correlation_id: 'warm-up',
        setup: 'npm ci --prefer-offline --no-audit --no-fund',
      },
      return_run_details: true,
    },
  );
  const runId = (data as unknown as { workflow_run_id: number }).workflow_run_id;
  const run = await simulator.waitForRun('acme', 'numbers-api', runId);
  if (run.conclusion !== 'success') throw new Error(`the warm-up run ended ${run.conclusion}`);
}

const healRuns = (simulator: GitHubSimulator): WorkflowRunRecord[] =>
  simulator
    .runs('acme', 'numbers-api')
    .filter((run) => run.workflowPath.endsWith('heal-run.yml') && !run.displayTitle.includes('warm-up'));
const stepOf = (run: WorkflowRunRecord, name: string) =>
  run.jobs[0]?.steps.find((step) => step.name === name);

describe('a real mocha project on GitHub (npm ci on every runner)', () => {
  it('heals a regression in 12 commits: setup on each run, the failing tests named, the revert as a pull request', {
    tags: ['slow'],
  }, async () => {
    const project = await mochaProject({ commits: 12 });
    projects.push(project.project);
    const { simulator, octokit } = await simulate(project);
    await warmActionsCache(simulator, octokit, project.good);
    const failing = project.head;
    let commands: HealCommands | undefined;
    const started = Date.now();
    const { report } = await healOnGitHub({
      octokit,
      repository: 'acme/numbers-api',
      sha: failing,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      overrides: OVERRIDES,
      pollIntervalMs: 200,
      onCommands: (found) => {
        commands = found;
      },
    });
    const runs = healRuns(simulator);
    console.info(
      `mocha regression: ${report.outcome} in ${Date.now() - started} ms, ${runs.length} Actions runs`,
    );

    // Nothing configured: both commands come from the commit's files.
    expect(commands?.test).toMatchObject({ command: 'npm test', detected: { command: 'npm test' } });
    expect(commands?.setup?.command).toMatch(/^npm ci --prefer-offline/);
    expect(report.outcome).toBe('healed');
    // mocha's report, test by test: never the command as one failure.
    expect(report.failingTests).toHaveLength(20);
    expect(report.failingTests.map((test) => test.id)).toContain(
      'test/clamp.test.js > GET /clamp clamps -3 into [0, 10]',
    );
    expect(report.failingTests.every((test) => test.scope !== 'command')).toBe(true);
    expect(report.culprit?.sha).toBe(project.culprit);
    expect(report.culprit?.files).toEqual(['src/lib/clamp.js']);

    // Every run installed the dependencies before its command, on a fresh runner.
    expect(runs.length).toBeGreaterThan(3);
    for (const run of runs) {
      expect(stepOf(run, 'Set up Node.js')?.conclusion).toBe('success');
      // The npm cache the repository's earlier green run saved for this lockfile.
      expect(stepOf(run, 'Set up Node.js')?.log).toMatch(
        /Cache restored from key: node-cache-Linux-x64-npm-/,
      );
      const setup = stepOf(run, 'Install the dependencies');
      expect(setup?.conclusion).toBe('success');
      expect(setup?.log).toMatch(/added \d+ packages/);
    }

    const pulls = (await octokit.rest.pulls.list({ owner: 'acme', repo: 'numbers-api', state: 'open' })).data;
    expect(pulls).toHaveLength(1);
    expect(pulls[0]?.base.ref).toBe('main');
    const head = pulls[0]?.head.ref ?? '';
    const compared = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: 'acme',
      repo: 'numbers-api',
      basehead: `main...${head}`,
    });
    expect(compared.data.files?.map((file) => file.filename)).toEqual(['src/lib/clamp.js']);
    const fixed = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'numbers-api',
      path: 'src/lib/clamp.js',
      ref: head,
    });
    const text = Buffer.from((fixed.data as { content: string }).content, 'base64').toString('utf8');
    expect(text).toContain('return Math.min(Math.max(value, low), high);');
  });

  it('ends a heal whose setup fails (a lockfile out of sync with package.json) with the setup named, never "still failing"', {
    tags: ['slow'],
  }, async () => {
    const project = await mochaProject({ commits: 6, lockfile: 'out-of-sync' });
    projects.push(project.project);
    const { simulator, octokit } = await simulate(project);
    const { report } = await healOnGitHub({
      octokit,
      repository: 'acme/numbers-api',
      sha: project.head,
      branch: 'main',
      cache: createMemoryCache(),
      env: {},
      overrides: OVERRIDES,
      pollIntervalMs: 200,
    });
    expect(report.outcome).toBe('not-healed');
    expect(report.environment?.kind).toBe('setup-failed');
    expect(report.environment?.message).toMatch(
      /the setup command `npm ci --prefer-offline[^`]*` failed on the runner/,
    );
    // The evidence is npm's reason, and the command named is the user's, not the planned one.
    expect(report.environment?.message).toMatch(
      /so `npm test` did not run: `npm ci` can only install packages when .* in sync/,
    );
    expect(report.environment?.message).toContain('Missing: chai@');
    expect(JSON.stringify(report)).not.toMatch(/still fail/i);
    expect(report.delivery).toBeUndefined();
    const runs = healRuns(simulator);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(stepOf(run, 'Run the command')?.conclusion).toBe('skipped');
  });
});

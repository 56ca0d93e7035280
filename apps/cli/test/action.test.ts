import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionsWorkflowTemplate } from '@healing/github';
import { startGitHubSimulator } from '@healing/github-sim';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createDemoScenario } from '../src/demo/demo-scenarios.js';

const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));

interface CompositeAction {
  runs: {
    using: string;
    steps: Array<{ id?: string; run?: string; env?: Record<string, string>; uses?: string }>;
  };
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action whose heal step heals the failed run and sets the report output', {
    timeout: 240_000,
  }, async () => {
    const action = parse(readFileSync(join(repositoryRoot, 'action.yml'), 'utf8')) as CompositeAction;
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((candidate) => candidate.id === 'heal');
    expect(step?.run).toContain('heal.js" run --github');

    const root = mkdtempSync(join(tmpdir(), 'heal-action-'));
    const scenario = await createDemoScenario('regression', root, {
      github: { workflow: await actionsWorkflowTemplate() },
    });
    const token = `ghp_${'Act1'.repeat(9)}`;
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app', seedFrom: scenario.dir }],
      token,
    });
    try {
      const octokit = new Octokit({ baseUrl: simulator.url, auth: token });
      const { data } = await octokit.request(
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        {
          owner: 'acme',
          repo: 'app',
          workflow_id: 'heal-run.yml',
          ref: 'main',
          inputs: { command: 'node --test', ref: 'main', correlation_id: 'the-failing-ci-run' },
          return_run_details: true,
        },
      );
      const runId = (data as { workflow_run_id: number }).workflow_run_id;
      await simulator.waitForRun('acme', 'app', runId, { timeoutMs: 60_000 });

      // The step's script, run as the runner would: the action's files at GITHUB_ACTION_PATH.
      const output = join(root, 'github-output');
      writeFileSync(output, '');
      // Not spawnSync: the simulator answering the heal lives in this process.
      const result = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'bash',
          ['-e', '-c', step?.run ?? ''],
          {
            encoding: 'utf8',
            maxBuffer: 64 * 1024 * 1024,
            env: {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              HOME: root,
              GITHUB_ACTION_PATH: repositoryRoot,
              GITHUB_REPOSITORY: 'acme/app',
              GITHUB_RUN_ID: String(runId),
              GITHUB_API_URL: simulator.url,
              GITHUB_OUTPUT: output,
              RUNNER_TEMP: root,
              XDG_CACHE_HOME: root,
              HEAL_GITHUB_TOKEN: token,
              OPENAI_API_KEY: '',
              HEAL_ARGS: '--strategies flaky,regression',
              HEAL_ACTIONS_POLL_MS: '100',
              HEAL_GITHUB_WRITE_INTERVAL_MS: '0',
            },
          },
          (error, stdout, stderr) => {
            resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
          },
        );
      });
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(readFileSync(output, 'utf8').replace(/^report=/, '')) as {
        result: { outcome: string };
      };
      expect(report.result.outcome).toBe('healed');
      expect((await octokit.rest.pulls.list({ owner: 'acme', repo: 'app' })).data).toHaveLength(1);
      expect(result.stdout + result.stderr).not.toContain(token);
    } finally {
      await simulator.stop();
    }
  });

  it.each(['heal/0a1b2c3-fix-add', 'heal-work/0a1b2c3d4e5f/candidate-1-ab12cd34'])(
    "skips a failure on healing's own branch %s without a request to GitHub",
    async (branch) => {
      const action = parse(readFileSync(join(repositoryRoot, 'action.yml'), 'utf8')) as CompositeAction;
      const step = action.runs.steps.find((candidate) => candidate.id === 'heal');
      const root = mkdtempSync(join(tmpdir(), 'heal-action-own-'));
      const output = join(root, 'github-output');
      writeFileSync(output, '');
      const result = await new Promise<{ status: number; stdout: string }>((resolve) => {
        execFile(
          'bash',
          ['-e', '-c', step?.run ?? ''],
          {
            encoding: 'utf8',
            env: {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              GITHUB_ACTION_PATH: repositoryRoot,
              GITHUB_REPOSITORY: 'acme/app',
              GITHUB_RUN_ID: '1',
              GITHUB_REF_NAME: branch,
              // Nothing listens here: a request would fail the step.
              GITHUB_API_URL: 'http://127.0.0.1:9',
              GITHUB_OUTPUT: output,
              RUNNER_TEMP: root,
              HEAL_GITHUB_TOKEN: 'unused',
            },
          },
          (error, stdout) =>
            resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout }),
        );
      });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`${branch} is one of healing's own branches`);
      expect(readFileSync(output, 'utf8')).toContain('"outcome":"skipped"');
    },
  );
});

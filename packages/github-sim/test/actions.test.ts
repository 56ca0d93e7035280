import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaErrors } from './support/openapi.js';
import { type Harness, repo, startHarness } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

const HEAL = `name: Heal
run-name: heal \${{ inputs.correlation }}
on:
  workflow_dispatch:
    inputs:
      correlation:
        required: true
      greeting:
        default: hello
jobs:
  test:
    name: Test job
    runs-on: ubuntu-latest
    env:
      GREETING: \${{ inputs.greeting }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Say
        run: |
          echo "$GREETING from \${{ github.sha }} on \${{ github.ref_name }}"
          echo "correlation=\${{ inputs.correlation }}"
          cat README.md
          mkdir -p out && echo report > out/report.txt && echo more > out/more.txt
      - name: Upload
        uses: actions/upload-artifact@v4
        with:
          name: reports
          path: out
`;

const FAIL = `name: Fail
on: workflow_dispatch
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: Break
        run: echo breaking && exit 3
      - name: Never
        run: echo never
      - name: Always
        if: always()
        run: echo cleanup
      - name: Report
        if: \${{ failure() && github.ref_name == 'main' }}
        run: echo "reporting \${{ job.status }} on \${{ github.ref_name }}"
  after:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - run: echo unreachable
`;

const SLOW = `name: Slow
on:
  workflow_dispatch:
    inputs:
      pidfile:
        required: true
jobs:
  wait:
    runs-on: ubuntu-latest
    steps:
      - name: Sleep
        run: |
          sleep 30 &
          echo $! > "\${{ inputs.pidfile }}.tmp" && mv "\${{ inputs.pidfile }}.tmp" "\${{ inputs.pidfile }}"
          wait
`;

const ENV = `name: Env
on: workflow_dispatch
jobs:
  env:
    runs-on: ubuntu-latest
    steps:
      - run: env | cut -d= -f1 | sort
      - uses: some-org/unknown-action@v1
`;

const OUTPUTS = `name: Outputs
on: workflow_dispatch
jobs:
  pass:
    runs-on: ubuntu-latest
    steps:
      - id: probe
        run: |
          echo "answer=42" >> "$GITHUB_OUTPUT"
          { echo "notes<<END"; echo "first"; echo "second"; echo "END"; } >> "$GITHUB_OUTPUT"
          echo "FROM_ENV=exported" >> "$GITHUB_ENV"
      - id: flaky
        continue-on-error: true
        run: exit 1
      - if: steps.probe.outputs.answer == '42'
        run: |
          echo "answer=\${{ steps.probe.outputs.answer }} flaky=\${{ steps.flaky.outcome }}/\${{ steps.flaky.conclusion }} env=$FROM_ENV"
          echo "\${{ steps.probe.outputs.notes }}"
      - id: never
        if: steps.probe.outputs.answer == 'nope'
        run: echo never
      - run: echo "never-outcome=\${{ steps.never.outcome }}"
`;

const TIMEOUT = `name: Timeout
on: workflow_dispatch
jobs:
  slow:
    runs-on: ubuntu-latest
    timeout-minutes: 0.03
    steps:
      - run: sleep 20
  after:
    needs: slow
    runs-on: ubuntu-latest
    steps:
      - run: echo unreachable
`;

const PUSH = `name: On push
on:
  push:
    branches: [main, 'release/**']
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: test -f must-exist.txt
`;

let harness: Harness;
const scratch = mkdtempSync(join(tmpdir(), 'github-sim-actions-'));

async function waitForPid(path: string): Promise<number> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    try {
      return Number(readFileSync(path, 'utf8').trim());
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`no pid in ${path}`);
}

/** A killed child may linger briefly as a zombie until it is reaped; that counts as dead. */
function isAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

beforeAll(async () => {
  harness = await startHarness(
    {
      'README.md': 'readme-content\n',
      'must-exist.txt': 'yes\n',
      '.github/workflows/heal.yml': HEAL,
      '.github/workflows/fail.yml': FAIL,
      '.github/workflows/slow.yml': SLOW,
      '.github/workflows/env.yml': ENV,
      '.github/workflows/push.yml': PUSH,
      '.github/workflows/outputs.yml': OUTPUTS,
      '.github/workflows/timeout.yml': TIMEOUT,
    },
    { actions: { maxConcurrentRuns: 2, runTimeoutMs: 20_000 } },
  );
});
afterAll(async () => {
  await harness.close();
  rmSync(scratch, { recursive: true, force: true });
});

function unzipText(data: unknown): Record<string, string> {
  const files = unzipSync(new Uint8Array(data as ArrayBuffer));
  return Object.fromEntries(
    Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]),
  );
}

describe('Actions emulation', () => {
  it('runs a dispatched workflow with inputs substituted and returns run details', async () => {
    const { octokit, sim } = harness;
    const dispatched = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'heal.yml',
        ref: 'main',
        inputs: { correlation: 'corr-42' },
        return_run_details: true,
      },
    );
    expect(dispatched.status).toBe(200);
    expect(
      responseSchemaErrors(
        'post',
        '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        200,
        dispatched.data,
      ),
    ).toEqual([]);
    const details = dispatched.data as unknown as {
      workflow_run_id: number;
      run_url: string;
      html_url: string;
    };
    expect(details.run_url).toBe(`${sim.url}/repos/acme/widgets/actions/runs/${details.workflow_run_id}`);
    const record = await sim.waitForRun('acme', 'widgets', details.workflow_run_id);
    expect([record.status, record.conclusion, record.displayTitle]).toEqual([
      'completed',
      'success',
      'heal corr-42',
    ]);

    const run = await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: details.workflow_run_id });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/runs/{run_id}', 200, run.data)).toEqual(
      [],
    );
    expect([run.data.display_title, run.data.event, run.data.head_branch]).toEqual([
      'heal corr-42',
      'workflow_dispatch',
      'main',
    ]);
    const head = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    expect(run.data.head_sha).toBe(head);

    const list = await octokit.rest.actions.listWorkflowRunsForRepo({ ...repo, event: 'workflow_dispatch' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/runs', 200, list.data)).toEqual([]);
    expect(list.data.workflow_runs.some((entry) => entry.display_title === 'heal corr-42')).toBe(true);
    const byWorkflow = await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'heal.yml' });
    expect(byWorkflow.data.workflow_runs.map((entry) => entry.id)).toContain(details.workflow_run_id);

    const jobs = await octokit.rest.actions.listJobsForWorkflowRun({
      ...repo,
      run_id: details.workflow_run_id,
    });
    expect(
      responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', 200, jobs.data),
    ).toEqual([]);
    expect(jobs.data.jobs.map((job) => [job.name, job.conclusion])).toEqual([['Test job', 'success']]);
    expect(jobs.data.jobs[0]?.steps?.map((step) => `${step.number} ${step.name} ${step.conclusion}`)).toEqual(
      [
        '1 Run actions/checkout@v4 success',
        '2 Run actions/setup-node@v4 success',
        '3 Say success',
        '4 Upload success',
      ],
    );

    const logs = await octokit.rest.actions.downloadWorkflowRunLogs({
      ...repo,
      run_id: details.workflow_run_id,
    });
    const files = unzipText(logs.data);
    expect(Object.keys(files).sort()).toEqual([
      '0_Test job.txt',
      'Test job/1_Run actions_checkout@v4.txt',
      'Test job/2_Run actions_setup-node@v4.txt',
      'Test job/3_Say.txt',
      'Test job/4_Upload.txt',
    ]);
    const say = files['Test job/3_Say.txt'] ?? '';
    expect(say).toContain(`hello from ${head} on main`);
    expect(say).toContain('correlation=corr-42');
    expect(say).toContain('readme-content');
    expect(say).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z /m);

    const artifacts = await octokit.rest.actions.listWorkflowRunArtifacts({
      ...repo,
      run_id: details.workflow_run_id,
    });
    expect(
      responseSchemaErrors(
        'get',
        '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
        200,
        artifacts.data,
      ),
    ).toEqual([]);
    const artifact = artifacts.data.artifacts[0];
    expect(artifact?.name).toBe('reports');
    const oneArtifact = await octokit.rest.actions.getArtifact({ ...repo, artifact_id: artifact?.id ?? 0 });
    expect(
      responseSchemaErrors(
        'get',
        '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}',
        200,
        oneArtifact.data,
      ),
    ).toEqual([]);
    const job = await octokit.rest.actions.getJobForWorkflowRun({
      ...repo,
      job_id: jobs.data.jobs[0]?.id ?? 0,
    });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/jobs/{job_id}', 200, job.data)).toEqual(
      [],
    );
    expect(job.data.status).toBe('completed');
    const zip = await octokit.rest.actions.downloadArtifact({
      ...repo,
      artifact_id: artifact?.id ?? 0,
      archive_format: 'zip',
    });
    expect(unzipText(zip.data)).toEqual({ 'more.txt': 'more\n', 'report.txt': 'report\n' });
  });

  it('fails a run whose step fails: later steps skipped, always() steps run, dependent jobs skipped', async () => {
    const { octokit, sim } = harness;
    const answer = await octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: 'fail.yml',
      ref: 'main',
    });
    expect(answer.status).toBe(204);
    await sim.settled();
    const started = sim
      .runs('acme', 'widgets')
      .find((run) => run.workflowPath === '.github/workflows/fail.yml');
    const record = await sim.waitForRun('acme', 'widgets', started?.id ?? 0);
    expect(record.conclusion).toBe('failure');
    expect(record.jobs.map((job) => job.conclusion)).toEqual(['failure', 'skipped']);
    expect(record.jobs[0]?.steps.map((step) => step.conclusion)).toEqual([
      'failure',
      'skipped',
      'success',
      'success',
    ]);
    expect(record.jobs[0]?.steps[3]?.log).toContain('reporting failure on main');
    expect(record.jobs[0]?.steps[0]?.log).toContain('Process completed with exit code 3.');
    const jobLog = await octokit.rest.actions.downloadJobLogsForWorkflowRun({
      ...repo,
      job_id: record.jobs[0]?.id ?? 0,
    });
    expect(String(jobLog.data)).toContain('cleanup');
  });

  it('fails a step that uses an action it does not emulate, and shows steps a minimal environment', async () => {
    const { octokit, sim } = harness;
    const dispatched = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'env.yml',
        ref: 'main',
        return_run_details: true,
      },
    );
    const record = await sim.waitForRun(
      'acme',
      'widgets',
      (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id,
    );
    expect(record.conclusion).toBe('failure');
    expect(record.jobs[0]?.steps[1]?.log).toContain('uses: some-org/unknown-action@v1 is not emulated');
    const names = (record.jobs[0]?.steps[0]?.log ?? '')
      .split('\n')
      .map((line) => line.replace(/^\S+ /, ''))
      .filter((name) => name.length > 0);
    const allowed = /^(PATH|HOME|LANG|TMPDIR|CI|GITHUB_[A-Z_]+|RUNNER_OS|RUNNER_TEMP|PWD|OLDPWD|SHLVL|_)$/;
    expect(names.filter((name) => !allowed.test(name))).toEqual([]);
    expect(names).toContain('GITHUB_SHA');
  });

  it('cancels a running workflow by killing its process group', async () => {
    const { octokit, sim } = harness;
    const pidfile = join(scratch, 'slow.pid');
    const dispatched = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'slow.yml',
        ref: 'main',
        inputs: { pidfile },
        return_run_details: true,
      },
    );
    const runId = (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id;
    const pid = await waitForPid(pidfile);
    expect(isAlive(pid)).toBe(true);
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data.status).toBe(
      'in_progress',
    );
    expect((await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId })).status).toBe(202);
    const done = await sim.waitForRun('acme', 'widgets', runId);
    expect([done.status, done.conclusion]).toEqual(['completed', 'cancelled']);
    expect(done.jobs[0]?.conclusion).toBe('cancelled');
    expect(isAlive(pid)).toBe(false);
    expect((await statusOf(octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId }))).status).toBe(
      409,
    );
  });

  it('bounds concurrency (extra runs wait queued) and time (an overlong run is cancelled)', async () => {
    const bounded = await startHarness(
      { '.github/workflows/slow.yml': SLOW },
      { actions: { maxConcurrentRuns: 1, runTimeoutMs: 2_500 } },
    );
    try {
      const dispatch = async (pidfile: string) => {
        const answer = await bounded.octokit.request(
          'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
          {
            ...repo,
            workflow_id: 'slow.yml',
            ref: 'main',
            inputs: { pidfile },
            return_run_details: true,
          },
        );
        return (answer.data as unknown as { workflow_run_id: number }).workflow_run_id;
      };
      const first = await dispatch(join(scratch, 'first.pid'));
      const second = await dispatch(join(scratch, 'second.pid'));
      // Read at once: the first run holds the only slot until its time runs out.
      const statuses = bounded.sim.runs('acme', 'widgets').map((run) => run.status);
      expect(statuses).toEqual(['in_progress', 'queued']);
      const firstPid = await waitForPid(join(scratch, 'first.pid'));
      const firstDone = await bounded.sim.waitForRun('acme', 'widgets', first);
      expect(firstDone.conclusion).toBe('cancelled');
      expect(isAlive(firstPid)).toBe(false);
      expect((await bounded.sim.waitForRun('acme', 'widgets', second)).conclusion).toBe('cancelled');
    } finally {
      await bounded.close();
    }
  });

  it('creates a 204 dispatch run only after dispatchDelayMs, so clients must poll for it by run name', async () => {
    const delayed = await startHarness(
      { '.github/workflows/heal.yml': HEAL, 'README.md': 'r\n' },
      { actions: { dispatchDelayMs: 1_000 } },
    );
    try {
      const answer = await delayed.octokit.rest.actions.createWorkflowDispatch({
        ...repo,
        workflow_id: 'heal.yml',
        ref: 'main',
        inputs: { correlation: 'late-1' },
      });
      expect(answer.status).toBe(204);
      const right = await delayed.octokit.rest.actions.listWorkflowRunsForRepo(repo);
      expect(right.data.total_count).toBe(0);
      let found: { id: number; display_title: string } | undefined;
      for (let attempt = 0; attempt < 200 && !found; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const list = await delayed.octokit.rest.actions.listWorkflowRunsForRepo(repo);
        found = list.data.workflow_runs.find((run) => run.display_title === 'heal late-1');
      }
      expect(found).toBeDefined();
      expect((await delayed.sim.waitForRun('acme', 'widgets', found?.id ?? 0)).conclusion).toBe('success');
      const details = await delayed.octokit.request(
        'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
        {
          ...repo,
          workflow_id: 'heal.yml',
          ref: 'main',
          inputs: { correlation: 'now-1' },
          return_run_details: true,
        },
      );
      const runId = (details.data as unknown as { workflow_run_id: number }).workflow_run_id;
      expect(
        (await delayed.octokit.rest.actions.getWorkflowRun({ ...repo, run_id: runId })).data.display_title,
      ).toBe('heal now-1');
      await delayed.sim.waitForRun('acme', 'widgets', runId);
    } finally {
      await delayed.close();
    }
  });

  it('passes step outputs, outcomes and $GITHUB_ENV to later steps and their conditions', async () => {
    const { octokit, sim } = harness;
    const dispatched = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'outputs.yml',
        ref: 'main',
        return_run_details: true,
      },
    );
    const record = await sim.waitForRun(
      'acme',
      'widgets',
      (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id,
    );
    expect(record.conclusion).toBe('success');
    const steps = record.jobs[0]?.steps ?? [];
    expect(steps.map((step) => step.conclusion)).toEqual([
      'success',
      'failure',
      'success',
      'skipped',
      'success',
    ]);
    expect(steps[2]?.log).toContain('answer=42 flaky=failure/success env=exported');
    expect(steps[2]?.log).toMatch(/first\n\S+ second/);
    expect(steps[4]?.log).toContain('never-outcome=skipped');
  });

  it('cancels a job past its timeout-minutes, as GitHub does, and skips the jobs that need it', async () => {
    const { octokit, sim } = harness;
    const dispatched = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...repo,
        workflow_id: 'timeout.yml',
        ref: 'main',
        return_run_details: true,
      },
    );
    const record = await sim.waitForRun(
      'acme',
      'widgets',
      (dispatched.data as unknown as { workflow_run_id: number }).workflow_run_id,
    );
    expect([record.conclusion, ...record.jobs.map((job) => job.conclusion)]).toEqual([
      'cancelled',
      'cancelled',
      'skipped',
    ]);
    expect(record.jobs[0]?.steps[0]?.log).toContain(
      'has exceeded the maximum execution time of 0.03 minutes',
    );
  });

  it('answers dispatch errors as GitHub does', async () => {
    const { octokit } = harness;
    const dispatch = (workflow_id: string, ref: string, inputs?: Record<string, string>) =>
      statusOf(
        octokit.rest.actions.createWorkflowDispatch({
          ...repo,
          workflow_id,
          ref,
          ...(inputs ? { inputs } : {}),
        }),
      );
    expect((await dispatch('nope.yml', 'main')).status).toBe(404);
    expect(await dispatch('fail.yml', 'nope')).toEqual({ status: 422, message: 'No ref found for: nope' });
    expect(await dispatch('heal.yml', 'main', { correlation: 'x', extra: 'y' })).toEqual({
      status: 422,
      message: 'Unexpected inputs provided: ["extra"]',
    });
    expect(await dispatch('heal.yml', 'main')).toEqual({
      status: 422,
      message: "Required input 'correlation' not provided",
    });
    expect(await dispatch('push.yml', 'main')).toEqual({
      status: 422,
      message: "Workflow does not have 'workflow_dispatch' trigger",
    });
    expect((await statusOf(octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 1 }))).status).toBe(404);
    expect((await statusOf(octokit.rest.actions.getJobForWorkflowRun({ ...repo, job_id: 1 }))).status).toBe(
      404,
    );
    expect((await statusOf(octokit.rest.actions.getArtifact({ ...repo, artifact_id: 1 }))).status).toBe(404);
    expect((await statusOf(octokit.rest.actions.listJobsForWorkflowRun({ ...repo, run_id: 1 }))).status).toBe(
      404,
    );
    expect(
      (await statusOf(octokit.rest.actions.getWorkflow({ ...repo, workflow_id: 'nope.yml' }))).status,
    ).toBe(404);
  });

  it('lists workflows with ids that dispatch accepts', async () => {
    const { octokit, sim } = harness;
    const list = await octokit.rest.actions.listRepoWorkflows(repo);
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/workflows', 200, list.data)).toEqual(
      [],
    );
    expect(list.data.workflows.map((workflow) => workflow.name).sort()).toEqual([
      'Env',
      'Fail',
      'Heal',
      'On push',
      'Outputs',
      'Slow',
      'Timeout',
    ]);
    const fail = list.data.workflows.find((workflow) => workflow.name === 'Fail');
    const one = await octokit.rest.actions.getWorkflow({ ...repo, workflow_id: fail?.id ?? 0 });
    expect(one.data.path).toBe('.github/workflows/fail.yml');
    expect(
      responseSchemaErrors('get', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}', 200, one.data),
    ).toEqual([]);
    const before = sim.runs('acme', 'widgets').length;
    await octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: fail?.id ?? 0, ref: 'main' });
    const run = sim.runs('acme', 'widgets')[before];
    expect(run?.workflowId).toBe(fail?.id);
    await sim.waitForRun('acme', 'widgets', run?.id ?? 0);
  });

  it('starts no push workflow for a head commit that asks to skip CI, as GitHub does', async () => {
    const { sim } = harness;
    const before = sim.runs('acme', 'widgets').length;
    for (const marker of ['[skip ci]', '[CI SKIP]', '[no ci]', '[skip actions]', '[actions skip]']) {
      await sim.push('acme', 'widgets', 'main', { 'notes.txt': `${marker}\n` }, `notes ${marker}`);
    }
    await sim.settled();
    expect(
      sim
        .runs('acme', 'widgets')
        .slice(before)
        .filter((run) => run.event === 'push'),
    ).toEqual([]);
    await sim.push('acme', 'widgets', 'main', { 'notes.txt': 'plain\n' }, 'notes without a marker');
    await sim.settled();
    expect(
      sim
        .runs('acme', 'widgets')
        .slice(before)
        .filter((run) => run.event === 'push'),
    ).toHaveLength(1);
  });

  it('runs on:push workflows on programmatic pushes and API ref updates, failing when the push breaks them', async () => {
    const { octokit, sim } = harness;
    const before = sim.runs('acme', 'widgets').length;
    const broken = await sim.push(
      'acme',
      'widgets',
      'main',
      { 'must-exist.txt': null },
      'remove the required file',
    );
    await sim.settled();
    const pushRun = sim
      .runs('acme', 'widgets')
      .slice(before)
      .find((run) => run.event === 'push');
    expect(pushRun?.headSha).toBe(broken);
    expect((await sim.waitForRun('acme', 'widgets', pushRun?.id ?? 0)).conclusion).toBe('failure');

    await sim.push('acme', 'widgets', 'other', { 'x.txt': 'x\n' });
    await sim.settled();
    expect(
      sim.runs('acme', 'widgets').filter((run) => run.event === 'push' && run.headBranch === 'other'),
    ).toEqual([]);

    const commit = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'must-exist.txt',
      message: 'restore',
      content: 'eWVz',
    });
    await sim.settled();
    const fixed = sim
      .runs('acme', 'widgets')
      .find((run) => run.event === 'push' && run.headSha === commit.data.commit.sha);
    expect((await sim.waitForRun('acme', 'widgets', fixed?.id ?? 0)).conclusion).toBe('success');
    const failedRuns = await octokit.rest.actions.listWorkflowRunsForRepo({
      ...repo,
      event: 'push',
      status: 'failure',
    });
    expect(failedRuns.data.workflow_runs.map((run) => run.head_sha)).toContain(broken);
  });
});

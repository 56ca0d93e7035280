import { isHealingError } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActionsRunEvent,
  type ActionsSetup,
  createActionsExecution,
  createGitHubStorage,
  type GitHubClient,
  installActionsWorkflow,
} from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

const REPO = 'ci';
const JUNIT_WRITER = `#!/bin/sh
mkdir -p reports
cat > reports/junit.xml <<'XML'
<testsuites><testsuite name="unit" file="test/unit.test.js">
<testcase name="adds"/><testcase name="divides"><failure message="expected 2 to be 3">at unit.test.js:4</failure></testcase>
</testsuite></testsuites>
XML
echo "1 passed, 1 failed"
exit 1
`;

const NODE_TESTS = `import assert from 'node:assert/strict';
import { test } from 'node:test';

test('adds', () => assert.equal(1 + 1, 2));
test('divides', () => assert.equal(6 / 2, 2));
`;

// The workflow an older healing installed: no setup or report_dir inputs.
const OLD_WORKFLOW = `name: heal-run
run-name: heal-run \${{ inputs.correlation_id }}
on:
  workflow_dispatch:
    inputs:
      command: { required: true, type: string }
      ref: { required: true, type: string }
      correlation_id: { required: true, type: string }
      report_path: { required: false, type: string, default: "" }
      capture_changes: { required: false, type: string, default: "false" }
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: echo old
`;

let fixture: SimulatorFixture;
let octokit: GitHubClient;
beforeAll(async () => {
  // Runs dispatched without run details appear late, as on GitHub, so the search must poll.
  fixture = await startSimulator([{ name: REPO }, { name: 'toolchain' }, { name: 'old' }], {
    actions: { dispatchDelayMs: 400 },
  });
  octokit = await fixture.client();
  const storage = createGitHubStorage({ octokit, owner: OWNER, repo: REPO, branch: 'main' });
  await installActionsWorkflow(storage);
  await storage.write('scripts/junit.sh', JUNIT_WRITER, { mode: '100755' });
  await storage.write('package.json', JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }));
  await storage.write('test/math.test.js', NODE_TESTS);
  // A workflow that sets up Node.js from a version file the repository does not have.
  await installActionsWorkflow(
    createGitHubStorage({ octokit, owner: OWNER, repo: 'toolchain', branch: 'main' }),
    {
      toolchain: {
        node: {
          versionFile: '.node-version',
          version: null,
          packageManager: 'npm',
          lockfile: null,
          pnpmVersion: null,
        },
        python: null,
      },
    },
  );
  await createGitHubStorage({ octokit, owner: OWNER, repo: 'old', branch: 'main' }).write(
    '.github/workflows/heal-run.yml',
    OLD_WORKFLOW,
  );
});
afterAll(() => fixture.stop());

function execution(
  events: ActionsRunEvent[] = [],
  overrides: { returnRunDetails?: boolean; timeoutMs?: number; setup?: ActionsSetup; repo?: string } = {},
) {
  return createActionsExecution({
    octokit,
    owner: OWNER,
    repo: overrides.repo ?? REPO,
    ref: 'main',
    pollIntervalMs: 50,
    maxPollIntervalMs: 200,
    onEvent: (event) => events.push(event),
    ...overrides,
  });
}

const requestsOf = (from: number) =>
  fixture.sim.requests.slice(from).map((request) => `${request.method} ${request.route}`);

describe('Actions execution on the simulator', () => {
  it('runs a command on a runner and returns its exit code and output, in a bounded number of requests', {
    timeout: 60_000,
  }, async () => {
    const before = fixture.sim.requests.length;
    const events: ActionsRunEvent[] = [];
    const result = await execution(events).run({
      command: ['sh', '-c', 'echo "hello $WHO"; echo oops >&2; exit 3'],
      env: { WHO: 'runner' },
    });
    expect(result).toMatchObject({ exitCode: 3, timedOut: false, aborted: false });
    expect(result.stdout).toContain('hello runner');
    expect(result.stdout).toContain('oops');
    const requests = requestsOf(before);
    expect(requests.filter((route) => route.includes('/dispatches'))).toHaveLength(1);
    expect(requests.filter((route) => route.endsWith('/actions/workflows/{workflow_id}/runs'))).toHaveLength(
      0,
    );
    expect(requests.filter((route) => route.endsWith('/artifacts'))).toHaveLength(1);
    const runId = events.find((event) => event.type === 'dispatched')?.runId;
    expect(runId).toBeTypeOf('number');
    const run = fixture.sim.runs(OWNER, REPO).find((candidate) => candidate.id === runId);
    expect(run?.displayTitle).toMatch(/^heal-run heal-/);
    expect(run?.conclusion).toBe('failure');
  });

  it('parses the uploaded JUnit report into a TestResult', { timeout: 60_000 }, async () => {
    const { command, result } = await execution().runTests({
      command: './scripts/junit.sh',
      report: { format: 'auto', path: 'reports/junit.xml' },
    });
    expect(command.exitCode).toBe(1);
    expect(command.stdout).toContain('1 passed, 1 failed');
    expect(result).toMatchObject({ passed: 1, failed: 1, source: 'junit' });
    expect(result.failedTests[0]).toMatchObject({
      id: 'test/unit.test.js > divides',
      message: 'expected 2 to be 3',
    });
  });

  it('without a report, the exit code is the result', { timeout: 60_000 }, async () => {
    const { result } = await execution().runTests({ command: 'true' });
    expect(result).toMatchObject({ passed: 1, failed: 0, source: 'exit-code' });
  });

  it('finds the run by the correlation id in its name when the dispatch answer has no run id', {
    timeout: 60_000,
  }, async () => {
    const before = fixture.sim.requests.length;
    const events: ActionsRunEvent[] = [];
    const result = await execution(events, { returnRunDetails: false }).run({ command: 'echo found' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('found');
    expect(events.find((event) => event.type === 'dispatched')).toMatchObject({ runId: null });
    expect(events.find((event) => event.type === 'run-found')).toBeDefined();
    expect(
      requestsOf(before).filter((route) => route.endsWith('/actions/workflows/{workflow_id}/runs')).length,
    ).toBeGreaterThan(0);
  });

  it('cancels a run that outlives its timeout and says so', { timeout: 60_000 }, async () => {
    const events: ActionsRunEvent[] = [];
    const result = await execution(events).run({ command: 'sleep 30', timeoutMs: 1500 });
    expect(result).toMatchObject({ exitCode: null, timedOut: true });
    const cancelled = events.find((event) => event.type === 'cancelled');
    expect(cancelled).toMatchObject({ reason: 'timeout' });
    const run = fixture.sim
      .runs(OWNER, REPO)
      .find((candidate) => cancelled?.type === 'cancelled' && candidate.id === cancelled.runId);
    expect(run?.conclusion).toBe('cancelled');
  });

  it('cancels the run when the caller aborts, and dispatches nothing when already aborted', {
    timeout: 60_000,
  }, async () => {
    const controller = new AbortController();
    const events: ActionsRunEvent[] = [];
    const exec = createActionsExecution({
      octokit,
      owner: OWNER,
      repo: REPO,
      ref: 'main',
      pollIntervalMs: 50,
      maxPollIntervalMs: 200,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'status' && event.status === 'in_progress') controller.abort();
      },
    });
    const result = await exec.run({ command: 'sleep 30', signal: controller.signal });
    expect(result).toMatchObject({ exitCode: null, aborted: true, timedOut: false });
    expect(events.find((event) => event.type === 'cancelled')).toMatchObject({ reason: 'abort' });

    const before = fixture.sim.requests.length;
    const again = await exec.run({ command: 'echo never', signal: controller.signal });
    expect(again.aborted).toBe(true);
    expect(fixture.sim.requests.length).toBe(before);
  });

  it('runs the setup before the command on every run, and tells a failed setup from a failing command', {
    timeout: 90_000,
  }, async () => {
    const installs = execution([], {
      setup: { command: 'mkdir -p deps && echo installed > deps/marker', timeoutMs: 60_000 },
    });
    const ran = await installs.run({ command: 'cat deps/marker' });
    expect(ran).toMatchObject({ exitCode: 0 });
    expect(ran.stdout).toContain('installed');

    const events: ActionsRunEvent[] = [];
    const broken = execution(events, {
      setup: {
        command: ['sh', '-c', 'echo "npm ERR! package-lock.json is out of sync"; exit 1'],
        timeoutMs: 60_000,
      },
    });
    const tests = await broken.runTests({
      command: './scripts/junit.sh',
      report: { format: 'junit', path: 'reports/junit.xml' },
    });
    expect(tests.problem?.kind).toBe('setup-failed');
    expect(tests.problem?.message).toMatch(/the setup command `sh -c .*` failed on the runner \(exit 1\)/);
    expect(tests.problem?.message).toContain('did not run: package-lock.json is out of sync;');
    expect(tests.problem?.message).toContain('./scripts/junit.sh` did not run');
    expect(tests.result).toMatchObject({ total: 0, failed: 0, failedTests: [] });
    expect(tests.command.exitCode).toBe(1);
    const runId = events.find((event) => event.type === 'dispatched')?.runId;
    const steps = fixture.sim.runs(OWNER, REPO).find((run) => run.id === runId)?.jobs[0]?.steps ?? [];
    expect(steps.map((step) => `${step.name}: ${step.conclusion}`)).toContain('Run the command: skipped');

    // A fixer or a build whose setup failed never ran: an error naming the setup, not its exit code.
    const failure = await broken.run({ command: 'npx prettier --write .' }).catch((error: unknown) => error);
    expect(isHealingError(failure, 'COMMAND_FAILED')).toBe(true);
    expect(String(failure)).toMatch(
      /the setup command .* failed on the runner \(exit 1\), so `npx prettier --write \.` did not run/,
    );
  });

  it('names the setup action that failed before the command could run, with its error', {
    timeout: 60_000,
  }, async () => {
    const run = await execution([], { repo: 'toolchain' }).runTests({ command: 'npm test' });
    expect(run.problem?.kind).toBe('setup-failed');
    expect(run.problem?.message).toMatch(
      /step "Set up Node\.js" of heal-run\.yml failed on the runner before `npm test` could run: The specified node version file at: \S+\/\.node-version does not exist/,
    );
  });

  it('asks the runner found in package.json for a report, and names each test relative to the checkout', {
    timeout: 60_000,
  }, async () => {
    const run = await execution().runTests({ command: 'npm test' });
    expect(run.problem).toBeUndefined();
    expect(run.result.source).not.toBe('exit-code');
    expect(run.result).toMatchObject({ passed: 1, failed: 1 });
    const [failed] = run.result.failedTests;
    expect(failed?.name).toContain('divides');
    expect(failed?.file).toBe('test/math.test.js');
    expect(run.command.exitCode).not.toBe(0);

    // The focus reaches the runner (node's own, called directly): only the failing test runs.
    const focused = await execution().runTests({
      command: 'node --test',
      focus: [{ id: failed?.id ?? '', name: failed?.name ?? '', file: failed?.file ?? null }],
    });
    expect(focused.focused).toBe(true);
    expect(focused.result).toMatchObject({ passed: 0, failed: 1 });
  });

  it('says how to update a workflow installed by an older healing', { timeout: 30_000 }, async () => {
    const failure = await execution([], { repo: 'old', setup: { command: 'npm ci', timeoutMs: 1000 } })
      .run({ command: 'true' })
      .catch((error: unknown) => error);
    expect(isHealingError(failure, 'CONFIG_INVALID')).toBe(true);
    expect(String(failure)).toMatch(/Unexpected inputs provided.*heal init --github --force/);
  });
});

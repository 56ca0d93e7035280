import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActionsRunEvent,
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

let fixture: SimulatorFixture;
let octokit: GitHubClient;
beforeAll(async () => {
  // Runs dispatched without run details appear late, as on GitHub, so the search must poll.
  fixture = await startSimulator([{ name: REPO }], { actions: { dispatchDelayMs: 400 } });
  octokit = await fixture.client();
  const storage = createGitHubStorage({ octokit, owner: OWNER, repo: REPO, branch: 'main' });
  await installActionsWorkflow(storage);
  await storage.write('scripts/junit.sh', JUNIT_WRITER, { mode: '100755' });
});
afterAll(() => fixture.stop());

function execution(
  events: ActionsRunEvent[] = [],
  overrides: { returnRunDetails?: boolean; timeoutMs?: number } = {},
) {
  return createActionsExecution({
    octokit,
    owner: OWNER,
    repo: REPO,
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
});

import type { FlakyTest, HealAttempt, RunProblem, TestRunResult } from '@healing/adapters';
import type { HealContext } from '../run/heal-context.js';
import type { RunPlace } from '../run/run-at-failing-revision.js';
import { runTargets } from '../run/run-commands.js';
import { withWorkspace } from '../run/with-workspace.js';

export interface NotReproduced {
  /** Why the heal stops: the workspace could not run the tests, or ran them and they pass there. */
  readonly summary: string;
  readonly problem?: RunProblem;
}

export interface FailureCheck {
  /** The flaky strategy's attempt; null when it is switched off (only the reproduction ran). */
  readonly attempt: HealAttempt | null;
  /** Every failing test with its pass/fail counts over the observed run and the reruns. */
  readonly counts: readonly FlakyTest[];
  /** Tests that both passed and failed on this commit. */
  readonly flakyIds: ReadonlySet<string>;
  readonly notReproduced?: NotReproduced;
}

/**
 * Reruns the failing tests on the failing commit in a workspace with the project's
 * dependencies: `reruns` times (once when the flaky strategy is off), focused on them where
 * the runner allows. The first rerun must reproduce the failure: if the workspace cannot run
 * the tests, the heal stops there, since every later verdict would be about the workspace, not
 * the code. A failing test that passed at least once is flaky. Tests that fail in the user's
 * checkout and pass every time in the workspace are checked once more in the checkout: failing
 * there again, the difference is the environment (untracked files, a stale build), not flakiness.
 */
export async function checkFailure(
  context: HealContext,
  observedIn: RunPlace | 'report',
): Promise<FailureCheck> {
  const startedAt = context.now();
  const { enabled, reruns, delayMs } = context.config.strategies.flaky;
  const ids = context.before.failedTests.map((test) => test.id);
  const passes = new Map(ids.map((id) => [id, 0]));
  const failures = new Map(ids.map((id) => [id, 1]));
  const count = (run: TestRunResult): void => {
    const failed = new Set(run.result.failedTests.map((test) => test.id));
    const passed = new Set(run.result.passedTestIds);
    const isReportless = run.result.source === 'exit-code';
    for (const id of ids) {
      if (failed.has(id)) failures.set(id, (failures.get(id) ?? 0) + 1);
      else if (passed.has(id) || (isReportless && run.result.failed === 0))
        passes.set(id, (passes.get(id) ?? 0) + 1);
    }
  };
  const runs = enabled ? reruns : 1;
  const stopped = await withWorkspace(
    context,
    { revision: context.sha, label: 'reproduce', prepare: true },
    async (workspace, setup): Promise<NotReproduced | null> => {
      if (setup?.failure !== undefined) {
        return notReproducedBy(context, { kind: 'setup-failed', message: setup.failure });
      }
      for (let rerun = 0; rerun < runs; rerun += 1) {
        if (rerun > 0 && delayMs > 0) await context.sleep(delayMs);
        const run = await runTargets(context, workspace.execution);
        if (rerun === 0) {
          context.emit({
            type: 'failure-reproduced',
            isReproduced: run.problem === undefined && run.result.failed > 0,
            result: run.result,
            ...(run.problem ? { problem: run.problem } : {}),
          });
          if (run.problem !== undefined) return notReproducedBy(context, run.problem);
        }
        // A later rerun that could not run says nothing about flakiness.
        if (run.problem === undefined) count(run);
      }
      return null;
    },
  );
  if (stopped !== null) return { attempt: null, counts: [], flakyIds: new Set(), notReproduced: stopped };
  const passedEveryRerun = ids.length > 0 && ids.every((id) => (failures.get(id) ?? 0) === 1);
  if (passedEveryRerun && observedIn === 'checkout') {
    // Once more where it failed: if it fails there again, the two places differ.
    const again = await runTargets(context, context.execution, context.cwd ? { cwd: context.cwd } : {});
    const failedAgain = new Set(again.result.failedTests.map((test) => test.id));
    if (again.problem === undefined && ids.every((id) => failedAgain.has(id))) {
      return { attempt: null, counts: [], flakyIds: new Set(), notReproduced: differsFromCheckout(context) };
    }
    count(again);
  }
  const counts = ids.map((id) => ({ id, passes: passes.get(id) ?? 0, failures: failures.get(id) ?? 0 }));
  const flaky = counts.filter((entry) => entry.passes > 0);
  if (!enabled) {
    if (flaky.length === 0) return { attempt: null, counts, flakyIds: new Set() };
    return {
      attempt: null,
      counts,
      flakyIds: new Set(),
      notReproduced: {
        summary: `the failure did not reproduce in a workspace at ${context.sha.slice(0, 7)}: ${flaky.map((entry) => entry.id).join(', ')} passed there; it may be flaky (strategies.flaky is off)`,
      },
    };
  }
  const reason =
    flaky.length === 0
      ? `every failing test failed again in ${runs} rerun${runs === 1 ? '' : 's'}: the failure is deterministic`
      : `${flaky.length} of ${ids.length} failing tests passed on rerun: ${flaky
          .map((entry) => `${entry.id} (${entry.passes} passed, ${entry.failures} failed)`)
          .join(', ')}`;
  const isAllFlaky = flaky.length === ids.length && ids.length > 0;
  return {
    attempt: {
      strategy: 'flaky',
      outcome: isAllFlaky ? 'accepted' : 'failed',
      reason,
      testRuns: runs,
      durationMs: Math.max(0, context.now() - startedAt),
    },
    counts,
    flakyIds: new Set(flaky.map((entry) => entry.id)),
  };
}

function failingCount(context: HealContext): string {
  const count = context.targetIds.length;
  return `${count} test${count === 1 ? '' : 's'} fail${count === 1 ? 's' : ''} in your checkout`;
}

function notReproducedBy(context: HealContext, problem: RunProblem): NotReproduced {
  const what =
    problem.kind === 'setup-failed'
      ? 'its setup failed'
      : problem.kind === 'no-tests'
        ? 'the test command ran no tests there'
        : 'the test command could not run there';
  const hint =
    problem.kind === 'setup-failed'
      ? 'fix or set `setup` in heal.config.json'
      : 'set `setup` in heal.config.json to install what the tests need';
  return {
    summary: `the workspace does not reproduce the failure: ${failingCount(context)}, ${what}: ${problem.message}; ${hint}`,
    problem,
  };
}

function differsFromCheckout(context: HealContext): NotReproduced {
  return {
    summary: `the workspace does not reproduce the failure: ${failingCount(context)} and pass in a clean workspace at ${context.sha.slice(0, 7)}; something in your checkout that git does not track (untracked or ignored files, a stale build) changes the result`,
  };
}

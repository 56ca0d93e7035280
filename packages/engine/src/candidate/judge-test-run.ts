import type { TestResult } from '@healing/adapters';

export interface TestRunJudgement {
  readonly isPassing: boolean;
  /** Why not, in one sentence naming the tests. */
  readonly reason: string;
}

export interface JudgeOptions {
  readonly before: TestResult;
  readonly targetIds: readonly string[];
  readonly flakyIds: ReadonlySet<string>;
  /** `targets`: a focused run of the failing tests, where other tests are absent by design. */
  readonly scope?: 'targets' | 'suite';
}

const LISTED = 5;

/**
 * Compares a run after a candidate with the run before it: every target test must pass, no
 * test that passed before may fail now, none may have disappeared (deleted or skipped), and no
 * fewer tests may run. A target that is the command as a whole (a lint step, a non-zero exit)
 * passes when the command no longer fails that way.
 */
export function judgeTestRun(after: TestResult, options: JudgeOptions): TestRunJudgement {
  const failedAfter = new Set(after.failedTests.map((test) => test.id));
  const passedAfter = new Set(after.passedTestIds);
  const isReportless = after.source === 'exit-code';
  const stillFailing = options.targetIds.filter((id) => failedAfter.has(id));
  if (stillFailing.length > 0) return fail(`still failing: ${list(stillFailing)}`);
  if (isReportless) {
    return after.failed === 0 ? pass() : fail(`the test command still fails (${after.failed} failed)`);
  }
  const commandIds = new Set(
    options.before.failedTests.filter((test) => test.scope === 'command').map((test) => test.id),
  );
  const notRun = options.targetIds.filter((id) => !passedAfter.has(id) && !commandIds.has(id));
  if (notRun.length > 0) return fail(`no longer run: ${list(notRun)}`);
  if (options.scope === 'targets') return pass();
  const newlyFailing = options.before.passedTestIds.filter(
    (id) => failedAfter.has(id) && !options.flakyIds.has(id),
  );
  if (newlyFailing.length > 0) return fail(`breaks tests that passed before: ${list(newlyFailing)}`);
  const vanished = options.before.passedTestIds.filter((id) => !passedAfter.has(id) && !failedAfter.has(id));
  if (vanished.length > 0) return fail(`tests that passed before no longer run: ${list(vanished)}`);
  const ranBefore = testsRun(options.before);
  const ranAfter = testsRun(after);
  if (ranAfter < ranBefore) {
    return fail(`fewer tests run than before: ${ranAfter} after the change, ${ranBefore} before`);
  }
  const otherFailures = [...failedAfter].filter((id) => !options.flakyIds.has(id));
  if (otherFailures.length > 0) return fail(`tests fail: ${list(otherFailures)}`);
  return pass();
}

/** Tests that ran (passed or failed), not counting the command as a whole. */
function testsRun(result: TestResult): number {
  const commandLevel = result.failedTests.filter((test) => test.scope === 'command').length;
  return result.passed + result.failed - commandLevel;
}

function list(ids: readonly string[]): string {
  const shown = ids.slice(0, LISTED).join(', ');
  return ids.length > LISTED ? `${shown} and ${ids.length - LISTED} more` : shown;
}

function pass(): TestRunJudgement {
  return { isPassing: true, reason: 'all tests pass' };
}

function fail(reason: string): TestRunJudgement {
  return { isPassing: false, reason };
}

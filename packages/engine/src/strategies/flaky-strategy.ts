import type { FlakyTest, HealAttempt } from '@healing/adapters';
import type { HealContext } from '../run/heal-context.js';
import { runAtFailingRevision } from '../run/run-at-failing-revision.js';
import { focusFilesOf } from '../run/run-commands.js';

export interface FlakyResult {
  readonly attempt: HealAttempt;
  /** Every failing test with its pass/fail counts over the first run and the reruns. */
  readonly counts: readonly FlakyTest[];
  /** Tests that both passed and failed on this commit. */
  readonly flakyIds: ReadonlySet<string>;
}

/**
 * Reruns the failing tests (their files with `test.focusCommand`, else the whole suite)
 * `reruns` times on the same commit (nothing is changed) and counts how often each failing test passes. One that passed at least once is
 * flaky: no code change can be proven to fix it.
 */
export async function runFlakyStrategy(context: HealContext): Promise<FlakyResult> {
  const startedAt = context.now();
  const { reruns, delayMs } = context.config.strategies.flaky;
  const ids = context.before.failedTests.map((test) => test.id);
  const passes = new Map(ids.map((id) => [id, 0]));
  const failures = new Map(ids.map((id) => [id, 1]));
  const focusFiles = focusFilesOf(context);
  for (let rerun = 0; rerun < reruns; rerun += 1) {
    if (rerun > 0 && delayMs > 0) await context.sleep(delayMs);
    const { result } = await runAtFailingRevision(context, focusFiles);
    const failed = new Set(result.failedTests.map((test) => test.id));
    const passed = new Set(result.passedTestIds);
    const isReportless = result.source === 'exit-code';
    for (const id of ids) {
      if (failed.has(id)) failures.set(id, (failures.get(id) ?? 0) + 1);
      else if (passed.has(id) || (isReportless && result.failed === 0))
        passes.set(id, (passes.get(id) ?? 0) + 1);
    }
  }
  const counts = ids.map((id) => ({ id, passes: passes.get(id) ?? 0, failures: failures.get(id) ?? 0 }));
  const flaky = counts.filter((count) => count.passes > 0);
  const reason =
    flaky.length === 0
      ? `every failing test failed again in ${reruns} rerun${reruns === 1 ? '' : 's'}: the failure is deterministic`
      : `${flaky.length} of ${ids.length} failing tests passed on rerun: ${flaky
          .map((count) => `${count.id} (${count.passes} passed, ${count.failures} failed)`)
          .join(', ')}`;
  const isAllFlaky = flaky.length === ids.length && ids.length > 0;
  return {
    attempt: {
      strategy: 'flaky',
      outcome: isAllFlaky ? 'accepted' : 'failed',
      reason,
      testRuns: reruns,
      durationMs: Math.max(0, context.now() - startedAt),
    },
    counts,
    flakyIds: new Set(flaky.map((count) => count.id)),
  };
}

import { createTestResult, type TestRunResult } from '@healing/adapters';
import type { ActionsRunOutcome } from './run-on-actions.js';

/** A run whose setup failed: no verdict on the code, only the problem naming the setup. */
export function setupFailedRun(outcome: ActionsRunOutcome): TestRunResult {
  return {
    command: outcome.result,
    result: createTestResult({ durationMs: outcome.result.durationMs, source: 'exit-code' }),
    problem: {
      kind: 'setup-failed',
      message: outcome.setupFailure?.message ?? 'the setup failed on the runner',
    },
  };
}

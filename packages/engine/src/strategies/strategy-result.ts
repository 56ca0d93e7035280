import type { Culprit, HealAttempt, TestResult } from '@healing/adapters';

/** What one strategy leaves behind: every attempt, and the validated one if any. */
export interface StrategyResult {
  readonly attempts: readonly HealAttempt[];
  readonly accepted?: { readonly attempt: HealAttempt; readonly after: TestResult };
  readonly culprit?: Culprit;
}

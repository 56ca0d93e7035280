import type { Delivery, HealAttempt, HealReport, HealStrategy, TestResult } from '@healing/adapters';

/** Progress of one heal, for the CLI and the worker to show; the engine itself prints nothing. */
export type HealEvent =
  | { readonly type: 'run-started'; readonly repository: string; readonly sha: string; readonly at: string }
  | {
      readonly type: 'failure-observed';
      readonly fingerprint: string;
      readonly result: TestResult;
    }
  | { readonly type: 'strategy-started'; readonly strategy: HealStrategy }
  | { readonly type: 'bisect-step'; readonly sha: string; readonly verdict: 'good' | 'bad' | 'skip' }
  | { readonly type: 'strategy-tried'; readonly strategy: HealStrategy; readonly attempt: HealAttempt }
  | {
      readonly type: 'candidate-validated';
      readonly strategy: HealStrategy;
      readonly after: TestResult;
    }
  | { readonly type: 'candidate-rejected'; readonly strategy: HealStrategy; readonly reason: string }
  | { readonly type: 'delivered'; readonly delivery: Delivery }
  | { readonly type: 'finished'; readonly report: HealReport };

export type HealEventType = HealEvent['type'];
export type HealEventListener = (event: HealEvent) => void;

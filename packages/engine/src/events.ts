import type {
  Delivery,
  HealAttempt,
  HealReport,
  HealStrategy,
  RunProblem,
  TestResult,
  WorkspaceSetup,
} from '@healing/adapters';

/** Progress of one heal, for the CLI and the worker to show; the engine itself prints nothing. */
export type HealEvent =
  | { readonly type: 'run-started'; readonly repository: string; readonly sha: string; readonly at: string }
  | {
      readonly type: 'failure-observed';
      readonly fingerprint: string;
      readonly result: TestResult;
    }
  | {
      readonly type: 'workspace-ready';
      readonly label: string;
      readonly revision: string;
      readonly setup: WorkspaceSetup;
    }
  /** The first run in a workspace at the failing commit: does it fail the way the observed run did? */
  | {
      readonly type: 'failure-reproduced';
      readonly isReproduced: boolean;
      readonly result: TestResult;
      readonly problem?: RunProblem;
    }
  | { readonly type: 'strategy-started'; readonly strategy: HealStrategy }
  | {
      readonly type: 'bisect-step';
      readonly sha: string;
      readonly verdict: 'good' | 'bad' | 'skip';
      /** Why a step was skipped: the commit does not build, or its tests could not run. */
      readonly reason?: string;
    }
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

import type {
  CacheAdapter,
  ExecutionAdapter,
  GitAdapter,
  TestResult,
  WorkspaceProvider,
  WorkspaceSetup,
} from '@healing/adapters';
import type { HealConfig } from '../config/heal-config.js';
import type { HealEvent } from '../events.js';

/** Counters the report and the benchmark read: how much of a heal was spent in commands. */
export interface HealMetrics {
  testRuns: number;
  /** Milliseconds spent inside test, build, lint and fixer commands. */
  commandMs: number;
  workspaces: number;
  /** Tokens the model reported using. */
  modelTokens: number;
  /** Test runs that ran only the failing tests (the rest ran the whole suite). */
  focusedRuns: number;
  /** Milliseconds spent giving workspaces the project's dependencies. */
  setupMs: number;
  setups: Array<WorkspaceSetup & { readonly label: string; readonly revision: string }>;
}

/** Everything a strategy needs, fixed for one heal. */
export interface HealContext {
  readonly config: HealConfig;
  readonly git: GitAdapter;
  readonly execution: ExecutionAdapter;
  readonly workspaces: WorkspaceProvider;
  readonly cache: CacheAdapter;
  /** Directory commands run in for the repository itself (observe, flaky reruns). */
  readonly cwd: string | undefined;
  /** The failing revision is the repository's checked-out HEAD with a clean tree, so its tests can run in place. */
  readonly isCheckedOut: boolean;
  readonly repository: string;
  readonly sha: string;
  readonly before: TestResult;
  /** Ids of the tests that fail deterministically: what a candidate must make pass. */
  readonly targetIds: readonly string[];
  /** Repository paths of the failing tests' files. */
  readonly failingTestFiles: readonly string[];
  /** Tests seen both passing and failing on this commit; ignored when judging a candidate. */
  readonly flakyIds: ReadonlySet<string>;
  /**
   * Whether runs may be focused on the target tests. A focused run that turns out not to run
   * them (the runner could not be filtered after all) switches it off for the rest of the heal.
   */
  readonly focus: { isEnabled: boolean };
  readonly now: () => number;
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly fetch: typeof fetch;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal: AbortSignal | undefined;
  readonly secrets: readonly string[];
  readonly metrics: HealMetrics;
  emit(event: HealEvent): void;
}

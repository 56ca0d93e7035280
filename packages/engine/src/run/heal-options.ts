import type {
  CacheAdapter,
  ExecutionAdapter,
  GitAdapter,
  TestResult,
  TestRunResult,
  WorkspaceProvider,
} from '@healing/adapters';
import type { HealConfig, HealConfigInput } from '../config/heal-config.js';
import type { HealEventListener } from '../events.js';

export interface HealOptions {
  /** The repository being healed; its working tree and checked-out branch are never changed. */
  readonly git: GitAdapter;
  /** Runs the tests in the repository itself when the failing revision is checked out there with a clean tree. */
  readonly execution: ExecutionAdapter;
  /** Isolated copies where candidates and bisect steps run. */
  readonly workspaces: WorkspaceProvider;
  /** History, fingerprints, flaky statistics and the one-heal-per-failure record. */
  readonly cache: CacheAdapter;
  /** Validated with HealConfigSchema; a bad config throws CONFIG_INVALID naming the key. */
  readonly config: HealConfigInput | HealConfig;
  /** Directory the repository's commands run in (default: the execution adapter's own). */
  readonly cwd?: string;
  /** Name used in reports and cache keys, e.g. `owner/name` (default `local`). */
  readonly repository?: string;
  /** The failing revision (default HEAD); when it is not the checked-out one, its tests run in a workspace. */
  readonly revision?: string;
  /**
   * The branch the failure was seen on, which a pull request targets (default: the git
   * adapter's current branch; on GitHub, pass the failed run's head branch).
   */
  readonly branch?: string;
  /** A failing run already observed (e.g. by CI): used instead of running the tests first. */
  readonly failingRun?: TestRunResult | TestResult;
  /** Environment the model key is read from (default process.env); never passed to commands. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly newId?: () => string;
  readonly onEvent?: HealEventListener;
  readonly signal?: AbortSignal;
}

import type { GitHubClient } from '../client/github-client.js';

/** What an Actions run reports as it goes; libraries never print, so the caller decides. */
export type ActionsRunEvent =
  | { readonly type: 'dispatched'; readonly correlationId: string; readonly runId: number | null }
  | {
      readonly type: 'run-found';
      readonly correlationId: string;
      readonly runId: number;
      readonly url: string;
    }
  | { readonly type: 'status'; readonly runId: number; readonly status: string }
  | { readonly type: 'cancelled'; readonly runId: number; readonly reason: 'timeout' | 'abort' };

/** The command that installs a project's dependencies on the runner before each command. */
export interface ActionsSetup {
  readonly command: string | readonly string[];
  /** Added to the run's timeout: a fresh runner installs everything again. */
  readonly timeoutMs: number;
  readonly env?: Readonly<Record<string, string>>;
}

export interface ActionsExecutionOptions {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  /** The revision the runner checks out (branch, tag or sha). */
  readonly ref: string;
  /** The branch or tag that holds the workflow file, where it is dispatched (default: `ref`). */
  readonly workflowRef?: string;
  /** Workflow file name or id (default `heal-run.yml`). */
  readonly workflow?: string;
  /** A run still going after this is cancelled (default 30 minutes, or the spec's timeoutMs). */
  readonly timeoutMs?: number;
  /** First wait between status polls (default 5 s); grows by half each poll up to `maxPollIntervalMs`. */
  readonly pollIntervalMs?: number;
  /** Longest wait between polls (default 30 s). */
  readonly maxPollIntervalMs?: number;
  /** How long to look for a dispatched run that GitHub did not name (default 2 minutes). */
  readonly findTimeoutMs?: number;
  /**
   * Ask GitHub for the run id in the dispatch answer (`return_run_details`, default true); turn
   * it off for servers that refuse the parameter, and the run is found by its correlation id.
   */
  readonly returnRunDetails?: boolean;
  readonly now?: () => number;
  readonly sleep?: (milliseconds: number) => Promise<void>;
  readonly correlationId?: () => string;
  readonly onEvent?: (event: ActionsRunEvent) => void;
  /**
   * Called after `run` with the changes the command made to the runner's checkout, as a
   * git-format patch (empty when it changed nothing). Setting it asks the workflow to record
   * them; fixers (formatters, `eslint --fix`) are how a heal gets their output back.
   */
  readonly onChanges?: (patch: string) => Promise<void>;
  /**
   * Installs the project's dependencies before every command (input `setup`: each run is a fresh
   * runner). Its failure is told apart from the command's: a test run gets `problem:
   * { kind: 'setup-failed' }`, and `run` throws COMMAND_FAILED naming the setup.
   */
  readonly setup?: ActionsSetup | null;
}

import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

export interface RunState {
  readonly id: number;
  readonly status: string;
  readonly conclusion: string | null;
  readonly url: string;
  readonly startedAt: string | null;
  readonly updatedAt: string;
}

export async function readRun(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  runId: number,
): Promise<RunState> {
  try {
    const { data } = await octokit.rest.actions.getWorkflowRun({ ...coordinates, run_id: runId });
    return {
      id: data.id,
      status: data.status ?? 'queued',
      conclusion: data.conclusion,
      url: data.html_url,
      startedAt: data.run_started_at ?? null,
      updatedAt: data.updated_at,
    };
  } catch (error) {
    throw toGitHubError(error, `reading Actions run ${runId}`);
  }
}

export async function cancelRun(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  runId: number,
): Promise<void> {
  try {
    await octokit.rest.actions.cancelWorkflowRun({ ...coordinates, run_id: runId });
  } catch (error) {
    // 409: the run finished before the cancel arrived, which is what we wanted anyway.
    if ((error as { status?: number }).status === 409) return;
    throw toGitHubError(error, `cancelling Actions run ${runId}`);
  }
}

/** At the 30 s ceiling this is over a day of polling; no real run gets near it. */
const MAX_POLLS = 5000;

export interface WaitOptions {
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly now: () => number;
  /** Waits; given the signal, it may stop early when it aborts. */
  readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
  readonly onStatus?: (run: RunState) => void;
}

/** Polls a run until it completes, the deadline passes or the signal aborts; waits grow by half each poll. */
export async function waitForRun(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  runId: number,
  options: WaitOptions,
): Promise<{ run: RunState; outcome: 'completed' | 'timeout' | 'abort' }> {
  let interval = options.intervalMs;
  let lastStatus = '';
  for (let poll = 1; ; poll += 1) {
    const run = await readRun(octokit, coordinates, runId);
    if (run.status !== lastStatus) options.onStatus?.(run);
    lastStatus = run.status;
    if (run.status === 'completed') return { run, outcome: 'completed' };
    if (options.signal?.aborted) return { run, outcome: 'abort' };
    const remaining = options.deadline - options.now();
    // The poll count bounds the loop even under a clock that does not move.
    if (remaining <= 0 || poll >= MAX_POLLS) return { run, outcome: 'timeout' };
    await sleepUnlessAborted(options.sleep, Math.min(interval, remaining), options.signal);
    interval = Math.min(interval * 1.5, options.maxIntervalMs);
  }
}

/**
 * Waits, but wakes at once when the signal aborts (a poll wait can be half a minute), whether or
 * not the sleep given honours the signal itself.
 */
function sleepUnlessAborted(
  sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>,
  milliseconds: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!signal) return sleep(milliseconds);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    sleep(milliseconds, signal)
      .catch(() => {})
      .finally(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
  });
}

import type { CommandResult } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import type { ActionsRunEvent } from './actions-options.js';
import { dispatchWorkflow, findRunByCorrelationId } from './dispatch-workflow.js';
import { findFailedStep } from './failed-step.js';
import { cancelRun, type RunState, waitForRun } from './poll-run.js';
import { fileText, readRunArtifact } from './run-artifact.js';
import { setupEvidence } from './setup-evidence.js';

/** After a cancel, how long to wait for the run to settle so its output can still be read. */
const SETTLE_AFTER_CANCEL_MS = 60_000;
/** The workflow's step that runs the command; any other failed step stopped it from running. */
const COMMAND_STEP = 'Run the command';

/** What every run of one execution shares. */
export interface ActionsRunContext {
  readonly octokit: GitHubClient;
  readonly coordinates: RepositoryCoordinates;
  readonly workflow: string;
  readonly workflowRef: string;
  readonly ref: string;
  readonly returnRunDetails: boolean;
  readonly now: () => number;
  readonly sleep: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  readonly pollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly findTimeoutMs: number;
  readonly onEvent?: (event: ActionsRunEvent) => void;
}

export interface ActionsRunRequest {
  readonly correlationId: string;
  /** The shell line the runner runs. */
  readonly command: string;
  /** The command as the user knows it (without planned report flags), for messages; default `command`. */
  readonly label?: string;
  /** The shell line that installs the dependencies first, or null. */
  readonly setup: string | null;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly maxOutputBytes?: number;
  readonly reportPath?: string;
  readonly reportDir?: string;
  readonly captureChanges?: boolean;
}

/** Why a completed run never ran the command: its setup command, or a step before it, failed. */
export interface SetupFailure {
  /** The setup command's step (`Install the dependencies`) or the failed action's (`Set up Node.js`). */
  readonly step: string;
  readonly exitCode: number | null;
  readonly output: string;
  /** One sentence naming what failed and its evidence. */
  readonly message: string;
}

export interface ActionsRunOutcome {
  readonly result: CommandResult;
  readonly files: ReadonlyMap<string, Uint8Array> | null;
  readonly setupFailure: SetupFailure | null;
  /** The runner's checkout directory ($GITHUB_WORKSPACE), when the workflow recorded it. */
  readonly workspace: string | null;
}

/** Keeps the last `limit` bytes of output, as local execution does. */
export function tail(text: string, limit: number | undefined): { text: string; truncated: boolean } {
  if (limit === undefined) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength <= limit) return { text, truncated: false };
  return { text: bytes.subarray(bytes.byteLength - limit).toString('utf8'), truncated: true };
}

function durationOf(run: RunState, fallbackMs: number): number {
  if (run.startedAt === null) return fallbackMs;
  const span = Date.parse(run.updatedAt) - Date.parse(run.startedAt);
  return Number.isFinite(span) && span >= 0 ? span : fallbackMs;
}

const exitCodeOf = (text: string | null): number | null => {
  const parsed = text === null ? Number.NaN : Number.parseInt(text.trim(), 10);
  return Number.isInteger(parsed) ? parsed : null;
};

/**
 * Dispatches the heal-run workflow for one command, finds and waits for its run (cancelling it
 * past the timeout or on abort), and reads the exit codes, output and files it uploaded.
 */
export async function runOnActions(
  context: ActionsRunContext,
  request: ActionsRunRequest,
): Promise<ActionsRunOutcome> {
  const { octokit, coordinates, workflow, now } = context;
  const { correlationId } = request;
  const started = now();
  const dispatchedRunId = await dispatchWorkflow(octokit, coordinates, {
    workflow,
    workflowRef: context.workflowRef,
    inputs: {
      command: request.command,
      ref: context.ref,
      correlation_id: correlationId,
      report_path: request.reportPath ?? '',
      ...(request.setup === null ? {} : { setup: request.setup }),
      ...(request.reportDir === undefined ? {} : { report_dir: request.reportDir }),
      ...(request.captureChanges ? { capture_changes: 'true' } : {}),
    },
    returnRunDetails: context.returnRunDetails,
  });
  context.onEvent?.({ type: 'dispatched', correlationId, runId: dispatchedRunId });
  const deadline = started + request.timeoutMs;
  const runId =
    dispatchedRunId ??
    (await findRunByCorrelationId(octokit, coordinates, {
      workflow,
      correlationId,
      dispatchedAt: started,
      deadline: Math.min(deadline, started + context.findTimeoutMs),
      now,
      sleep: context.sleep,
      intervalMs: context.pollIntervalMs,
    }));
  const waitOptions = {
    now,
    sleep: context.sleep,
    intervalMs: context.pollIntervalMs,
    maxIntervalMs: context.maxPollIntervalMs,
    onStatus: (run: RunState) => context.onEvent?.({ type: 'status', runId, status: run.status }),
  };
  let { run, outcome } = await waitForRun(octokit, coordinates, runId, {
    ...waitOptions,
    deadline,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  if (dispatchedRunId === null) context.onEvent?.({ type: 'run-found', correlationId, runId, url: run.url });
  if (outcome !== 'completed') {
    await cancelRun(octokit, coordinates, runId);
    context.onEvent?.({ type: 'cancelled', runId, reason: outcome });
    // The upload step runs even on cancel (if: always()); after a timeout its partial output
    // is worth a bounded wait. After an abort nobody wants it: the caller is stopping.
    if (outcome === 'timeout') {
      run = (
        await waitForRun(octokit, coordinates, runId, {
          ...waitOptions,
          deadline: now() + SETTLE_AFTER_CANCEL_MS,
        })
      ).run;
    }
  }
  // Aborted: the caller is stopping and wants no output; a cancelled run has little anyway.
  const files =
    outcome === 'abort'
      ? null
      : await readRunArtifact(octokit, coordinates, runId, `healing-${correlationId}`);
  const workspace = fileText(files, 'workspace')?.trim() || null;
  const commandExit = exitCodeOf(fileText(files, 'exit-code'));
  const durationMs = durationOf(run, now() - started);
  const base = {
    signal: null,
    stderr: '',
    durationMs,
    timedOut: outcome === 'timeout',
    aborted: outcome === 'abort',
  };
  const setupFailure =
    outcome === 'completed' && commandExit === null
      ? await setupFailureOf(context, request, run, files)
      : null;
  if (setupFailure !== null) {
    const output = tail(setupFailure.output, request.maxOutputBytes);
    return {
      result: {
        ...base,
        exitCode: setupFailure.exitCode,
        stdout: output.text,
        stderr: `${setupFailure.message}\n`,
        outputTruncated: output.truncated,
      },
      files,
      setupFailure,
      workspace,
    };
  }
  const exitCode =
    outcome !== 'completed'
      ? null
      : (commandExit ?? (run.conclusion === 'success' ? 0 : run.conclusion === 'failure' ? 1 : null));
  const output = tail(fileText(files, 'output.log') ?? '', request.maxOutputBytes);
  return {
    result: { ...base, exitCode, stdout: output.text, outputTruncated: output.truncated },
    files,
    setupFailure: null,
    workspace,
  };
}

/**
 * A completed run without the command's exit code: the setup command failed (its exit code is
 * in the artifact), or a step before it did (the job's log names it). Null when the command's
 * own step failed without recording (an older workflow), or the run succeeded.
 */
async function setupFailureOf(
  context: ActionsRunContext,
  request: ActionsRunRequest,
  run: RunState,
  files: ReadonlyMap<string, Uint8Array> | null,
): Promise<SetupFailure | null> {
  const setupExit = exitCodeOf(fileText(files, 'setup-exit-code'));
  if (setupExit !== null && setupExit !== 0) {
    const output = fileText(files, 'setup-output.log') ?? '';
    return {
      step: 'Install the dependencies',
      exitCode: setupExit,
      output,
      message: `the setup command \`${request.setup ?? ''}\` failed on the runner (exit ${setupExit}), so \`${request.label ?? request.command}\` did not run: ${setupEvidence(output) || 'no output'}; fix the setup command (heal.config.json "setup") or the files it installs from`,
    };
  }
  if (run.conclusion !== 'failure') return null;
  const failed = await findFailedStep(context.octokit, context.coordinates, run.id);
  if (failed === null || failed.name === COMMAND_STEP) return null;
  return {
    step: failed.name,
    exitCode: null,
    output: failed.error ?? '',
    message: `step "${failed.name}" of ${context.workflow} failed on the runner before \`${request.label ?? request.command}\` could run${failed.error ? `: ${failed.error}` : ''}; see ${run.url}`,
  };
}

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type CommandResult,
  type CommandSpec,
  createTestResult,
  type ExecutionAdapter,
  type TestCommandSpec,
  type TestResult,
} from '@healing/adapters';
import { parseTestReport } from '@healing/test-reports';
import type { RepositoryCoordinates } from '../client/github-client.js';
import type { ActionsExecutionOptions } from './actions-options.js';
import { dispatchWorkflow, findRunByCorrelationId } from './dispatch-workflow.js';
import { cancelRun, type RunState, waitForRun } from './poll-run.js';
import { fileText, readRunArtifact } from './run-artifact.js';
import { toShellCommand } from './shell-command.js';

const DEFAULT_TIMEOUT_MS = 30 * 60_000;
/** After a cancel, how long to wait for the run to settle so its output can still be read. */
const SETTLE_AFTER_CANCEL_MS = 60_000;

/** Keeps the last `limit` bytes of output, as local execution does. */
function tail(text: string, limit: number | undefined): { text: string; truncated: boolean } {
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

/**
 * Runs commands on GitHub Actions: each `run` dispatches the generic heal-run workflow with the
 * command, the revision and a correlation id, finds the run, waits with growing intervals and
 * reads the exit code, output and test report from the artifact the workflow uploads.
 */
export function createActionsExecution(options: ActionsExecutionOptions): ExecutionAdapter {
  const { octokit } = options;
  const coordinates: RepositoryCoordinates = { owner: options.owner, repo: options.repo };
  const workflow = options.workflow ?? 'heal-run.yml';
  const now = options.now ?? Date.now;
  // The default wait stops at an abort: a poll wait can be half a minute, and the timer would
  // keep a stopping process alive that long.
  const sleep =
    options.sleep ??
    ((milliseconds: number, signal?: AbortSignal) =>
      delay(milliseconds, undefined, signal ? { signal } : {}).catch(() => {}));
  const pollIntervalMs = options.pollIntervalMs ?? 5000;
  const newCorrelationId = options.correlationId ?? (() => `heal-${randomUUID()}`);

  async function execute(spec: CommandSpec, reportPath: string | undefined, captureChanges = false) {
    const started = now();
    if (spec.signal?.aborted) return { result: abortedBeforeStart(), report: null, changes: '' };
    const correlationId = newCorrelationId();
    const command = toShellCommand(spec);
    const dispatchedRunId = await dispatchWorkflow(octokit, coordinates, {
      workflow,
      workflowRef: options.workflowRef ?? options.ref,
      inputs: {
        command,
        ref: options.ref,
        correlation_id: correlationId,
        report_path: reportPath ?? '',
        ...(captureChanges ? { capture_changes: 'true' } : {}),
      },
      returnRunDetails: options.returnRunDetails ?? true,
    });
    options.onEvent?.({ type: 'dispatched', correlationId, runId: dispatchedRunId });
    const timeoutMs = spec.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = started + timeoutMs;
    const runId =
      dispatchedRunId ??
      (await findRunByCorrelationId(octokit, coordinates, {
        workflow,
        correlationId,
        dispatchedAt: started,
        deadline: Math.min(deadline, started + (options.findTimeoutMs ?? 120_000)),
        now,
        sleep,
        intervalMs: pollIntervalMs,
      }));
    const waitOptions = {
      now,
      sleep,
      intervalMs: pollIntervalMs,
      maxIntervalMs: options.maxPollIntervalMs ?? 30_000,
      onStatus: (run: RunState) => options.onEvent?.({ type: 'status', runId, status: run.status }),
    };
    let { run, outcome } = await waitForRun(octokit, coordinates, runId, {
      ...waitOptions,
      deadline,
      ...(spec.signal ? { signal: spec.signal } : {}),
    });
    if (dispatchedRunId === null)
      options.onEvent?.({ type: 'run-found', correlationId, runId, url: run.url });
    if (outcome !== 'completed') {
      await cancelRun(octokit, coordinates, runId);
      options.onEvent?.({ type: 'cancelled', runId, reason: outcome });
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
    const exitText = fileText(files, 'exit-code');
    const parsedExit = exitText === null ? Number.NaN : Number.parseInt(exitText.trim(), 10);
    const exitCode =
      outcome !== 'completed'
        ? null
        : Number.isInteger(parsedExit)
          ? parsedExit
          : run.conclusion === 'success'
            ? 0
            : run.conclusion === 'failure'
              ? 1
              : null;
    const output = tail(fileText(files, 'output.log') ?? '', spec.maxOutputBytes);
    const result: CommandResult = {
      exitCode,
      signal: null,
      stdout: output.text,
      stderr: '',
      durationMs: durationOf(run, now() - started),
      timedOut: outcome === 'timeout',
      aborted: outcome === 'abort',
      outputTruncated: output.truncated,
    };
    return {
      result,
      report: reportPath === undefined ? null : fileText(files, 'report'),
      changes: captureChanges ? (fileText(files, 'changes.patch') ?? '') : '',
    };
  }

  return {
    name: 'github-actions',
    capabilities: { killsProcessTree: true, remote: true },
    async run(spec) {
      const { result, changes } = await execute(spec, undefined, options.onChanges !== undefined);
      if (options.onChanges && result.exitCode !== null) await options.onChanges(changes);
      return result;
    },
    async runTests(spec: TestCommandSpec) {
      const reportPath = spec.report?.path;
      const { result, report } = await execute(spec, reportPath);
      const testResult: TestResult =
        report === null || spec.report?.format === 'exit-code'
          ? exitCodeResult(result, spec)
          : parseTestReport(report, spec.report?.format ?? 'auto');
      return { command: result, result: testResult };
    },
  };
}

function abortedBeforeStart(): CommandResult {
  return {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    durationMs: 0,
    timedOut: false,
    aborted: true,
    outputTruncated: false,
  };
}

/** Without a report, the exit code is the only evidence: one pass, or one failure named after the command. */
function exitCodeResult(result: CommandResult, spec: CommandSpec): TestResult {
  const name = typeof spec.command === 'string' ? spec.command : spec.command.join(' ');
  if (result.exitCode === 0)
    return createTestResult({ passedTestIds: [name], durationMs: result.durationMs, source: 'exit-code' });
  const why = result.timedOut
    ? 'timed out'
    : result.aborted
      ? 'was aborted'
      : `exited with ${result.exitCode}`;
  return createTestResult({
    failedTests: [
      { id: name, name, file: null, message: `${name} ${why}`, output: result.stdout.slice(-4000) },
    ],
    durationMs: result.durationMs,
    source: 'exit-code',
  });
}

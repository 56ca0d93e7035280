import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type CommandResult,
  type CommandSpec,
  type ExecutionAdapter,
  HealingError,
  type TestCommandSpec,
  type TestRunResult,
} from '@healing/adapters';
import { parseTestReport } from '@healing/test-reports';
import type { ActionsExecutionOptions } from './actions-options.js';
import { exitCodeResult } from './exit-code-result.js';
import { runPlannedTestsOnActions } from './planned-test-run.js';
import { fileText } from './run-artifact.js';
import { type ActionsRunContext, type ActionsRunOutcome, runOnActions } from './run-on-actions.js';
import { setupFailedRun } from './setup-failed-run.js';
import { toShellCommand } from './shell-command.js';

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

/**
 * Runs commands on GitHub Actions: each `run` dispatches the heal-run workflow with the command
 * (and the setup command, when there is one), the revision and a correlation id, finds the run,
 * waits with growing intervals and reads exit codes, output and reports from the artifact the
 * workflow uploads. A test run with no configured report is planned with the runner identified
 * from the command and package.json at the revision, so its report names each test.
 */
export function createActionsExecution(options: ActionsExecutionOptions): ExecutionAdapter {
  // The default wait stops at an abort: a poll wait can be half a minute, and the timer would
  // keep a stopping process alive that long.
  const sleep =
    options.sleep ??
    ((milliseconds: number, signal?: AbortSignal) =>
      delay(milliseconds, undefined, signal ? { signal } : {}).catch(() => {}));
  const context: ActionsRunContext = {
    octokit: options.octokit,
    coordinates: { owner: options.owner, repo: options.repo },
    workflow: options.workflow ?? 'heal-run.yml',
    workflowRef: options.workflowRef ?? options.ref,
    ref: options.ref,
    returnRunDetails: options.returnRunDetails ?? true,
    now: options.now ?? Date.now,
    sleep,
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    maxPollIntervalMs: options.maxPollIntervalMs ?? 30_000,
    findTimeoutMs: options.findTimeoutMs ?? 120_000,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  const newCorrelationId = options.correlationId ?? (() => `heal-${randomUUID()}`);
  const setup = options.setup ?? null;
  const setupLine =
    setup === null
      ? null
      : toShellCommand({ command: setup.command, ...(setup.env ? { env: setup.env } : {}) });

  /** One run of a shell line; the spec gives the timeout, signal and output limit. */
  function runLine(
    spec: CommandSpec,
    line: string,
    extra: { correlationId?: string; reportPath?: string; reportDir?: string; captureChanges?: boolean } = {},
  ): Promise<ActionsRunOutcome> {
    const timeoutMs = (spec.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + (setup?.timeoutMs ?? 0);
    return runOnActions(context, {
      correlationId: extra.correlationId ?? newCorrelationId(),
      command: line,
      label: typeof spec.command === 'string' ? spec.command : toShellCommand({ command: spec.command }),
      setup: setupLine,
      timeoutMs,
      ...(spec.signal ? { signal: spec.signal } : {}),
      ...(spec.maxOutputBytes === undefined ? {} : { maxOutputBytes: spec.maxOutputBytes }),
      ...(extra.reportPath === undefined ? {} : { reportPath: extra.reportPath }),
      ...(extra.reportDir === undefined ? {} : { reportDir: extra.reportDir }),
      ...(extra.captureChanges ? { captureChanges: true } : {}),
    });
  }

  return {
    name: 'github-actions',
    capabilities: { killsProcessTree: true, remote: true },
    async run(spec) {
      if (spec.signal?.aborted) return abortedBeforeStart();
      const outcome = await runLine(spec, toShellCommand(spec), {
        captureChanges: options.onChanges !== undefined,
      });
      // A fixer or build that never ran must not read as its own failure: the error names the setup.
      if (outcome.setupFailure !== null) {
        throw new HealingError('COMMAND_FAILED', outcome.setupFailure.message, {
          details: { step: outcome.setupFailure.step, exitCode: outcome.setupFailure.exitCode },
        });
      }
      if (options.onChanges && outcome.result.exitCode !== null) {
        await options.onChanges(fileText(outcome.files, 'changes.patch') ?? '');
      }
      return outcome.result;
    },
    async runTests(spec: TestCommandSpec): Promise<TestRunResult> {
      if (spec.signal?.aborted)
        return { command: abortedBeforeStart(), result: exitCodeResult(abortedBeforeStart(), spec) };
      if (spec.report === undefined) {
        return runPlannedTestsOnActions(spec, {
          octokit: options.octokit,
          coordinates: context.coordinates,
          ref: options.ref,
          newCorrelationId,
          run: (line, extra) => runLine(spec, line, extra),
        });
      }
      const reportPath = spec.report.path;
      const outcome = await runLine(
        spec,
        toShellCommand(spec),
        reportPath === undefined ? {} : { reportPath },
      );
      if (outcome.setupFailure !== null) return setupFailedRun(outcome);
      const report = reportPath === undefined ? null : fileText(outcome.files, 'report');
      const { format } = spec.report;
      // A file is never console output: its format is guessed from its content.
      const result =
        report === null || format === 'exit-code'
          ? exitCodeResult(outcome.result, spec)
          : parseTestReport(report, format === 'console' ? 'auto' : format);
      return { command: outcome.result, result };
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

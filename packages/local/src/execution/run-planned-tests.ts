import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CommandResult,
  type CommandSpec,
  isHealingError,
  type TestCommandSpec,
  type TestRunResult,
} from '@healing/adapters';
import { planTestRun, readTestRun, type TestRunPlan } from '@healing/test-reports';

/**
 * Runs a test command with no configured report: the runner is identified from the command
 * and the package.json where it runs, asked for a machine-readable report in a fresh temp
 * directory (never the user's tree), and the run is read test by test. A program that is not
 * there at all is a run that could not run, not an error.
 */
export async function runPlannedTests(
  spec: TestCommandSpec,
  cwd: string,
  run: (spec: CommandSpec) => Promise<CommandResult>,
): Promise<TestRunResult> {
  const packageJson = await readFile(join(cwd, 'package.json'), 'utf8').catch(() => null);
  const reportDir = await mkdtemp(join(tmpdir(), 'heal-reports-'));
  try {
    const plan = planTestRun({
      command: spec.command,
      packageJson,
      reportDir,
      ...(spec.env ? { env: spec.env } : {}),
      ...(spec.focus ? { focus: spec.focus } : {}),
    });
    const command = await run({ ...spec, command: plan.command, env: { ...plan.env } }).catch(
      (error: unknown) => notStarted(error),
    );
    const reports = await Promise.all(
      plan.reports.map((report) => readFile(report.path, 'utf8').catch(() => null)),
    );
    const label = typeof spec.command === 'string' ? spec.command : spec.command.join(' ');
    const { result, problem } = readTestRun({ plan, command, reports, rootDir: cwd, label });
    return { command, result, focused: plan.focused, ...(problem ? { problem } : {}) };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/**
 * A run whose configured report was not written: read as the runner's console output, so a
 * test command that could not start is still told from a failing test.
 */
export function readConsole(
  spec: TestCommandSpec,
  command: CommandResult,
  cwd: string,
  label: string,
): TestRunResult {
  const plan: TestRunPlan = {
    command: spec.command,
    env: {},
    runners: [],
    reports: [],
    focused: false,
    description: '',
  };
  const { result, problem } = readTestRun({ plan, command, reports: [], rootDir: cwd, label });
  return { command, result, ...(problem ? { problem } : {}) };
}

/** A spawn that failed (the program is not on PATH) as the shell would report it: exit 127. */
export function notStarted(error: unknown): CommandResult {
  if (!isHealingError(error, 'COMMAND_FAILED')) throw error;
  return {
    exitCode: 127,
    signal: null,
    stdout: '',
    stderr: `${error.message}\n`,
    durationMs: 0,
    timedOut: false,
    aborted: false,
    outputTruncated: false,
  };
}

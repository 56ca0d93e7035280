import {
  type CommandResult,
  HealingError,
  type RunProblem,
  type TestReportFormat,
  type TestResult,
} from '@healing/adapters';
import { type ConsoleOutput, cleanOutput } from '../console/console-output.js';
import { hasGoJsonEvents, readGoJson } from '../parse-go-json.js';
import { findMochaJson, readMochaJson } from '../parse-mocha-json.js';
import { readReport } from '../parse-test-report.js';
import type { TestRunPlan } from '../plan/plan-test-run.js';
import { readNodeTap } from '../read-node-tap.js';
import { countTests, createReading, mergeReadings, type Reading, toTestResult } from '../reading.js';
import { RUNNER_NAMES, type RunnerName } from '../runner-name.js';
import { classifyRun, moduleVerdict } from './classify-problem.js';
import { commandFailure, exitCodeResult, lastMeaningfulLine } from './command-failure.js';
import { CONSOLE_READERS } from './console-readers.js';
import { distinctIds, relativizeReading } from './relativize.js';

export interface ReadTestRunInput {
  readonly plan: TestRunPlan;
  readonly command: CommandResult;
  /** Text of each of plan.reports, same order; null where the file was not written. */
  readonly reports: readonly (string | null)[];
  /** Absolute directory the command ran in: absolute paths in ids and files become relative to it. null when unknown. */
  readonly rootDir: string | null;
  /** How the command is named in a synthetic result (e.g. `npm test`). */
  readonly label: string;
}

export interface ReadTestRunOutput {
  readonly result: TestResult;
  readonly problem?: RunProblem;
}

interface RunnerReading {
  readonly runner: RunnerName;
  readonly reading: Reading;
  readonly source: TestReportFormat;
}

function tryRead(read: () => Reading): Reading | null {
  try {
    return read();
  } catch {
    // A report cut short by a crash is not a verdict; the console still is.
    return null;
  }
}

function readRunner(input: ReadTestRunInput, runner: RunnerName, output: ConsoleOutput): RunnerReading[] {
  const fromReports = input.plan.reports.flatMap((report, index) => {
    const text = input.reports[index];
    if (report.runner !== runner || text === null || text === undefined) return [];
    const reading = tryRead(() =>
      report.format === 'tap' && runner === 'node' ? readNodeTap(text) : readReport(text, report.format),
    );
    return reading === null ? [] : [{ runner, reading, source: report.format }];
  });
  if (fromReports.length > 0) return fromReports;
  const mochaJson = runner === 'mocha' ? findMochaJson(output.stdout) : null;
  if (mochaJson !== null) {
    const reading = tryRead(() => readMochaJson(mochaJson));
    if (reading) return [{ runner, reading, source: 'mocha-json' }];
  }
  if (runner === 'go' && hasGoJsonEvents(output.stdout)) {
    const reading = tryRead(() => readGoJson(output.stdout, output.stderr));
    if (reading) return [{ runner, reading, source: 'go-json' }];
  }
  const reading = tryRead(() => CONSOLE_READERS[runner](output) ?? failReading());
  return reading === null ? [] : [{ runner, reading, source: 'console' }];
}

function failReading(): never {
  throw new Error('nothing of this runner in the output');
}

function checkInput(input: ReadTestRunInput): void {
  if (input.reports.length !== input.plan.reports.length) {
    throw new HealingError(
      'INVALID_INPUT',
      `readTestRun got ${input.reports.length} report texts for ${input.plan.reports.length} planned reports; pass one entry (null when missing) per plan.reports`,
    );
  }
}

/**
 * Reads a planned run: its reports, else the runners' console, else the exit code; and says
 * when the run could not run at all (a missing program or dependency, no tests, a crash).
 */
export function readTestRun(input: ReadTestRunInput): ReadTestRunOutput {
  checkInput(input);
  const { command, label } = input;
  const rootDir = input.rootDir === null ? null : input.rootDir.replace(/(.)\/+$/, '$1');
  // A run cut short says nothing reliable; today's exit-code answer stands for it.
  if (command.timedOut || command.aborted) return { result: exitCodeResult(command, label) };
  const output = cleanOutput(command);
  const runners = input.plan.runners.length > 0 ? input.plan.runners : RUNNER_NAMES;
  const readings = runners.flatMap((runner) => readRunner(input, runner, output));
  const runnerNames = [...new Set(readings.map((entry) => entry.runner))];
  const runner = runnerNames.length === 0 ? undefined : runnerNames.join(',');
  const reading = distinctIds(
    relativizeReading(mergeReadings(readings.map((entry) => entry.reading)), rootDir),
  );
  const source = readings.find((entry) => entry.source !== 'console')?.source ?? 'console';
  const text = `${output.stdout}\n${output.stderr}`;
  const isFailure = command.exitCode !== 0;

  if (countTests(reading) > 0) {
    const read = toTestResult(reading, source, runner);
    // Consoles that print no timings (cargo's libtest, go's focused runs): the command's own time.
    const result = read.durationMs > 0 ? read : { ...read, durationMs: command.durationMs };
    if (!isFailure || reading.failedTests.length > 0 || reading.loadFailures.length > 0) return { result };
    const failure = commandFailure(command, label, lastMeaningfulLine(output.stdout, output.stderr));
    return {
      result: {
        ...result,
        failed: result.failed + 1,
        total: result.total + 1,
        failedTests: [...result.failedTests, failure],
      },
    };
  }
  if (reading.loadFailures.length > 0) {
    const result = toTestResult(reading, source, runner);
    const verdicts = reading.loadFailures.map((failure) =>
      moduleVerdict(`${failure.message}\n${failure.output}`, rootDir),
    );
    const problems = verdicts.flatMap((verdict) => (verdict.kind === 'problem' ? [verdict.problem] : []));
    // Only when every file failed for want of a dependency; one broken file of the project's own is a failure to heal.
    if (problems.length === verdicts.length) return { result, problem: problems[0] as RunProblem };
    return { result };
  }
  const verdict = classifyRun({
    text,
    exitCode: command.exitCode,
    sawNoTests: reading.sawNoTests,
    rootDir,
    isPytest: input.plan.runners.includes('pytest'),
  });
  if (verdict.kind === 'problem')
    return { result: exitCodeResult(command, label, runner), problem: verdict.problem };
  if (!isFailure) return { result: exitCodeResult(command, label, runner) };
  if (verdict.kind === 'project') {
    return { result: toTestResult(createFailure(command, label, verdict.evidence), 'exit-code', runner) };
  }
  const crash = crashEvidence(command, text, input.plan.runners);
  if (crash === null) {
    // The runner left no trace of breaking (a lint step before it failed, say): the command
    // failed for a reason of the project's, which a heal may fix.
    return {
      result: toTestResult(
        createFailure(command, label, lastMeaningfulLine(output.stdout, output.stderr)),
        'exit-code',
        runner,
      ),
    };
  }
  return { result: exitCodeResult(command, label, runner), problem: { kind: 'crashed', message: crash } };
}

// Frames of the runners' own code: a runner that breaks there before reporting crashed.
const RUNNER_FRAMES: Readonly<Record<RunnerName, RegExp>> = {
  mocha: /node_modules\/(?:\.pnpm\/[^/\s]+\/node_modules\/)?mocha\//,
  jest: /node_modules\/(?:\.pnpm\/[^/\s]+\/node_modules\/)?(?:jest[\w-]*|@jest\/)/,
  vitest: /node_modules\/(?:\.pnpm\/[^/\s]+\/node_modules\/)?(?:vitest|@vitest\/)\//,
  node: /node:internal\/test_runner\//,
  pytest: /site-packages\/_pytest\/.*\n.*(?:INTERNALERROR|Error)/,
  go: /^panic: /m,
  cargo: /^error: could not compile|^thread '[^']*' panicked/m,
};

/**
 * Evidence that the runner itself broke before reporting: killed by a signal (a null exit
 * code, or 128 + signal as shells report it), V8's fatal errors, or a stack in its own code.
 * Null when nothing says so.
 */
function crashEvidence(command: CommandResult, text: string, runners: readonly RunnerName[]): string | null {
  if (command.exitCode === null) return `ended by signal ${command.signal ?? 'unknown'}`;
  const fatal = /^.*FATAL ERROR.*$/m.exec(text);
  if (fatal) return fatal[0].trim();
  if (command.exitCode > 128)
    return `exited with code ${command.exitCode} (killed by signal ${command.exitCode - 128})`;
  const frame = runners.find((name) => RUNNER_FRAMES[name].test(text));
  if (frame === undefined) return null;
  return (
    /^.*(?:Error|Exception)\b.*$/m.exec(text)?.[0].trim() ??
    `${frame} stopped with exit code ${command.exitCode}`
  );
}

function createFailure(command: CommandResult, label: string, evidence: string): Reading {
  return createReading({
    failedTests: [commandFailure(command, label, evidence)],
    durationMs: command.durationMs,
  });
}

import { type CommandResult, createTestResult, type FailedTest, type TestResult } from '@healing/adapters';

const OUTPUT_TAIL_CHARS = 4096;
/** Lines package managers add around a failing script: they say nothing about why it failed. */
const NOISE =
  /^(npm (ERR!|error|warn)|ELIFECYCLE|\s*ERR_PNPM_|error Command failed with exit code|info Visit https:\/\/yarnpkg|Command failed with exit code|Test failed\.\s+See above|Node\.js v\d|[-=_~*#⎯\s]+$|\[ELIFECYCLE\])/;

function tail(text: string): string {
  return text.length <= OUTPUT_TAIL_CHARS ? text : text.slice(text.length - OUTPUT_TAIL_CHARS);
}

function outputTail(command: CommandResult): string {
  return tail([command.stdout, command.stderr].filter((part) => part !== '').join('\n'));
}

/** The last line of the output that says something (stderr first), package-manager noise left out. */
export function lastMeaningfulLine(stdout: string, stderr: string): string {
  for (const text of [stderr, stdout]) {
    const line = text
      .split('\n')
      .map((candidate) => candidate.trim())
      .findLast((candidate) => candidate !== '' && !NOISE.test(candidate));
    if (line !== undefined) return line;
  }
  return '';
}

function describeExit(command: CommandResult): string {
  if (command.timedOut) return `timed out after ${Math.round(command.durationMs)} ms`;
  if (command.aborted) return 'aborted';
  if (command.exitCode === null) return `ended by signal ${command.signal ?? 'unknown'}`;
  return `exited with code ${command.exitCode}`;
}

/** The command as a whole failed while no test did (a lint step, a posttest, a runner exiting 1 after passing). */
export function commandFailure(command: CommandResult, label: string, evidence: string): FailedTest {
  const message = `test command ${describeExit(command)}${evidence === '' ? '' : `: ${evidence}`}`;
  return { id: label, name: label, file: null, message, output: outputTail(command), scope: 'command' };
}

/** Without anything read, the exit code is all there is: one synthetic test that passed or failed. */
export function exitCodeResult(command: CommandResult, label: string, runner?: string): TestResult {
  const isSuccess = command.exitCode === 0 && !command.timedOut && !command.aborted;
  const base = {
    durationMs: command.durationMs,
    source: 'exit-code' as const,
    ...(runner ? { runner } : {}),
  };
  if (isSuccess) return createTestResult({ ...base, passedTestIds: [label] });
  const failure = {
    id: label,
    name: label,
    file: null,
    message: `test command ${describeExit(command)}`,
    output: outputTail(command),
  };
  return createTestResult({ ...base, failedTests: [failure] });
}

import { type CommandResult, createTestResult, type TestResult } from '@healing/adapters';

const OUTPUT_TAIL_BYTES = 4096;

function tail(text: string, bytes: number): string {
  return text.length <= bytes ? text : text.slice(text.length - bytes);
}

function describeFailure(command: CommandResult): string {
  if (command.timedOut) return `timed out after ${Math.round(command.durationMs)} ms`;
  if (command.aborted) return 'aborted';
  if (command.exitCode === null) return `ended by signal ${command.signal ?? 'unknown'}`;
  return `exited with code ${command.exitCode}`;
}

/** Without a report, the exit code is all we know: one synthetic test that passed or failed. */
export function exitCodeTestResult(command: CommandResult, label: string): TestResult {
  const isSuccess = command.exitCode === 0 && !command.timedOut && !command.aborted;
  if (isSuccess) {
    return createTestResult({ passedTestIds: [label], durationMs: command.durationMs, source: 'exit-code' });
  }
  const output = tail(
    [command.stdout, command.stderr].filter((part) => part !== '').join('\n'),
    OUTPUT_TAIL_BYTES,
  );
  return createTestResult({
    failedTests: [
      { id: label, name: label, file: null, message: `test command ${describeFailure(command)}`, output },
    ],
    durationMs: command.durationMs,
    source: 'exit-code',
  });
}

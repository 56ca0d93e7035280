import { type CommandResult, type CommandSpec, createTestResult, type TestResult } from '@healing/adapters';

/**
 * Without a report, the exit code is the only evidence: one pass, or one failure that is the
 * command as a whole (scope `command`), named after it.
 */
export function exitCodeResult(result: CommandResult, spec: CommandSpec): TestResult {
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
      {
        id: name,
        name,
        file: null,
        message: `${name} ${why}`,
        output: result.stdout.slice(-4000),
        scope: 'command',
      },
    ],
    durationMs: result.durationMs,
    source: 'exit-code',
  });
}
